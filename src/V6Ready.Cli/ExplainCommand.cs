using System.CommandLine;
using System.Diagnostics;
using V6Ready.Core.Docs;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary>
/// <c>v6ready explain ID</c>: the rule's page (rules/ID.md) rendered for reading: headings, tables, code and emphasis
/// (colour on a terminal, plain text otherwise), through a pager (<c>$PAGER</c>, else <c>less -R</c>) when the page is
/// longer than the terminal. <c>--markdown</c> prints the page's Markdown (without the tests' metadata).
/// </summary>
public static class ExplainCommand
{
    public static Command Create(CliContext ctx)
    {
        var id = new Argument<string>("ID") { Description = "a rule id, e.g. V6001", HelpName = "ID" };
        id.CompletionSources.Add(RuleCatalog.All.Select(r => r.Id).ToArray());
        var markdown = new Option<bool>("--markdown") { Description = "print the page as Markdown instead of rendering it" };
        var noPager = new Option<bool>("--no-pager") { Description = "never page the output (default: page a terminal's output longer than the screen)" };
        var width = new Option<int?>("--width") { Description = "wrap at this many columns (default: the terminal's width, else 80)", HelpName = "N" };
        var color = CommonOptions.Color();
        var noColor = CommonOptions.NoColor();
        var command = new Command("explain", "print a rule's page: why it breaks, examples, fix") { id, markdown, noPager, width, color, noColor };
        command.SetAction(parse =>
        {
            var value = parse.GetValue(id)!;
            if (!RuleCatalog.TryGet(value, out var rule) || rule is null)
                throw new UsageException($"unknown rule id '{value}'. 'v6ready rules' lists them.");
            var page = RuleDocs.GetPageOrSummary(rule);
            string text;
            if (parse.GetValue(markdown))
            {
                text = RulePageText.ForUsers(page);
            }
            else
            {
                var columns = parse.GetValue(width) ?? (ctx.OutIsTerminal ? TerminalWidth() : 80);
                var useColor = CommonOptions.UseColor(ctx, parse.GetValue(color), parse.GetValue(noColor), toFile: false);
                text = RulePageRenderer.ToTerminal(page, columns, useColor);
            }
            if (!parse.GetValue(noPager) && ctx.OutIsTerminal && ReferenceEquals(ctx.Out, Console.Out) && TryPage(ctx, text)) return CliApp.ExitClean;
            ctx.Out.Write(text.EndsWith('\n') ? text : text + "\n");
            return CliApp.ExitClean;
        });
        return command;
    }

    private static int TerminalWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    /// <summary>Sends the text to <c>$PAGER</c> (run by <c>/bin/sh -c</c>, so it may carry options) or <c>less -R</c> when it is taller than the screen.</summary>
    private static bool TryPage(CliContext ctx, string text)
    {
        int height;
        try { height = Console.WindowHeight; }
        catch (IOException) { return false; }
        if (height <= 0 || text.Count(c => c == '\n') < height - 1) return false;
        var pager = ctx.GetEnv("PAGER");
        if (pager is not null && (pager.Trim().Length == 0 || pager.Trim() == "cat")) return false;
        var start = string.IsNullOrWhiteSpace(pager)
            ? new ProcessStartInfo("less") { ArgumentList = { "-R" } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", pager } };
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        if (string.IsNullOrWhiteSpace(pager)) start.Environment["LESS"] = ctx.GetEnv("LESS") ?? "FRX";
        try
        {
            using var process = Process.Start(start);
            if (process is null) return false;
            try
            {
                process.StandardInput.Write(text);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The user quit the pager before reading everything.
            }
            process.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no pager installed: print
        }
    }
}

using System.CommandLine;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary><c>v6ready explain ID</c>: prints the rule's page (rules/ID.md).</summary>
public static class ExplainCommand
{
    public static Command Create(CliContext ctx)
    {
        var id = new Argument<string>("ID") { Description = "a rule id, e.g. V6001", HelpName = "ID" };
        id.CompletionSources.Add(RuleCatalog.All.Select(r => r.Id).ToArray());
        var command = new Command("explain", "print a rule's page: why it breaks, examples, fix") { id };
        command.SetAction(parse =>
        {
            var value = parse.GetValue(id)!;
            if (!RuleCatalog.TryGet(value, out var rule) || rule is null)
                throw new UsageException($"unknown rule id '{value}'. 'v6ready rules' lists them.");
            var page = RuleDocs.GetPageOrSummary(rule);
            ctx.Out.Write(page.EndsWith('\n') ? page : page + "\n");
            return CliApp.ExitClean;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using V6Ready.Core;
using V6Ready.Core.Fixes;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary>Options several commands share (report format, output file, colour) and their meaning.</summary>
public static class CommonOptions
{
    public static readonly string[] Formats = { "text", "json", "sarif", "github", "html" };
    public static readonly string[] FailOnLevels = { "none", "note", "warning", "error" };
    public static readonly string[] Targets = { "dual-stack", "ipv6-only" };
    public static readonly string[] ColorModes = { "auto", "always", "never" };

    public static Option<string?> Format(string defaultName, IEnumerable<string>? formats = null)
    {
        var o = new Option<string?>("--format", "-f") { Description = $"report format: {string.Join(", ", formats ?? Formats)} (default {defaultName})", HelpName = "FORMAT" };
        o.CompletionSources.Add((formats ?? Formats).ToArray());
        return o;
    }

    public static Option<string?> Output() =>
        new("--output", "-o") { Description = "write the report to FILE (atomically) instead of stdout", HelpName = "FILE" };

    public static Option<string?> FailOn(string defaultLevel) =>
        new Option<string?>("--fail-on") { Description = $"lowest severity that fails (exit 1): none, note, warning, error (default {defaultLevel})", HelpName = "LEVEL" }
            .AcceptOnlyFromAmong(FailOnLevels);

    public static Option<string?> Target(string description) =>
        new Option<string?>("--target", "-t") { Description = description, HelpName = "TARGET" }.AcceptOnlyFromAmong(Targets);

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "findings only: no summary" };

    public static Option<string?> Color() =>
        new Option<string?>("--color") { Description = "colour the text report: auto (default: on a terminal), always, never; FORCE_COLOR and NO_COLOR are honoured in auto", HelpName = "WHEN" }
            .AcceptOnlyFromAmong(ColorModes);

    public static Option<bool> NoColor() => new("--no-color") { Description = "same as --color never" };

    /// <summary>
    /// Whether to colour: <c>--color always|never</c> (or <c>--no-color</c>) decide; in auto, a non-empty
    /// <c>FORCE_COLOR</c> (other than 0/false) turns colour on, a non-empty <c>NO_COLOR</c> turns it off, else a terminal
    /// on stdout decides. Never when the report goes to a file.
    /// </summary>
    public static bool UseColor(CliContext ctx, string? mode, bool noColor, bool toFile)
    {
        if (noColor || mode == "never") return false;
        if (mode == "always") return true;
        if (toFile) return false;
        var force = ctx.GetEnv("FORCE_COLOR");
        if (!string.IsNullOrEmpty(force) && force != "0" && !force.Equals("false", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.IsNullOrEmpty(ctx.GetEnv("NO_COLOR"))) return false;
        return ctx.OutIsTerminal;
    }

    public static IReporter CreateReporter(string format, ReporterOptions options)
    {
        if (!ReporterRegistry.TryCreate(format, options, out var reporter) || reporter is null)
            throw new UsageException($"unknown format '{format}'; expected one of: {string.Join(", ", ReporterRegistry.Formats)}");
        return reporter;
    }

    public static void WriteReport(IReporter reporter, ScanReport report, string? output, CliContext ctx)
    {
        if (output is null)
        {
            reporter.Write(report, ctx.Out);
            ctx.Out.Flush();
            return;
        }
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        reporter.Write(report, sw);
        var path = ctx.FullPath(output);
        var dir = Path.GetDirectoryName(path);
        if (dir is not null && !Directory.Exists(dir)) throw new UsageException($"output folder does not exist: {dir}");
        AtomicFile.WriteAllText(path, sw.ToString());
    }

    public static int ExitCodeFor(ScanReport report, RuleSeverity failOn) =>
        failOn != RuleSeverity.None &&
        (report.Findings.Any(f => f.Severity >= failOn) || (failOn <= RuleSeverity.Note && report.UnusedIgnores.Count > 0))
            ? CliApp.ExitFindings
            : CliApp.ExitClean;

    public static RuleSeverity ParseFailOn(string value) =>
        Core.Config.ProjectConfig.ParseFailOn(value) ?? throw new UsageException($"invalid --fail-on '{value}'");

    public static long ParseSize(string value, string option = "--max-file-size") =>
        Core.Config.ProjectConfig.ParseSize(value) ?? throw new UsageException($"invalid {option} '{value}' (e.g. 500K, 5M)");
}

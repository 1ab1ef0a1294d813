using System.Globalization;
using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Reporting;

namespace V6Ready.Cli;

/// <summary>
/// <c>v6ready merge REPORT… [--format json|sarif|text|html] [--output FILE] [--root DIR]</c>: combines JSON or SARIF
/// reports (e.g. the shards of <c>scan --shard i/n</c>) into one; identical findings are kept once, counts summed.
/// </summary>
public static class MergeCommand
{
    public static readonly List<OptionSpec> Options = new()
    {
        new("--format", "-f", "FORMAT", "output format: json (default), sarif, text, html"),
        new("--output", "-o", "FILE", "write the merged report to FILE (atomically) instead of stdout"),
        new("--root", null, "DIR", "folder the reports' paths are relative to (source excerpts and services in html/text)"),
        new("--fail-on", null, "LEVEL", "lowest severity that fails (exit 1): none (default), note, warning, error", new[] { "none", "note", "warning", "error" }),
        new("--no-color", null, null, "never colour the text report"),
        new("--help", "-h", null, "show this help"),
    };

    public static void WriteHelp(TextWriter w)
    {
        w.WriteLine("Usage: v6ready merge REPORT… [options]");
        w.WriteLine();
        w.WriteLine("Combines v6ready JSON or SARIF reports (e.g. from 'scan --shard i/n') into one report: identical findings");
        w.WriteLine("are kept once, file counts are summed. Fix edits are not carried over (re-scan with --fix to apply them).");
        w.WriteLine();
        w.WriteLine("Options:");
        ArgParser.WriteOptions(w, Options);
    }

    public static int Run(string[] args, CliContext ctx)
    {
        var parsed = ArgParser.Parse(args, Options);
        if (parsed.Has("--help"))
        {
            WriteHelp(ctx.Out);
            return CliApp.ExitClean;
        }
        if (parsed.Positionals.Count == 0) throw new UsageException("merge needs at least one report (JSON or SARIF)");

        var format = (parsed.Get("--format") ?? "json").ToLowerInvariant();
        var output = parsed.Get("--output");
        var color = output is null && format == "text" && ctx.OutIsTerminal && !parsed.Has("--no-color") &&
                    string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        if (!ReporterRegistry.TryCreate(format, new ReporterOptions { Color = color, ToolVersion = CliApp.Version }, out var reporter) || reporter is null)
            throw new UsageException($"unknown format '{format}'; expected one of: {string.Join(", ", ReporterRegistry.Formats)}");

        var inputs = new List<ReportMerger.Input>();
        foreach (var p in parsed.Positionals)
        {
            var full = Path.GetFullPath(Path.Combine(ctx.CurrentDirectory, p));
            if (!File.Exists(full)) throw new UsageException($"no such report: {p}");
            try
            {
                inputs.Add(ReportMerger.ReadFile(full));
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }
        }
        var report = ReportMerger.Merge(inputs);

        ServiceGrouper? grouper = null;
        if (parsed.Get("--root") is { } rootArg)
        {
            var root = Path.GetFullPath(Path.Combine(ctx.CurrentDirectory, rootArg));
            if (!Directory.Exists(root)) throw new UsageException($"no such folder: {rootArg}");
            // Paths of a scan of several roots start with each root's name: those folders are the repositories.
            var firsts = report.Findings.Select(f => f.Path.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
            var repoRoots = firsts.Count > 1 && firsts.All(s => Directory.Exists(Path.Combine(root, s)))
                ? firsts.Select(s => Path.Combine(root, s)).ToList()
                : new List<string> { root };
            report.Roots.AddRange(repoRoots);
            foreach (var f in report.Findings)
            {
                var file = Path.Combine(root, f.Path);
                if (File.Exists(file)) report.FullPaths[f.Path] = file;
            }
            grouper = new ServiceGrouper(repoRoots);
        }
        if (reporter is HtmlReporter html) html.Grouper = grouper;
        if (format == "text") reporter = new ServiceSummaryReporter(reporter, grouper);

        ScanCommand.WriteReport(reporter, report, output, ctx);
        var failOn = ScanCommand.ParseFailOn(parsed.Get("--fail-on") ?? "none");
        if (output is not null)
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"v6ready: merged {inputs.Count} reports: {report.Findings.Count} findings, {report.FilesScanned} files"));
        return ScanCommand.ExitCodeFor(report, failOn);
    }
}

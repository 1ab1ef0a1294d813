using System.CommandLine;
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
    public static Command Create(CliContext ctx)
    {
        var reports = new Argument<string[]>("REPORT") { Arity = ArgumentArity.OneOrMore, Description = "v6ready JSON or SARIF reports" };
        var format = CommonOptions.Format("json");
        var output = CommonOptions.Output();
        var root = new Option<string?>("--root") { Description = "folder the reports' paths are relative to (source excerpts and services in html/text)", HelpName = "DIR" };
        var failOn = CommonOptions.FailOn("none");
        var color = CommonOptions.Color();
        var noColor = CommonOptions.NoColor();
        var command = new Command("merge", "combine JSON or SARIF reports (e.g. the shards of scan --shard) into one; identical findings are kept once, " +
                                           "file counts summed; fix edits are not carried over")
        {
            reports, format, output, root, failOn, color, noColor,
        };
        command.SetAction(parse =>
        {
            var fmt = (parse.GetValue(format) ?? "json").ToLowerInvariant();
            var outputFile = parse.GetValue(output);
            var useColor = fmt == "text" && CommonOptions.UseColor(ctx, parse.GetValue(color), parse.GetValue(noColor), outputFile is not null);
            var summary = ctx.GetEnv("GITHUB_STEP_SUMMARY");
            var reporter = CommonOptions.CreateReporter(fmt, new ReporterOptions
            {
                Color = useColor,
                ToolVersion = CliApp.Version,
                StepSummaryPath = fmt == "github" && outputFile is null && !string.IsNullOrEmpty(summary) ? summary : null,
                PathsRelativeTo = ctx.CurrentDirectory,
                ReportDirectory = outputFile is null ? null : Path.GetDirectoryName(ctx.FullPath(outputFile)),
            });

            var inputs = new List<ReportMerger.Input>();
            foreach (var p in parse.GetValue(reports)!)
            {
                var full = ctx.FullPath(p);
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
            if (parse.GetValue(root) is { } rootArg)
            {
                var rootFull = ctx.FullPath(rootArg);
                if (!Directory.Exists(rootFull)) throw new UsageException($"no such folder: {rootArg}");
                // Paths of a scan of several roots start with each root's name: those folders are the repositories.
                var firsts = report.Findings.Select(f => f.Path.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
                var repoRoots = firsts.Count > 1 && firsts.All(s => Directory.Exists(Path.Combine(rootFull, s)))
                    ? firsts.Select(s => Path.Combine(rootFull, s)).ToList()
                    : new List<string> { rootFull };
                report.Roots.AddRange(repoRoots);
                foreach (var f in report.Findings)
                {
                    var file = Path.Combine(rootFull, f.Path);
                    if (File.Exists(file)) report.FullPaths[f.Path] = file;
                }
                grouper = new ServiceGrouper(repoRoots);
            }
            if (reporter is HtmlReporter html) html.Grouper = grouper;
            if (fmt == "text") reporter = new ServiceSummaryReporter(reporter, grouper);

            CommonOptions.WriteReport(reporter, report, outputFile, ctx);
            var fail = CommonOptions.ParseFailOn(parse.GetValue(failOn) ?? "none");
            if (outputFile is not null)
                ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"v6ready: merged {inputs.Count} reports: {report.Findings.Count} findings, {report.FilesScanned} files"));
            return CommonOptions.ExitCodeFor(report, fail);
        });
        return command;
    }
}

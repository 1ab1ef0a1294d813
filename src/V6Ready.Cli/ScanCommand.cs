using System.Globalization;
using V6Ready.Core;
using V6Ready.Core.Fixes;
using V6Ready.Core.Batch;
using V6Ready.Core.Reporting;
using V6Ready.Core.Scanning;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary><c>v6ready scan [PATH…]</c>: discovery, front ends, fixes, one report.</summary>
public static class ScanCommand
{
    /// <summary>Every option of <c>scan</c>, defined in one place (help text comes from here too).</summary>
    public static readonly List<OptionSpec> Options = new()
    {
        new("--format", "-f", "FORMAT", "report format: text (default), json, sarif, github, html"),
        new("--output", "-o", "FILE", "write the report to FILE (atomically) instead of stdout"),
        new("--fix", null, null, "apply safe fixes, then report what is left"),
        new("--unsafe-fixes", null, null, "also apply fixes marked unsafe (implies --fix)"),
        new("--diff", null, null, "print the fixes as a unified diff; write nothing"),
        new("--target", "-t", "TARGET", "network to target: dual-stack (default) or ipv6-only", new[] { "dual-stack", "ipv6-only" }),
        new("--baseline", null, "FILE", "hide findings already in an earlier JSON or SARIF report"),
        new("--exclude", "-e", "GLOB", "skip paths matching a gitignore-style glob (repeatable)", null, Repeatable: true),
        new("--fail-on", null, "LEVEL", "lowest severity that fails (exit 1): none, note, warning (default), error", new[] { "none", "note", "warning", "error" }),
        new("--max-file-size", null, "SIZE", "skip files larger than SIZE bytes (suffix K, M or G; default 5M)"),
        new("--no-gitignore", null, null, "do not honour .gitignore files"),
        new("--quiet", "-q", null, "findings only: no summary"),
        new("--no-color", null, null, "never colour the text report (NO_COLOR is honoured too)"),
        new("--repos", null, "FILE", "also scan the repositories listed in FILE (one path per line, '#' comments)"),
        new("--shard", null, "I/N", "scan only part I of N (0-based): whole repositories with several roots, else files"),
        new("--summary", null, null, "end the text report with a services x rule families table (default with several roots)"),
        new("--msbuild", null, null, "load C# projects through MSBuild (runs the repository's MSBuild logic: trusted code only)"),
        new("--help", "-h", null, "show this help"),
    };

    public static void WriteHelp(TextWriter w)
    {
        w.WriteLine("Usage: v6ready scan [PATH…] [options]");
        w.WriteLine();
        w.WriteLine("Scans files and folders (default: the current folder) for code and configuration that only works over IPv4.");
        w.WriteLine("Skips .git, node_modules, vendor, bin, obj, dist and .gitignore'd paths.");
        w.WriteLine();
        w.WriteLine("Options:");
        ArgParser.WriteOptions(w, Options);
        w.WriteLine();
        w.WriteLine("Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or fatal error.");
    }

    public static int Run(string[] args, CliContext ctx)
    {
        var parsed = ArgParser.Parse(args, Options);
        if (parsed.Has("--help"))
        {
            WriteHelp(ctx.Out);
            return CliApp.ExitClean;
        }

        var (frontEnds, warnings) = FrontEndRegistry.Load(AppContext.BaseDirectory);
        // Reporters beyond the built-in ones (e.g. html) are found by format name in Core, the CLI and the V6Ready.*.dll next to it.
        var reporterAssemblies = FrontEndRegistry.LoadAssemblies(AppContext.BaseDirectory, warnings);
        reporterAssemblies.Add(typeof(ReporterRegistry).Assembly);
        reporterAssemblies.Add(typeof(ScanCommand).Assembly);
        ReporterRegistry.Discover(reporterAssemblies.Distinct(), warnings);

        var format = (parsed.Get("--format") ?? "text").ToLowerInvariant();
        var output = parsed.Get("--output");
        var color = output is null && format == "text" && ctx.OutIsTerminal && !parsed.Has("--no-color") &&
                    string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var reporterOptions = new ReporterOptions { Color = color, Quiet = parsed.Has("--quiet"), ToolVersion = CliApp.Version };
        if (!ReporterRegistry.TryCreate(format, reporterOptions, out var reporter) || reporter is null)
            throw new UsageException($"unknown format '{format}'; expected one of: {string.Join(", ", ReporterRegistry.Formats)}");

        var target = (parsed.Get("--target") ?? "dual-stack").ToLowerInvariant() == "ipv6-only" ? Target.Ipv6Only : Target.DualStack;
        var failOn = ParseFailOn(parsed.Get("--fail-on") ?? "warning");
        var maxSize = ParseSize(parsed.Get("--max-file-size"));
        var baseline = parsed.Get("--baseline");
        if (baseline is not null)
        {
            baseline = Path.GetFullPath(Path.Combine(ctx.CurrentDirectory, baseline));
            if (!File.Exists(baseline)) throw new UsageException($"baseline file not found: {parsed.Get("--baseline")}");
        }
        Shard? shard = null;
        if (parsed.Get("--shard") is { } shardText)
        {
            if (!Shard.TryParse(shardText, out var s, out var shardError)) throw new UsageException(shardError!);
            shard = s;
        }
        BatchPlan plan;
        try
        {
            plan = BatchPlan.Create(parsed.Positionals, parsed.Get("--repos"), shard, ctx.CurrentDirectory, parsed.GetAll("--exclude"), !parsed.Has("--no-gitignore"));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException)
        {
            throw new UsageException(e.Message);
        }
        var paths = plan.Paths;
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(Path.Combine(ctx.CurrentDirectory, p));
            if (!File.Exists(full) && !Directory.Exists(full)) throw new UsageException($"no such file or folder: {p}");
        }

        foreach (var w in warnings) ctx.Error.WriteLine("v6ready: warning: " + w);
        if (frontEnds.Count == 0) ctx.Error.WriteLine("v6ready: warning: no language front ends were found next to the executable; nothing will be analyzed.");

        if (parsed.Has("--msbuild"))
        {
            var loaders = frontEnds.OfType<IMsBuildLoading>().ToList();
            foreach (var loader in loaders) loader.UseMsBuild = true;
            ctx.Error.WriteLine("v6ready: note: " + (loaders.Count > 0 ? loaders[0].MsBuildWarning : "--msbuild: no front end loads MSBuild projects; ignored."));
        }
        using var progress = new ScanProgress(ctx.Error,
            ReferenceEquals(ctx.Error, Console.Error) && ScanProgress.ShouldShow(parsed.Has("--quiet"), Console.IsErrorRedirected));
        var scanOptions = new ScanOptions
        {
            OnlyFiles = plan.OnlyFiles,
            Paths = paths,
            BaseDirectory = ctx.CurrentDirectory,
            FrontEnds = progress.Wrap(frontEnds),
            Target = target,
            Excludes = parsed.GetAll("--exclude"),
            UseGitIgnore = !parsed.Has("--no-gitignore"),
            MaxFileSize = maxSize,
            BaselineFile = baseline,
            Timings = Environment.GetEnvironmentVariable("V6READY_TIMINGS") == "1" ? new ScanTimings() : null,
        };
        ScanReport report;
        try
        {
            report = plan.NothingToScan ? new ScanReport { Target = target } : Scanner.Scan(scanOptions);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        report.Warnings.AddRange(warnings);
        if (scanOptions.Timings is { } timings) ctx.Error.Write(timings.ToString());

        var fix = parsed.Has("--fix") || parsed.Has("--unsafe-fixes");
        var diff = parsed.Has("--diff");
        if (fix || diff)
        {
            report = FixEngine.Run(report, scanOptions, new FixOptions { IncludeUnsafe = parsed.Has("--unsafe-fixes"), DryRun = diff });
            if (diff && report.FixSummary?.Diff is { Length: > 0 } text)
            {
                // Text reports show the diff in their summary; other formats keep stdout clean for the report.
                if (format != "text" || output is not null || parsed.Has("--quiet"))
                    (output is null && format != "text" ? ctx.Error : ctx.Out).Write(text);
            }
        }

        progress.Dispose();
        if (format == "text" && (parsed.Has("--summary") || (plan.Paths.Count > 1 && !parsed.Has("--quiet")))) reporter = new ServiceSummaryReporter(reporter);
        WriteReport(reporter, report, output, ctx);
        return ExitCodeFor(report, failOn);
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
        var path = Path.GetFullPath(Path.Combine(ctx.CurrentDirectory, output));
        var dir = Path.GetDirectoryName(path);
        if (dir is not null && !Directory.Exists(dir)) throw new UsageException($"output folder does not exist: {dir}");
        AtomicFile.WriteAllText(path, sw.ToString());
    }

    public static int ExitCodeFor(ScanReport report, RuleSeverity failOn) =>
        failOn != RuleSeverity.None && report.Findings.Any(f => f.Severity >= failOn) ? CliApp.ExitFindings : CliApp.ExitClean;

    public static RuleSeverity ParseFailOn(string value) => value.ToLowerInvariant() switch
    {
        "none" => RuleSeverity.None,
        "note" => RuleSeverity.Note,
        "warning" => RuleSeverity.Warning,
        "error" => RuleSeverity.Error,
        _ => throw new UsageException($"invalid --fail-on '{value}'"),
    };

    public static long ParseSize(string? value)
    {
        if (value is null) return 5L * 1024 * 1024;
        var v = value.Trim().ToUpperInvariant();
        long multiplier = 1;
        if (v.EndsWith('B')) v = v[..^1];
        if (v.EndsWith('K')) { multiplier = 1024; v = v[..^1]; }
        else if (v.EndsWith('M')) { multiplier = 1024 * 1024; v = v[..^1]; }
        else if (v.EndsWith('G')) { multiplier = 1024L * 1024 * 1024; v = v[..^1]; }
        if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw new UsageException($"invalid --max-file-size '{value}' (e.g. 500K, 5M)");
        return n * multiplier;
    }
}

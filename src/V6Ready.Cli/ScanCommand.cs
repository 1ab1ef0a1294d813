using System.CommandLine;
using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Config;
using V6Ready.Core.Fixes;
using V6Ready.Core.Reporting;
using V6Ready.Core.Scanning;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary><c>v6ready scan [PATH…]</c>: project config, discovery, front ends, fixes, one report.</summary>
public static class ScanCommand
{
    private sealed class Opts
    {
        public readonly Argument<string[]> Paths = new("PATH") { Arity = ArgumentArity.ZeroOrMore, Description = "files and folders to scan (default: the current folder)" };
        public readonly Option<string?> Format = CommonOptions.Format("text");
        public readonly Option<string?> Output = CommonOptions.Output();
        public readonly Option<bool> Fix = new("--fix") { Description = "apply safe fixes, then report what is left" };
        public readonly Option<bool> UnsafeFixes = new("--unsafe-fixes") { Description = "also apply fixes marked unsafe (implies --fix)" };
        public readonly Option<bool> Diff = new("--diff") { Description = "print the fixes as a unified diff; write nothing" };
        public readonly Option<string?> Target = CommonOptions.Target("network to target: dual-stack (default) or ipv6-only");
        public readonly Option<string?> Config = new("--config") { Description = "read this project config file for every file, instead of the nearest v6ready.toml above each file", HelpName = "FILE" };
        public readonly Option<bool> NoConfig = new("--no-config") { Description = "read no project config file (v6ready.toml)" };
        public readonly Option<string[]> Select = new("--select") { Description = "only these rules: ids or prefixes, comma-separated (V6001,V61; ALL); replaces the config's select", HelpName = "RULES" };
        public readonly Option<string[]> ExtendSelect = new("--extend-select") { Description = "add rules to those selected (ids or prefixes, comma-separated)", HelpName = "RULES" };
        public readonly Option<string[]> Ignore = new("--ignore") { Description = "turn rules off (ids or prefixes, comma-separated)", HelpName = "RULES" };
        public readonly Option<string?> MinConfidence = new Option<string?>("--min-confidence") { Description = "drop findings less sure than this: low (default), medium, high", HelpName = "LEVEL" }.AcceptOnlyFromAmong("low", "medium", "high");
        public readonly Option<string?> Baseline = new("--baseline") { Description = "hide findings already in an earlier JSON or SARIF report", HelpName = "FILE" };
        public readonly Option<string[]> Exclude = new("--exclude", "-e") { Description = "skip paths matching a gitignore-style glob (repeatable)", HelpName = "GLOB" };
        public readonly Option<string?> FailOn = CommonOptions.FailOn("warning");
        public readonly Option<string?> MaxFileSize = new("--max-file-size") { Description = "skip files larger than SIZE bytes (suffix K, M or G; default 5M)", HelpName = "SIZE" };
        public readonly Option<string?> MemoryBudget = new("--memory-budget") { Description = "memory the analysis of the files in flight may take together; a file expected to need more alone is skipped (suffix K, M or G; default 2G)", HelpName = "SIZE" };
        public readonly Option<bool> NoGitignore = new("--no-gitignore") { Description = "do not honour .gitignore files" };
        public readonly Option<string?> StdinFilename = new("--stdin-filename") { Description = "read the file to scan from standard input, as if it were PATH (for editors and hooks)", HelpName = "PATH" };
        public readonly Option<bool> ReportUnusedIgnores = new("--report-unused-ignores") { Description = "report v6ready-ignore comments that hide nothing (they fail with --fail-on note)" };
        public readonly Option<bool> Quiet = CommonOptions.Quiet();
        public readonly Option<string?> Color = CommonOptions.Color();
        public readonly Option<bool> NoColor = CommonOptions.NoColor();
        public readonly Option<string?> Repos = new("--repos") { Description = "also scan the repositories listed in FILE (one path per line, '#' comments)", HelpName = "FILE" };
        public readonly Option<string?> Shard = new("--shard") { Description = "scan only part I of N (0-based): whole repositories with several roots, else files", HelpName = "I/N" };
        public readonly Option<bool> Summary = new("--summary") { Description = "end the text report with a services x rule families table (default with several roots)" };
        public readonly Option<string?> LinkBase = new("--link-base") { Description = "html: link findings to URL + path from the scan root + #Lline (e.g. a repository's blob URL) instead of to the local files", HelpName = "URL" };
        public readonly Option<bool> AbsolutePaths = new("--absolute-paths") { Description = "html: name the scanned folders by absolute path (default: relative to the current folder)" };
        public readonly Option<bool> MsBuild = new("--msbuild") { Description = "load C# projects through MSBuild (runs the repository's MSBuild logic: trusted code only)" };
    }

    public static Command Create(CliContext ctx)
    {
        var o = new Opts();
        var command = new Command("scan", "scan files and folders (default: the current folder) for code and configuration that only works over IPv4; " +
                                          "skips .git, node_modules, vendor, bin, obj, dist and .gitignore'd paths")
        {
            o.Paths, o.Format, o.Output, o.Fix, o.UnsafeFixes, o.Diff, o.Target, o.Config, o.NoConfig, o.Select, o.ExtendSelect, o.Ignore,
            o.MinConfidence, o.Baseline, o.Exclude, o.FailOn, o.MaxFileSize, o.MemoryBudget, o.NoGitignore, o.StdinFilename, o.ReportUnusedIgnores,
            o.Quiet, o.Color, o.NoColor, o.Repos, o.Shard, o.Summary, o.LinkBase, o.AbsolutePaths, o.MsBuild,
        };
        command.SetAction(parse => Run(parse, o, ctx));
        return command;
    }

    /// <summary>Comma-separated, repeatable rule selectors, checked.</summary>
    private static List<string>? Selectors(ParseResult parse, Option<string[]> option)
    {
        var result = parse.GetResult(option);
        if (result is null || result.Implicit) return null;
        var list = new List<string>();
        foreach (var value in parse.GetValue(option) ?? Array.Empty<string>())
            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!RuleSelection.IsValidSelector(part))
                    throw new UsageException($"{option.Name}: '{part}' is not a rule id or prefix (V6001, V61, V6, ALL)");
                list.Add(part.ToUpperInvariant());
            }
        return list;
    }

    private static ProjectConfig? LoadConfig(ParseResult parse, Opts o, CliContext ctx, IReadOnlyList<string> paths, string? stdinFilename)
    {
        if (parse.GetValue(o.NoConfig)) return null;
        if (parse.GetValue(o.Config) is { } file)
        {
            var full = ctx.FullPath(file);
            if (!File.Exists(full)) throw new UsageException($"config file not found: {file}");
            return ProjectConfig.Load(full);
        }
        var start = stdinFilename ?? (paths.Count > 0 ? paths[0] : ".");
        var startFull = ctx.FullPath(start);
        if (!Directory.Exists(startFull) && !File.Exists(startFull)) startFull = Path.GetDirectoryName(startFull) ?? ctx.CurrentDirectory;
        return ProjectConfig.LoadFor(startFull);
    }

    private static int Run(ParseResult parse, Opts o, CliContext ctx)
    {
        var positionals = parse.GetValue(o.Paths) ?? Array.Empty<string>();
        var stdinFilename = parse.GetValue(o.StdinFilename);
        var fix = parse.GetValue(o.Fix) || parse.GetValue(o.UnsafeFixes);
        var diff = parse.GetValue(o.Diff);
        if (stdinFilename is not null)
        {
            if (positionals.Length > 0) throw new UsageException("--stdin-filename scans standard input only; give no PATH");
            if (fix || diff) throw new UsageException("--fix and --diff do not work with --stdin-filename (nothing on disk to change)");
            if (parse.GetValue(o.Repos) is not null || parse.GetValue(o.Shard) is not null) throw new UsageException("--repos and --shard do not work with --stdin-filename");
        }

        var timings = ctx.GetEnv("V6READY_TIMINGS") == "1" ? new ScanTimings() : null;
        if (timings is not null) StartupTimings.AddProcessPhases(timings);
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var config = LoadConfig(parse, o, ctx, positionals, stdinFilename);
        timings?.Add("start: config", System.Diagnostics.Stopwatch.GetTimestamp() - t0);

        t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var (frontEnds, warnings) = FrontEndRegistry.Load(AppContext.BaseDirectory);
        timings?.Add("start: front ends", System.Diagnostics.Stopwatch.GetTimestamp() - t0, frontEnds.Count);
        t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var format = (parse.GetValue(o.Format) ?? "text").ToLowerInvariant();
        if (!ReporterRegistry.Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            // Reporters beyond the built-in ones are found by format name in Core, the CLI and the V6Ready.*.dll next to
            // it (only when the format is not a built-in one: the search walks every exported type).
            var reporterAssemblies = FrontEndRegistry.LoadAssemblies(AppContext.BaseDirectory, warnings);
            reporterAssemblies.Add(typeof(ReporterRegistry).Assembly);
            reporterAssemblies.Add(typeof(ScanCommand).Assembly);
            ReporterRegistry.Discover(reporterAssemblies.Distinct(), warnings);
        }
        timings?.Add("start: reporters", System.Diagnostics.Stopwatch.GetTimestamp() - t0);

        var output = parse.GetValue(o.Output);
        var quiet = parse.GetValue(o.Quiet);
        var color = format == "text" && CommonOptions.UseColor(ctx, parse.GetValue(o.Color), parse.GetValue(o.NoColor), output is not null);
        var workspace = ctx.GetEnv("GITHUB_WORKSPACE");
        var reporterOptions = new ReporterOptions
        {
            Color = color,
            Quiet = quiet,
            ToolVersion = CliApp.Version,
            // Text, GitHub and HTML reports name files from where the command runs (GitHub: from the workspace, which is
            // what annotations are matched against).
            PathsRelativeTo = format == "github" && !string.IsNullOrEmpty(workspace) ? Path.GetFullPath(workspace) : ctx.CurrentDirectory,
            StepSummaryPath = format == "github" && output is null ? NullIfEmpty(ctx.GetEnv("GITHUB_STEP_SUMMARY")) : null,
            LinkBase = NullIfEmpty(parse.GetValue(o.LinkBase)),
            ReportDirectory = output is null ? null : Path.GetDirectoryName(ctx.FullPath(output)),
            AbsolutePaths = parse.GetValue(o.AbsolutePaths),
        };
        var reporter = CommonOptions.CreateReporter(format, reporterOptions);

        var target = parse.GetValue(o.Target) is { } t ? ProjectConfig.ParseTarget(t)!.Value : config?.Target ?? Target.DualStack;
        var failOn = parse.GetValue(o.FailOn) is { } f ? CommonOptions.ParseFailOn(f) : config?.FailOn ?? RuleSeverity.Warning;
        var maxSize = parse.GetValue(o.MaxFileSize) is { } size ? CommonOptions.ParseSize(size) : config?.MaxFileSize ?? 5L * 1024 * 1024;
        var useGitIgnore = !parse.GetValue(o.NoGitignore) && (config?.UseGitIgnore ?? true);
        var minConfidence = parse.GetValue(o.MinConfidence) is { } mc ? ProjectConfig.ParseConfidence(mc) : null;
        var reportUnused = parse.GetValue(o.ReportUnusedIgnores) || (config?.ReportUnusedIgnores ?? false);
        var select = Selectors(parse, o.Select);
        var extend = Selectors(parse, o.ExtendSelect);
        var ignore = Selectors(parse, o.Ignore);
        var selection = select is null && extend is null && ignore is null
            ? null
            : new RuleSelection { Select = select, ExtendSelect = extend ?? new List<string>(), Ignore = ignore ?? new List<string>() };
        // Without --config (or --no-config) each file uses the nearest config above it (hierarchical, as ruff does); the
        // one found from the first path gives the scan's target, fail-on and max-file-size.
        var hierarchical = !parse.GetValue(o.NoConfig) && parse.GetValue(o.Config) is null;
        var rules = hierarchical
            ? new RuleSettings(new ProjectConfigTree(), config, selection, minConfidence)
            : new RuleSettings(config, selection, minConfidence);

        var baseline = parse.GetValue(o.Baseline);
        if (baseline is not null)
        {
            baseline = ctx.FullPath(baseline);
            if (!File.Exists(baseline)) throw new UsageException($"baseline file not found: {parse.GetValue(o.Baseline)}");
        }
        Shard? shard = null;
        if (parse.GetValue(o.Shard) is { } shardText)
        {
            if (!Shard.TryParse(shardText, out var s, out var shardError)) throw new UsageException(shardError!);
            shard = s;
        }
        var excludes = parse.GetValue(o.Exclude) ?? Array.Empty<string>();
        string? stdinText = null;
        BatchPlan plan;
        IReadOnlyList<string> paths;
        if (stdinFilename is not null)
        {
            stdinText = ctx.Stdin.ReadToEnd();
            plan = BatchPlan.Create(Array.Empty<string>(), null, null, ctx.CurrentDirectory, excludes, useGitIgnore);
            paths = new[] { stdinFilename };
        }
        else
        {
            try
            {
                plan = BatchPlan.Create(positionals, parse.GetValue(o.Repos), shard, ctx.CurrentDirectory, excludes, useGitIgnore);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException)
            {
                throw new UsageException(e.Message);
            }
            paths = plan.Paths;
            foreach (var p in paths)
            {
                var full = ctx.FullPath(p);
                if (p.StartsWith('-') && !File.Exists(full) && !Directory.Exists(full)) throw new UsageException($"unknown option '{p}'. Try 'v6ready scan --help'.");
                if (!File.Exists(full) && !Directory.Exists(full)) throw new UsageException($"no such file or folder: {p}");
            }
        }

        foreach (var w in warnings) ctx.Error.WriteLine("v6ready: warning: " + w);
        if (frontEnds.Count == 0) ctx.Error.WriteLine("v6ready: warning: no language front ends were found next to the executable; nothing will be analyzed.");

        if (parse.GetValue(o.MsBuild))
        {
            var loaders = frontEnds.OfType<IMsBuildLoading>().ToList();
            foreach (var loader in loaders) loader.UseMsBuild = true;
            ctx.Error.WriteLine("v6ready: note: " + (loaders.Count > 0 ? loaders[0].MsBuildWarning : "--msbuild: no front end loads MSBuild projects; ignored."));
        }
        using var progress = new ScanProgress(ctx.Error,
            ReferenceEquals(ctx.Error, Console.Error) && stdinText is null && ScanProgress.ShouldShow(quiet, Console.IsErrorRedirected));
        var scanOptions = new ScanOptions
        {
            OnlyFiles = plan.OnlyFiles,
            Paths = paths,
            BaseDirectory = ctx.CurrentDirectory,
            FrontEnds = progress.Wrap(frontEnds),
            Target = target,
            Excludes = excludes,
            UseGitIgnore = useGitIgnore,
            MaxFileSize = maxSize,
            MemoryBudget = parse.GetValue(o.MemoryBudget) is { } budget ? CommonOptions.ParseSize(budget, "--memory-budget") : config?.MemoryBudget ?? Core.Scanning.MemoryBudget.DefaultBytes,
            BaselineFile = baseline,
            Rules = rules,
            StdinText = stdinText,
            ReportUnusedIgnores = reportUnused,
            Timings = timings,
            OnFileAnalyzed = timings is null ? null : StartupTimings.OnFirstFile(timings),
        };
        ScanReport report;
        try
        {
            report = plan.NothingToScan && stdinText is null ? new ScanReport { Target = target } : Scanner.Scan(scanOptions);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        report.Warnings.AddRange(warnings);
        if (timings is not null)
        {
            StartupTimings.AddCpu(timings, "cpu (user+sys) at end of scan");
            ctx.Error.Write(timings.ToString());
        }

        if (fix || diff)
        {
            report = FixEngine.Run(report, scanOptions, new FixOptions { IncludeUnsafe = parse.GetValue(o.UnsafeFixes), DryRun = diff });
            if (diff && report.FixSummary?.Diff is { Length: > 0 } text)
            {
                // Text reports show the diff in their summary; other formats keep stdout clean for the report.
                if (format != "text" || output is not null || quiet)
                    (output is null && format != "text" ? ctx.Error : ctx.Out).Write(text);
            }
        }

        progress.Dispose();
        if (format == "text" && (parse.GetValue(o.Summary) || (plan.Paths.Count > 1 && !quiet))) reporter = new ServiceSummaryReporter(reporter);
        CommonOptions.WriteReport(reporter, report, output, ctx);
        return CommonOptions.ExitCodeFor(report, failOn);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

using System.Globalization;
using V6Ready.Cluster.Checks;
using V6Ready.Cluster.Live;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;
using V6Ready.Cluster.Reporting;
using V6Ready.Cluster.Workloads;
using V6Ready.Rules;

namespace V6Ready.Cluster;

/// <summary>Parsed <c>v6ready cluster</c> options.</summary>
public sealed class ClusterOptions
{
    public List<string> Snapshots { get; } = new();
    public string? Kubectl { get; set; }
    public string? Context { get; set; }
    public string? Kubeconfig { get; set; }
    public string? Namespace { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public string Format { get; set; } = "text";
    public string? Output { get; set; }
    public RuleSeverity FailOn { get; set; } = RuleSeverity.Warning;
    public Target Target { get; set; } = Target.DualStack;
    public bool Workloads { get; set; } = true;
    public string? Baseline { get; set; }
    public bool Help { get; set; }
    public long MaxOutputBytes { get; set; } = 256L * 1024 * 1024;
    /// <summary>Findings only (text): no readiness summary.</summary>
    public bool Quiet { get; set; }
    /// <summary>ANSI colours in the text report (the CLI decides from --color, FORCE_COLOR/NO_COLOR and the terminal).</summary>
    public bool Color { get; set; }
}

/// <summary>
/// <c>v6ready cluster</c>: is the cluster really dual-stack, and what deployed on it breaks on IPv6? Exit codes as
/// <c>scan</c>: 0 nothing at or above <c>--fail-on</c>, 1 findings, 2 usage or fatal error.
/// </summary>
public static class ClusterApp
{
    public const string Usage = """
        Usage: v6ready cluster [options]

        Checks the current kubectl context (read-only: kubectl get, version, config view --minify) or a saved
        snapshot: is the cluster dual-stack, are nodes, pods, Services, EndpointSlices, cluster DNS and kube-proxy
        dual-stack, and what do the manifest rules find in the deployed workloads?

        Options:
          --snapshot PATH           analyze a saved snapshot (file or folder of .json/.yaml; '-' reads standard
                                    input) instead of a live cluster; repeatable. Make one with:
                                    kubectl get nodes,pods,services,endpointslices,deployments,statefulsets,daemonsets,jobs,cronjobs,configmaps -A -o json > cluster.snapshot.json
          --kubectl PATH            kubectl to run (default: kubectl from PATH)
          --context NAME            kubectl context (default: the current context)
          --kubeconfig FILE         kubeconfig for kubectl (default: kubectl's, e.g. KUBECONFIG or ~/.kube/config)
          -n, --namespace NS        only this namespace's workloads (kube-system DNS/kube-proxy are still read)
          -A, --all-namespaces      every namespace (default)
          --timeout SECONDS         per kubectl call (default 30)
          -f, --format FORMAT       report format: text (default), json, sarif, github, html
          -o, --output FILE         write the report to FILE
          -q, --quiet               findings only: no readiness summary
          --color auto|always|never colour the text report (--no-color: never)
          --fail-on none|note|warning|error   exit 1 when a finding is at or above this severity (default warning)
          --target dual-stack|ipv6-only       severities for this target (default dual-stack)
          --no-workloads            skip the manifest rules over deployed workloads
          --baseline FILE           hide findings already in FILE (an earlier --format json or sarif report)
          -h, --help                this text
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, null);

    /// <param name="stdin">Where <c>--snapshot -</c> reads from (null: the console's standard input).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin)
    {
        ClusterOptions options;
        try
        {
            options = Parse(args);
        }
        catch (UsageException e)
        {
            stderr.WriteLine("v6ready cluster: " + e.Message);
            stderr.WriteLine("Run 'v6ready cluster --help' for the options.");
            return 2;
        }
        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        try
        {
            return Execute(options, stdout, stderr, stdin);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"v6ready cluster: internal error ({e.GetType().Name}: {Redactor.Clean(e.Message)})");
            return 2;
        }
    }

    private static int Execute(ClusterOptions options, TextWriter stdout, TextWriter stderr, TextReader? stdin)
    {
        ClusterSnapshot snapshot;
        if (options.Snapshots.Count > 0)
        {
            var merged = new ClusterSnapshot { Source = "snapshot " + string.Join(", ", options.Snapshots) };
            foreach (var path in options.Snapshots)
            {
                var one = path == "-" ? LoadStdin(stdin ?? Console.In, out var error) : SnapshotLoader.LoadPath(path, out error);
                if (one is null)
                {
                    stderr.WriteLine("v6ready cluster: " + error);
                    return 2;
                }
                foreach (var o in one.Objects) merged.Add(o);
                merged.Warnings.AddRange(one.Warnings);
                merged.ParseErrors.AddRange(one.ParseErrors);
                merged.FilesRead += one.FilesRead;
            }
            if (merged.Objects.Count == 0)
            {
                stderr.WriteLine("v6ready cluster: the snapshot has no Kubernetes objects" +
                                 (merged.ParseErrors.Count > 0 ? " (" + string.Join("; ", merged.ParseErrors.Select(p => p.Path + ": " + p.Message)) + ")" : ""));
                return 2;
            }
            Sanitizer.Apply(merged);
            if (options.Namespace is { } ns)
                merged.RemoveWhere(o => o.Namespace is not null && o.Namespace != ns && !(o.Namespace == "kube-system" && o.Kind is "Service" or "ConfigMap"));
            snapshot = merged;
        }
        else
        {
            var live = LiveCollector.Collect(new LiveOptions
            {
                Kubectl = options.Kubectl,
                Context = options.Context,
                Kubeconfig = options.Kubeconfig,
                Namespace = options.Namespace,
                Timeout = options.Timeout,
                MaxOutputBytes = options.MaxOutputBytes,
            });
            if (live.FatalError is not null)
            {
                stderr.WriteLine("v6ready cluster: " + live.FatalError);
                return 2;
            }
            snapshot = live.Snapshot!;
        }

        var report = ClusterChecker.Check(snapshot, options.Target, options.Namespace);
        if (options.Workloads) WorkloadScanner.Scan(snapshot, options.Target, report);
        AnnotationSuppressions.Apply(snapshot, report);
        if (options.Baseline is not null)
        {
            V6Ready.Core.Baselines.Baseline baseline;
            try
            {
                baseline = V6Ready.Core.Baselines.Baseline.Load(options.Baseline);
            }
            catch (InvalidDataException e)
            {
                stderr.WriteLine("v6ready cluster: " + e.Message);
                return 2;
            }
            var fingerprints = report.Fingerprints();
            var keep = new List<V6Ready.Core.Finding>();
            for (var i = 0; i < report.Findings.Count; i++)
            {
                if (baseline.Consume(report.Findings[i], fingerprints[i])) report.Summary.Baselined++;
                else keep.Add(report.Findings[i]);
            }
            report.Findings.Clear();
            report.Findings.AddRange(keep);
        }

        foreach (var w in report.Warnings) stderr.WriteLine("warning: " + w);
        foreach (var p in report.ParseErrors) stderr.WriteLine($"warning: {p.Path}{(p.Line > 0 ? ":" + p.Line : "")}: {p.Message}");

        try
        {
            if (options.Output is not null)
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(options.Output));
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                using var writer = new StreamWriter(options.Output, false, new System.Text.UTF8Encoding(false));
                Write(report, options, writer);
                stderr.WriteLine($"v6ready cluster: {report.Findings.Count} finding(s); report written to {options.Output}");
            }
            else
            {
                Write(report, options, stdout);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("v6ready cluster: cannot write " + options.Output + ": " + e.Message);
            return 2;
        }

        var failing = options.FailOn != RuleSeverity.None && report.Findings.Any(f => f.Severity != RuleSeverity.None && f.Severity >= options.FailOn);
        return failing ? 1 : 0;
    }

    /// <summary>Reads a snapshot piped in (<c>kubectl get … -o json | v6ready cluster --snapshot -</c>), bounded like a file.</summary>
    private static ClusterSnapshot? LoadStdin(TextReader reader, out string? error)
    {
        error = null;
        var limits = new LoaderLimits();
        var buffer = new char[1 << 16];
        var text = new System.Text.StringBuilder();
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, n);
            if (text.Length > limits.MaxFileBytes)
            {
                error = $"standard input is over the {limits.MaxFileBytes}-byte limit";
                return null;
            }
        }
        var snapshot = new ClusterSnapshot { Source = "snapshot from standard input" };
        if (!SnapshotLoader.LoadText(text.ToString(), "<stdin>", snapshot, limits))
        {
            var pe = snapshot.ParseErrors[0];
            error = "cannot read the snapshot on standard input" + (pe.Line > 0 ? " (line " + pe.Line + ")" : "") + ": " + pe.Message;
            return null;
        }
        snapshot.FilesRead = 1;
        return snapshot;
    }

    private static void Write(ClusterReport report, ClusterOptions options, TextWriter writer)
    {
        switch (options.Format)
        {
            case "json": ClusterJsonWriter.Write(report, writer); break;
            case "sarif": ClusterSarifWriter.Write(report, writer); break;
            case "github" or "html": WriteWithCoreReporter(report, options, writer); break;
            default: ClusterTextWriter.Write(report, writer, options.Quiet, options.Color); break;
        }
    }

    /// <summary>The GitHub and HTML formats: Core's reporters over the cluster findings (object paths, no source lines).</summary>
    private static void WriteWithCoreReporter(ClusterReport report, ClusterOptions options, TextWriter writer)
    {
        var scan = new V6Ready.Core.ScanReport { BaseDirectory = null, Target = options.Target };
        var fingerprints = report.Fingerprints();
        for (var i = 0; i < report.Findings.Count; i++) scan.AddFinding(report.Findings[i], null, fingerprints[i]);
        scan.ParseErrors.AddRange(report.ParseErrors);
        scan.Sort();
        var reporterOptions = new V6Ready.Core.Reporting.ReporterOptions { ObjectPaths = true, Quiet = options.Quiet, Color = options.Color };
        if (!V6Ready.Core.Reporting.ReporterRegistry.TryCreate(options.Format, reporterOptions, out var reporter) || reporter is null)
            throw new UsageException("--format " + options.Format + " is not available");
        reporter.Write(scan, writer);
    }

    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }

    public static ClusterOptions Parse(string[] args)
    {
        var o = new ClusterOptions();
        var namespaceSet = false;
        var allNamespaces = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2)
            {
                inline = arg.Substring(eq + 1);
                arg = arg.Substring(0, eq);
            }
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Length || args[i + 1].Length == 0) throw new UsageException(arg + " needs a value");
                return args[++i];
            }
            switch (arg)
            {
                case "-h" or "--help" or "help": o.Help = true; break;
                case "--snapshot": o.Snapshots.Add(Value()); break;
                case "--kubectl": o.Kubectl = Value(); break;
                case "--context": o.Context = Value(); break;
                case "--kubeconfig": o.Kubeconfig = Value(); break;
                case "-n" or "--namespace": o.Namespace = Value(); namespaceSet = true; break;
                case "-A" or "--all-namespaces": allNamespaces = true; break;
                case "--timeout": o.Timeout = ParseTimeout(Value()); break;
                case "--format" or "-f":
                    o.Format = Value().ToLowerInvariant();
                    if (o.Format is not ("text" or "json" or "sarif" or "github" or "html")) throw new UsageException("--format must be text, json, sarif, github or html");
                    break;
                case "--quiet" or "-q": o.Quiet = true; break;
                case "--no-color": o.Color = false; break;
                case "--color":
                    o.Color = Value().ToLowerInvariant() switch
                    {
                        "always" => true,
                        "never" or "auto" => false, // auto: the CLI resolves it before calling (no terminal is known here)
                        var v => throw new UsageException("--color must be auto, always or never, not '" + v + "'"),
                    };
                    break;
                case "--output" or "-o": o.Output = Value(); break;
                case "--fail-on":
                    o.FailOn = Value().ToLowerInvariant() switch
                    {
                        "none" => RuleSeverity.None,
                        "note" => RuleSeverity.Note,
                        "warning" => RuleSeverity.Warning,
                        "error" => RuleSeverity.Error,
                        var v => throw new UsageException("--fail-on must be none, note, warning or error, not '" + v + "'"),
                    };
                    break;
                case "--target":
                    o.Target = Value().ToLowerInvariant() switch
                    {
                        "dual-stack" => Target.DualStack,
                        "ipv6-only" => Target.Ipv6Only,
                        var v => throw new UsageException("--target must be dual-stack or ipv6-only, not '" + v + "'"),
                    };
                    break;
                case "--no-workloads": o.Workloads = false; break;
                case "--baseline": o.Baseline = Value(); break;
                case "--max-output-bytes":
                    if (!long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max < 1024)
                        throw new UsageException("--max-output-bytes must be a number of at least 1024");
                    o.MaxOutputBytes = max;
                    break;
                default:
                    throw new UsageException(arg.StartsWith('-') ? "unknown option " + arg : "unexpected argument '" + arg + "'");
            }
        }
        if (namespaceSet && allNamespaces) throw new UsageException("--namespace and --all-namespaces cannot be used together");
        if (o.Snapshots.Count > 0 && (o.Kubectl is not null || o.Context is not null || o.Kubeconfig is not null))
            throw new UsageException("--snapshot reads a saved cluster; --kubectl, --kubeconfig and --context apply to a live cluster only");
        return o;
    }

    private static TimeSpan ParseTimeout(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        var scale = 1.0;
        if (v.EndsWith("ms")) { scale = 0.001; v = v[..^2]; }
        else if (v.EndsWith('s')) v = v[..^1];
        else if (v.EndsWith('m')) { scale = 60; v = v[..^1]; }
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || n * scale > 3600)
            throw new UsageException("--timeout must be a positive number of seconds (at most 3600), e.g. 30 or 30s");
        return TimeSpan.FromSeconds(n * scale);
    }
}

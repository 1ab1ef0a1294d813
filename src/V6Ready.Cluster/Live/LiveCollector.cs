using System.Text.Json.Nodes;
using V6Ready.Cluster.Loading;
using V6Ready.Cluster.Model;

namespace V6Ready.Cluster.Live;

public sealed class LiveOptions
{
    /// <summary>Path of kubectl; null searches PATH.</summary>
    public string? Kubectl { get; init; }
    public string? Context { get; init; }
    /// <summary>kubeconfig file passed to kubectl (default: kubectl's own, KUBECONFIG or ~/.kube/config).</summary>
    public string? Kubeconfig { get; init; }
    /// <summary>Limit namespaced resources to one namespace (kube-system Services and ConfigMaps are still read for DNS and kube-proxy).</summary>
    public string? Namespace { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public long MaxOutputBytes { get; init; } = 256L * 1024 * 1024;
    /// <summary>Directories to search for kubectl instead of the PATH environment variable (tests).</summary>
    public string? SearchPath { get; init; }
}

/// <summary>Result of a live collection: a snapshot, or a fatal error message (exit code 2).</summary>
public sealed class LiveResult
{
    public ClusterSnapshot? Snapshot { get; init; }
    public string? FatalError { get; init; }
}

/// <summary>
/// Reads a live cluster through kubectl: <c>config view --minify</c> (current context), <c>version</c> (reachability),
/// then one <c>get -o json</c> per resource so that a forbidden resource only skips the checks that need it.
/// </summary>
public static class LiveCollector
{
    /// <summary>(resource, kind, namespaced). ConfigMaps are read from kube-system only (kube-proxy, kubeadm-config).</summary>
    public static readonly (string Resource, string Kind, bool Namespaced)[] Resources =
    {
        ("nodes", "Node", false),
        ("pods", "Pod", true),
        ("services", "Service", true),
        ("endpointslices.discovery.k8s.io", "EndpointSlice", true),
        ("deployments.apps", "Deployment", true),
        ("statefulsets.apps", "StatefulSet", true),
        ("daemonsets.apps", "DaemonSet", true),
        ("jobs.batch", "Job", true),
        ("cronjobs.batch", "CronJob", true),
        ("configmaps", "ConfigMap", true),
    };

    private static readonly string[] s_unreachable =
    {
        "Unable to connect", "connection refused", "The connection to the server", "was refused", "no such host", "i/o timeout", "dial tcp", "connect: network is unreachable",
        "TLS handshake timeout", "context deadline exceeded", "the server has asked for the client to provide credentials",
        "You must be logged in", "Unauthorized", "x509:",
    };

    public static LiveResult Collect(LiveOptions options)
    {
        var exe = KubectlRunner.Resolve(options.Kubectl, options.SearchPath);
        if (exe is null)
        {
            return Fatal(options.Kubectl is not null
                ? $"kubectl not found at '{options.Kubectl}'"
                : "kubectl was not found on PATH: install kubectl, pass --kubectl PATH, or analyze a saved snapshot with --snapshot FILE");
        }
        var runner = new KubectlRunner(exe, options.Context, options.Timeout, options.MaxOutputBytes, options.Kubeconfig);
        var seconds = (int)Math.Ceiling(options.Timeout.TotalSeconds);

        // 1. Which context? (config view --minify shows only the current/selected context; credentials are never echoed.)
        var config = runner.Run("config", "view", "--minify", "-o", "json");
        if (config.StartError is not null) return Fatal($"cannot run kubectl ({exe}): {config.StartError}");
        if (config.TimedOut) return Fatal($"kubectl config view timed out after {seconds}s");
        string? context = options.Context;
        string server = "";
        if (!config.Success)
        {
            var err = Redactor.Clean(config.Stderr);
            if (err.Contains("current-context", StringComparison.OrdinalIgnoreCase) || err.Contains("context", StringComparison.OrdinalIgnoreCase) && err.Contains("not", StringComparison.OrdinalIgnoreCase))
                return Fatal(options.Context is null
                    ? $"no current kubectl context ({err}); select one with 'kubectl config use-context NAME' or pass --context NAME"
                    : $"kubectl context '{options.Context}' cannot be used ({err})");
            return Fatal($"kubectl config view failed (exit {config.ExitCode}): {err}");
        }
        var configReadable = true;
        try
        {
            var json = JsonNode.Parse(config.Stdout) as JsonObject;
            var current = KubeObject.AsString(json?["current-context"]);
            context ??= string.IsNullOrEmpty(current) ? null : current;
            var cluster = (json?["clusters"] as JsonArray)?.FirstOrDefault();
            server = Redactor.CleanUrl(KubeObject.AsString(KubeObject.Get(cluster, "cluster", "server")));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            // Odd output: kubectl succeeded, so it has a context; only its name is unknown.
            configReadable = false;
            context ??= "(current)";
        }
        if (configReadable && string.IsNullOrEmpty(context))
            return Fatal("no current kubectl context: select one with 'kubectl config use-context NAME' or pass --context NAME");

        var snapshot = new ClusterSnapshot
        {
            Source = "context " + context + (server.Length > 0 ? " (" + server + ")" : ""),
            Context = context,
            CollectedKinds = new HashSet<string>(StringComparer.Ordinal),
        };

        // 2. Is the API server there?
        var version = runner.Run("version", "-o", "json");
        if (version.StartError is not null) return Fatal($"cannot run kubectl ({exe}): {version.StartError}");
        if (version.TimedOut) return Fatal($"kubectl version timed out after {seconds}s: the API server of context '{context}' does not answer");
        if (!version.Success)
        {
            var err = Redactor.Clean(version.Stderr);
            if (IsUnreachable(version.Stderr))
                return Fatal($"cannot reach the API server of context '{context}'{(server.Length > 0 ? " at " + server : "")}: {err}");
            snapshot.Warnings.Add($"kubectl version failed (exit {version.ExitCode}): {err}");
        }
        try
        {
            if (JsonNode.Parse(version.Stdout) is JsonObject v)
                snapshot.ServerVersion = KubeObject.AsString(KubeObject.Get(v, "serverVersion", "gitVersion"));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException) { }

        // 3. One get per resource.
        var fetched = 0;
        // One budget for all calls together, not one per call: every output that is kept is parsed and held until
        // the checks run, so a per-call cap alone let memory grow with the number of resources (5 GB at 1 GB a call).
        var budget = runner.MaxOutputBytes;
        foreach (var (resource, kind, namespaced) in Resources)
        {
            var scopes = new List<string[]>();
            if (!namespaced) scopes.Add(Array.Empty<string>());
            else if (kind == "ConfigMap") scopes.Add(new[] { "-n", "kube-system" });
            else if (options.Namespace is null) scopes.Add(new[] { "--all-namespaces" });
            else
            {
                scopes.Add(new[] { "-n", options.Namespace });
                if (kind == "Service" && options.Namespace != "kube-system") scopes.Add(new[] { "-n", "kube-system" });
            }

            var ok = true;
            foreach (var scope in scopes)
            {
                var args = new List<string> { "get", resource, "-o", "json" };
                args.AddRange(scope);
                var label = "kubectl " + string.Join(' ', args);
                var r = runner.Run(budget, args.ToArray());
                if (r.StartError is not null) return Fatal($"cannot run kubectl ({exe}): {r.StartError}");
                if (r.TimedOut) return Fatal($"{label} timed out after {seconds}s: the API server of context '{context}' does not answer");
                if (r.OutputTooLarge)
                {
                    snapshot.Warnings.Add(budget < runner.MaxOutputBytes
                        ? $"{label}: output is larger than the {budget} bytes left of the {runner.MaxOutputBytes}-byte output budget; {resource} skipped (narrow with --namespace, raise --max-output-bytes or use --snapshot)"
                        : $"{label}: output is larger than {runner.MaxOutputBytes} bytes; {resource} skipped (narrow with --namespace or use --snapshot)");
                    ok = false;
                    continue;
                }
                if (!r.Success)
                {
                    var err = Redactor.Clean(r.Stderr);
                    if (r.Stderr.Contains("Forbidden", StringComparison.OrdinalIgnoreCase) || r.Stderr.Contains("forbidden", StringComparison.Ordinal))
                        snapshot.Warnings.Add($"{label}: forbidden for this user; checks that need {resource} were skipped ({err})");
                    else if (IsUnreachable(r.Stderr))
                        return Fatal($"cannot reach the API server of context '{context}' ({label}): {err}");
                    else
                        snapshot.Warnings.Add($"{label} failed (exit {r.ExitCode}); {resource} skipped: {err}");
                    ok = false;
                    continue;
                }
                budget -= System.Text.Encoding.UTF8.GetByteCount(r.Stdout);
                var before = snapshot.ParseErrors.Count;
                if (!SnapshotLoader.LoadText(r.Stdout, label, snapshot))
                {
                    var pe = snapshot.ParseErrors[^1];
                    snapshot.ParseErrors.RemoveRange(before, snapshot.ParseErrors.Count - before);
                    snapshot.Warnings.Add($"{label}: output could not be parsed ({pe.Message}); {resource} skipped");
                    ok = false;
                }
            }
            if (ok) { snapshot.CollectedKinds.Add(kind); fetched++; }
            else snapshot.MissingKinds.Add(kind);
        }
        // "no Kubernetes objects found" is normal for an empty resource list in live mode.
        snapshot.Warnings.RemoveAll(w => w.EndsWith(": no Kubernetes objects found", StringComparison.Ordinal));
        if (fetched == 0)
            return Fatal($"no resource could be read from context '{context}': " + string.Join("; ", snapshot.Warnings));
        Sanitizer.Apply(snapshot);
        return new LiveResult { Snapshot = snapshot };
    }

    private static bool IsUnreachable(string stderr) =>
        s_unreachable.Any(s => stderr.Contains(s, StringComparison.OrdinalIgnoreCase)) && !stderr.Contains("Forbidden", StringComparison.Ordinal);

    private static LiveResult Fatal(string message) => new() { FatalError = message };
}

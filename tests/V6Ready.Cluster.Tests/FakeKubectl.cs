using System.Text.Json.Nodes;
using V6Ready.Cluster.Live;

namespace V6Ready.Cluster.Tests;

/// <summary>
/// A bash script standing in for kubectl: it appends its arguments to a log and replays a snapshot, one file per
/// resource. <c>prelude</c> is bash run before the normal replay (to simulate failures).
/// </summary>
internal sealed class FakeKubectl : IDisposable
{
    public const string DefaultConfig = """
        {"kind":"Config","apiVersion":"v1","current-context":"kind-dual",
         "contexts":[{"name":"kind-dual","context":{"cluster":"kind-dual","user":"kind-dual"}}],
         "clusters":[{"name":"kind-dual","cluster":{"server":"https://admin:s3cretpass@127.0.0.1:6443","certificate-authority-data":"DATA+OMITTED"}}],
         "users":[{"name":"kind-dual","user":{"token":"REDACTED"}}]}
        """;

    public FakeKubectl(string? sample = "half-configured.snapshot.json", string prelude = "", string config = DefaultConfig, string scriptName = "kubectl")
    {
        Dir = Directory.CreateTempSubdirectory("v6cluster-kubectl-").FullName;
        Log = Path.Combine(Dir, "calls.log");
        File.WriteAllText(Path.Combine(Dir, "config.json"), config);
        if (sample is not null)
        {
            var list = (JsonObject)JsonNode.Parse(File.ReadAllText(Repo.Sample(sample)))!;
            var items = ((JsonArray)list["items"]!).Select(i => (JsonObject)i!).ToList();
            foreach (var (resource, kind, _) in LiveCollector.Resources)
            {
                var ofKind = items.Where(i => (string?)i["kind"] == kind).Select(i => (JsonNode?)i.DeepClone()).ToArray();
                var typed = new JsonObject { ["apiVersion"] = "v1", ["kind"] = kind + "List", ["items"] = new JsonArray(ofKind) };
                File.WriteAllText(Path.Combine(Dir, resource + ".json"), typed.ToJsonString());
            }
        }
        Script = Path.Combine(Dir, scriptName);
        File.WriteAllText(Script, $$$"""
            #!/usr/bin/env bash
            printf '%s\n' "$*" >> '{{{Log}}}'
            {{{prelude}}}
            case "$1" in
              config) cat '{{{Dir}}}/config.json' ;;
              version) echo '{"clientVersion":{"gitVersion":"v1.32.4"},"serverVersion":{"gitVersion":"v1.31.2"}}' ;;
              get)
                f='{{{Dir}}}/'"$2"'.json'
                if [ -f "$f" ]; then cat "$f"; else echo '{"apiVersion":"v1","kind":"List","items":[]}'; fi ;;
              *) echo "fake kubectl: unexpected verb $1" >&2; exit 3 ;;
            esac
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Dir { get; }
    public string Script { get; }
    public string Log { get; }

    public IReadOnlyList<string> Calls => File.Exists(Log) ? File.ReadAllLines(Log) : Array.Empty<string>();

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var all = new List<string> { "--kubectl", Script };
        all.AddRange(args);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ClusterApp.Run(all.ToArray(), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}

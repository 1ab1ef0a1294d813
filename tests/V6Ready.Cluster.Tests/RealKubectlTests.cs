using V6Ready.Cluster.Live;

namespace V6Ready.Cluster.Tests;

/// <summary>A fact that runs only where a real kubectl is on PATH (it is on this project's machines); skipped otherwise.</summary>
public sealed class RealKubectlFactAttribute : FactAttribute
{
    public RealKubectlFactAttribute()
    {
        if (KubectlRunner.Resolve(null) is null) Skip = "kubectl is not on PATH";
    }
}

/// <summary>The failure messages with the real kubectl binary (no cluster needed: an empty or unreachable kubeconfig).</summary>
public sealed class RealKubectlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("v6cluster-real-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static (int, string, string) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (ClusterApp.Run(args, o, e), o.ToString(), e.ToString());
    }

    private string Kubeconfig(string server)
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            current-context: dead
            contexts:
            - name: dead
              context: {cluster: dead, user: dead}
            clusters:
            - name: dead
              cluster: {server: "{{server}}", insecure-skip-tls-verify: true}
            users:
            - name: dead
              user: {token: "tok3n-that-must-not-leak-0123456789"}
            """);
        return path;
    }

    [RealKubectlFact]
    public void No_context_in_an_empty_kubeconfig()
    {
        var empty = Path.Combine(_dir, "empty");
        File.WriteAllText(empty, "apiVersion: v1\nkind: Config\n");
        var (exit, output, err) = Run("--kubeconfig", empty);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("no current kubectl context", err);
    }

    [RealKubectlFact]
    public void Unknown_context()
    {
        var (exit, _, err) = Run("--kubeconfig", Kubeconfig("https://127.0.0.1:1"), "--context", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("kubectl context 'nope' cannot be used", err);
    }

    [RealKubectlFact]
    public void Unreachable_api_server_without_leaking_the_token()
    {
        var (exit, _, err) = Run("--kubeconfig", Kubeconfig("https://user:pw@127.0.0.1:1"), "--timeout", "10");
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the API server of context 'dead' at https://127.0.0.1:1", err);
        Assert.DoesNotContain("tok3n", err);
        Assert.DoesNotContain("user:pw", err);
    }
}

namespace V6Ready.Cli.Tests;

/// <summary><c>v6ready cluster</c> decides colour as <c>scan</c> does: terminal, --color, --no-color, NO_COLOR, FORCE_COLOR.</summary>
public class ClusterColorTests
{
    [Fact]
    public void Cluster_text_is_coloured_like_scan()
    {
        using var c = new CliRunner();
        var snapshot = Path.Combine(TestSupport.RepoPaths.RepoRoot()!, "samples", "cluster", "half-configured.snapshot.json");
        bool Colored(bool terminal, Dictionary<string, string?> env, params string[] extra)
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var code = CliApp.Run(new[] { "cluster", "--snapshot", snapshot }.Concat(extra).ToArray(), stdout, new StringWriter(), c.Root, terminal, env);
            Assert.Equal(1, code);
            Assert.Contains("V6401", stdout.ToString());
            return stdout.ToString().Contains("\u001b[", StringComparison.Ordinal);
        }
        var none = new Dictionary<string, string?>();
        Assert.False(Colored(false, none));
        Assert.True(Colored(true, none));
        Assert.True(Colored(false, none, "--color", "always"));
        Assert.True(Colored(false, none, "--color=always", "-q"));
        Assert.False(Colored(true, none, "--color", "never"));
        Assert.False(Colored(true, none, "--no-color"));
        Assert.False(Colored(true, new() { ["NO_COLOR"] = "1" }));
        Assert.True(Colored(false, new() { ["FORCE_COLOR"] = "1" }));
        Assert.False(Colored(true, none, "-f", "github"));
    }
}

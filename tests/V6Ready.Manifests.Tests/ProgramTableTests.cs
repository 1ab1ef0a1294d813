using V6Ready.Manifests.Rules;

namespace V6Ready.Manifests.Tests;

/// <summary>The program table is data (rules/programs.json): every row has a source, and it drives V6104.</summary>
public class ProgramTableTests
{
    [Fact]
    public void Every_row_names_programs_a_verdict_and_a_source()
    {
        Assert.NotEmpty(CommandRules.Programs);
        Assert.All(CommandRules.Programs, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Id));
            Assert.NotEmpty(r.Names);
            Assert.True(r.Source.Length > 20, $"{r.Id}: no source");
        });
        var names = CommandRules.Programs.SelectMany(r => r.Names).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count()); // one verdict per program
        Assert.Equal("[::]", CommandRules.Program("gunicorn")!.FixHostPort);
        Assert.Equal("::", CommandRules.Program("uvicorn")!.FixHost);
        Assert.True(CommandRules.Program("prometheus")!.DualStack);
        Assert.False(CommandRules.Program("node")!.DualStack);
    }

    [Theory]
    [InlineData("hypercorn --bind 0.0.0.0:8000 app:app", true)]
    [InlineData("daphne -b 0.0.0.0 app.asgi:application", false)] // -b is not a bind flag V6Ready reads for daphne
    [InlineData("daphne --bind 0.0.0.0 app.asgi:application", true)]
    [InlineData("puma -b tcp://0.0.0.0:9292", true)]
    [InlineData("thanos query --http-address=0.0.0.0:10902", false)] // a Go program: dual-stack
    [InlineData("caddy run --adapter caddyfile --address 0.0.0.0:2019", false)]
    public void The_table_decides_the_verdict(string line, bool reported) =>
        Assert.Equal(reported, TestUtil.Analyze("run.sh", "#!/bin/sh\n" + line + "\n").Findings.Any(f => f.RuleId == "V6104"));
}

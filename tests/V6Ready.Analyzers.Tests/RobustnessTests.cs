using System.Text;
using Verify = V6Ready.Analyzers.Tests.Harness.Verifier;

namespace V6Ready.Analyzers.Tests;

/// <summary>Pathological but valid input: every analyzer must finish without throwing (the harness turns AD0001 into a failure).</summary>
public class RobustnessTests
{
    [Fact]
    public async Task LongConcatenationAndDeepNesting()
    {
        var sb = new StringBuilder("static string Long(string host, int port) => host");
        for (var i = 0; i < 1000; i++) sb.Append(" + \":\" + port");
        sb.Append(";\nstatic int Deep(int x) => ");
        for (var i = 0; i < 300; i++) sb.Append('(');
        sb.Append('x');
        for (var i = 0; i < 300; i++) sb.Append(" + 1)");
        sb.Append(";\nConsole.WriteLine(Long(\"h\", 1).Length + Deep(1));\n");
        var compilation = Verify.Compile([sb.ToString()]);
        Verify.AssertCompiles(compilation, "generated source");
        var diagnostics = await Verify.AnalyzeAsync(compilation, CatalogAndReleaseTests.AllAnalyzers());
        // One join of host and port is reported once for the whole concatenation, not once per '+'.
        Assert.Single(diagnostics, d => d.Id == "V6005");
    }

    [Fact]
    public async Task LocalsAssignedFromEachOtherDoNotLoop()
    {
        var source = """
            var a = IPAddress.Any;
            var b = a;
            var c = b;
            var d = c;
            var e = d;
            var f = e;
            var l = new TcpListener(f, 80);
            """;
        var compilation = Verify.Compile([source]);
        var diagnostics = await Verify.AnalyzeAsync(compilation, CatalogAndReleaseTests.AllAnalyzers());
        // Value tracking is bounded (four hops), so this chain is not followed to IPAddress.Any.
        Assert.DoesNotContain(diagnostics, d => d.Id == "V6001");
    }

    [Fact]
    public async Task SourceWithSyntaxErrorsDoesNotThrow()
    {
        var compilation = Verify.Compile(["var l = new TcpListener(IPAddress.Any, ; socket.Bind(new IPEndPoint(IPAddress.Any 80)); $\"{host}:{"]);
        var diagnostics = await Verify.AnalyzeAsync(compilation, CatalogAndReleaseTests.AllAnalyzers());
        Assert.All(diagnostics, d => Assert.StartsWith("V6", d.Id));
    }
}

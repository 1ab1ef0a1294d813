using V6Ready.Core;
using CoreContext = V6Ready.Core.AnalysisContext;

namespace V6Ready.CSharp.Tests;

public class MsBuildTests
{
    private const string Code = """
        using System.Net;
        using System.Net.Sockets;
        static class L
        {
        #if LEGACY_V4
            public static TcpListener Old() => new TcpListener(IPAddress.Any, 1);
        #endif
            public static TcpListener New() => TcpListener.Create(2);
        }
        """;

    [Fact]
    public void Msbuild_mode_evaluates_the_project_and_falls_back_when_it_cannot()
    {
        using var t = new TempTree();
        t.Write("app/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <DefineConstants>$(DefineConstants);LEGACY_V4</DefineConstants>
              </PropertyGroup>
            </Project>
            """);
        t.Write("app/L.cs", Code);
        // Malformed XML: MSBuild cannot evaluate it (and nothing is looked up anywhere).
        t.Write("broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>");
        t.Write("broken/L.cs", Code.Replace("#if LEGACY_V4", "#if true"));

        // Ad-hoc (default): the project's DefineConstants are not evaluated, so the #if block is inactive.
        var adhoc = new CSharpFrontEnd().AnalyzeMany(new[] { t.Doc("app/L.cs") }, new CoreContext());
        Assert.Empty(adhoc[0].Findings);

        var fe = new CSharpFrontEnd { UseMsBuild = true, ComputeFixes = false };
        var results = fe.AnalyzeMany(new[] { t.Doc("app/L.cs"), t.Doc("broken/L.cs") }, new CoreContext());
        var f = Assert.Single(results[0].Findings);
        Assert.Equal("V6001", f.RuleId);
        Assert.Equal(6, f.Line);
        // Design-time build outputs do not land in the checkout.
        Assert.False(Directory.Exists(Path.Combine(t.Root, "app", "obj")));
        Assert.False(Directory.Exists(Path.Combine(t.Root, "app", "bin")));
        // The broken project is reported and analyzed ad hoc.
        Assert.Contains(results[1].ParseErrors, e => e.Message.StartsWith("msbuild:"));
        Assert.Equal("V6001", Assert.Single(results[1].Findings).RuleId);
    }
}

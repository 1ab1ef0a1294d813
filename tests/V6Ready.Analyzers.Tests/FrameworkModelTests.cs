using V6Ready.Analyzers.Tests.Harness;

namespace V6Ready.Analyzers.Tests;

/// <summary>
/// rules/models/dotnet-framework.json embedded in the analyzers: a project whose TargetFramework is .NET Framework
/// (build_property.TargetFramework, as the SDK and the CLI pass it) gets the rows where .NET Framework differs from .NET.
/// </summary>
public class FrameworkModelTests
{
    private static Task Check(string markup, string? targetFramework)
    {
        var test = new AnalyzerTest<V6007Ipv4FamilyAnalyzer>(markup);
        if (targetFramework is not null)
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.TargetFramework = " + targetFramework + "\n"));
        return test.RunAsync();
    }

    [Fact]
    public void The_embedded_model_has_the_framework_monikers_and_the_InterNetwork_defaults()
    {
        var model = FrameworkModel.Embedded;
        Assert.Contains("net48", model.TargetFrameworks);
        Assert.Contains("net462", model.TargetFrameworks);
        Assert.DoesNotContain("net8.0", model.TargetFrameworks);
        Assert.Equal("dotnet-framework.Sockets.TcpClient.new", model.Ipv4ByDefault["TcpClient"]);
        Assert.Contains("UdpClient", model.Ipv4ByDefault.Keys);
        Assert.DoesNotContain("Socket", model.Ipv4ByDefault.Keys); // Socket(SocketType, ProtocolType) is dual-mode there too
    }

    [Fact]
    public void Parse_groups_values_by_row_id()
    {
        var model = FrameworkModel.Parse("""
            { "targetFrameworks": ["net47"], "apis": [
              { "id": "a", "receiver": "TcpClient", "name": "new", "kind": "socket", "params": [ { "role": "family", "default": "InterNetwork" } ] },
              { "id": "b", "receiver": "Other", "name": "new", "kind": "socket", "params": [ { "role": "family", "default": "InterNetworkV6" } ] },
              { "id": "c", "receiver": "Third", "name": "Create", "kind": "socket", "params": [ { "role": "family", "default": "InterNetwork" } ] } ] }
            """);
        Assert.Equal(["net47"], model.TargetFrameworks);
        Assert.Equal(["TcpClient"], model.Ipv4ByDefault.Keys);
    }

    [Theory]
    [InlineData("net48")]
    [InlineData("net462")]
    public Task New_TcpClient_is_InterNetwork_on_NET_Framework(string tf) => Check("""
        var c = [|new TcpClient()|];
        var d = new TcpClient(AddressFamily.InterNetworkV6);
        """, tf);

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    [InlineData(null)]
    public Task New_TcpClient_is_dual_mode_on_NET(string? tf) => Check("""
        var c = new TcpClient();
        """, tf);
}

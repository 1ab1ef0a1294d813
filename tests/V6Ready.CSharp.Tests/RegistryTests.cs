using V6Ready.Core;
using V6Ready.Core.Batch;
using V6Ready.Core.Scanning;

namespace V6Ready.CSharp.Tests;

public class RegistryTests
{
    [Fact]
    public void The_CLI_registry_finds_the_csharp_front_end_by_reflection()
    {
        var (frontEnds, warnings) = FrontEndRegistry.Load(AppContext.BaseDirectory);
        var cs = Assert.Single(frontEnds.OfType<CSharpFrontEnd>());
        Assert.Equal("csharp", cs.Name);
        Assert.IsAssignableFrom<IBatchFrontEnd>(cs);
        Assert.IsAssignableFrom<IMsBuildLoading>(cs);
        Assert.IsAssignableFrom<IReportsProgress>(cs);
        Assert.DoesNotContain(warnings, w => w.Contains("CSharp", StringComparison.Ordinal));
    }
}

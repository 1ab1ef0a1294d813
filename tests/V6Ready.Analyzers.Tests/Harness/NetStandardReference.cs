using System.Reflection;

namespace V6Ready.Analyzers.Tests.Harness;

/// <summary>netstandard.dll 2.0 (from the NETStandard.Library package the test project downloads), to compile fix output for the oldest target.</summary>
public static class NetStandardReference
{
    public static string Path =>
        typeof(NetStandardReference).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NetStandardRef")?.Value ?? "";
}

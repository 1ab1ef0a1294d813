using System.Reflection;

namespace V6Ready.TestSupport;

/// <summary>Finds the repository (the folder holding Analyzers.sln): from the build-time RepoRoot, else by walking up.</summary>
public static class RepoPaths
{
    public static string? RepoRoot()
    {
        var fromBuild = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild) && File.Exists(Path.Combine(fromBuild, "Analyzers.sln"))) return Path.GetFullPath(fromBuild);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; dir is not null && i < 15; i++, dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln"))) return dir.FullName;
        return null;
    }
}

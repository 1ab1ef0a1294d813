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

    /// <summary>The OASIS SARIF 2.1.0 schema at <c>&lt;repo&gt;/../shared/schemas/</c> (read there, never copied).</summary>
    public static string? SarifSchema()
    {
        var root = RepoRoot();
        if (root is null) return null;
        var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "schemas", "sarif-schema-2.1.0.json"));
        return File.Exists(candidate) ? candidate : null;
    }
}

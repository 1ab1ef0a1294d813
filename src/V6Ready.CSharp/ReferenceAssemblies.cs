using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace V6Ready.CSharp;

/// <summary>
/// Finds the framework reference assemblies to compile against without a restore: Microsoft.NETCore.App.Ref and
/// Microsoft.AspNetCore.App.Ref under <c>&lt;dotnet root&gt;/packs/…/ref/net*/</c>. The dotnet root comes from
/// <c>DOTNET_ROOT</c>, the running runtime's location, <c>/usr/share/dotnet</c> or <c>/usr/lib/dotnet</c>.
/// Falls back to the running runtime's trusted platform assemblies when no pack is found.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<(IReadOnlyList<MetadataReference> References, string Source)> s_default =
        new(() => Load(CandidateRoots()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared references (created once per process; metadata is memory-mapped and reused by every compilation).</summary>
    public static IReadOnlyList<MetadataReference> Default => s_default.Value.References;

    /// <summary>Where <see cref="Default"/> came from (a packs folder, or "trusted platform assemblies").</summary>
    public static string Source => s_default.Value.Source;

    public static IEnumerable<string> CandidateRoots()
    {
        var env = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(env)) yield return env;
        // The running runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
        if (!string.IsNullOrEmpty(runtimeDir))
        {
            var dir = new DirectoryInfo(runtimeDir.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var root = dir.Parent?.Parent?.Parent;
            if (root != null) yield return root.FullName;
        }
        yield return "/usr/share/dotnet";
        yield return "/usr/lib/dotnet";
        yield return "/usr/local/share/dotnet";
        var programFiles = Environment.GetEnvironmentVariable("ProgramFiles");
        if (!string.IsNullOrEmpty(programFiles)) yield return Path.Combine(programFiles, "dotnet");
    }

    /// <summary>Loads the newest NETCore + AspNetCore reference packs under the first root that has them.</summary>
    public static (IReadOnlyList<MetadataReference> References, string Source) Load(IEnumerable<string> roots)
    {
        foreach (var root in roots)
        {
            var core = FindRefDir(root, "Microsoft.NETCore.App.Ref");
            if (core == null) continue;
            var paths = new List<string>(Directory.EnumerateFiles(core, "*.dll"));
            var asp = FindRefDir(root, "Microsoft.AspNetCore.App.Ref");
            if (asp != null) paths.AddRange(Directory.EnumerateFiles(asp, "*.dll"));
            var refs = CreateReferences(paths);
            if (refs.Count > 0) return (refs, core + (asp != null ? " + " + asp : ""));
        }

        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return (CreateReferences(tpa), "trusted platform assemblies");
    }

    /// <summary><c>root/packs/NAME/&lt;newest version&gt;/ref/&lt;newest net*&gt;</c>, or null.</summary>
    public static string? FindRefDir(string root, string packName)
    {
        try
        {
            var pack = Path.Combine(root, "packs", packName);
            if (!Directory.Exists(pack)) return null;
            foreach (var versionDir in Directory.GetDirectories(pack).OrderByDescending(d => ParseVersion(Path.GetFileName(d))))
            {
                var refDir = Path.Combine(versionDir, "ref");
                if (!Directory.Exists(refDir)) continue;
                var tfm = Directory.GetDirectories(refDir, "net*")
                    .Where(d => Directory.EnumerateFiles(d, "*.dll").Any())
                    .OrderByDescending(d => ParseVersion(Path.GetFileName(d).Substring(3)))
                    .FirstOrDefault();
                if (tfm != null) return tfm;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static Version ParseVersion(string text)
    {
        var core = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return Version.TryParse(core.Contains('.') ? core : core + ".0", out var v) ? v : new Version(0, 0);
    }

    private static List<MetadataReference> CreateReferences(IEnumerable<string> paths)
    {
        var result = new List<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            if (!seen.Add(Path.GetFileName(path))) continue;
            ModuleMetadata? module = null;
            try
            {
                // One read per file: the metadata is read (not the whole image) and kept; native or non-assembly
                // files that may sit in a folder are skipped.
                module = ModuleMetadata.CreateFromFile(path);
                if (!module.GetMetadataReader().IsAssembly)
                {
                    module.Dispose();
                    continue;
                }
                result.Add(AssemblyMetadata.Create(module).GetReference(filePath: path, display: path));
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                module?.Dispose();
            }
        }
        return result;
    }
}

using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace V6Ready.CSharp;

/// <summary>
/// Finds the framework reference assemblies to compile against without a restore: Microsoft.NETCore.App.Ref and
/// Microsoft.AspNetCore.App.Ref under <c>&lt;dotnet root&gt;/packs/…/ref/net*/</c>. The dotnet root comes from
/// <c>DOTNET_ROOT</c>, the running runtime's location, the <c>dotnet</c> on PATH (a self-contained tool), <c>/usr/share/dotnet</c> or <c>/usr/lib/dotnet</c>.
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
        // A self-contained tool runs its own runtime copy: the SDK that installed it is the `dotnet` on PATH.
        foreach (var root in RootsOnPath(Environment.GetEnvironmentVariable("PATH"))) yield return root;
        yield return "/usr/share/dotnet";
        yield return "/usr/lib/dotnet";
        yield return "/usr/local/share/dotnet";
        var programFiles = Environment.GetEnvironmentVariable("ProgramFiles");
        if (!string.IsNullOrEmpty(programFiles)) yield return Path.Combine(programFiles, "dotnet");
    }

    /// <summary>The folders of the <c>dotnet</c> executables on <paramref name="path"/> (a PATH value), links followed.</summary>
    public static IEnumerable<string> RootsOnPath(string? path)
    {
        if (string.IsNullOrEmpty(path)) yield break;
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string? root = null;
            try
            {
                var file = new FileInfo(Path.Combine(dir.Trim(), exe));
                if (!file.Exists) continue;
                var target = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
                root = target.DirectoryName;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                continue; // an odd PATH entry or a broken link: not a dotnet root
            }
            if (root != null) yield return root;
        }
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

    /// <summary>
    /// The references of the given files. Facades (assemblies that define no type and only forward types to others,
    /// such as <c>mscorlib</c>, <c>netstandard</c> or <c>System.Runtime.Extensions</c>: a fifth of the reference packs)
    /// are left out unless another kept assembly references them (or <paramref name="keepAllFacades"/>): source code binds names to type definitions, so a
    /// facade that no kept metadata refers to changes nothing in a compilation of sources, and each one costs a file
    /// mapping and a metadata read at start-up and an assembly symbol in every compilation.
    /// </summary>
    public static List<MetadataReference> CreateReferences(IEnumerable<string> paths, bool keepAllFacades = false)
    {
        var modules = new List<(string Path, string Name, ModuleMetadata Module, bool Facade, List<string> References)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var referenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            if (!seen.Add(Path.GetFileName(path))) continue;
            ModuleMetadata? module = null;
            try
            {
                // One read per file: the metadata is read (not the whole image) and kept; native or non-assembly
                // files that may sit in a folder are skipped.
                module = ModuleMetadata.CreateFromFile(path);
                var reader = module.GetMetadataReader();
                if (!reader.IsAssembly)
                {
                    module.Dispose();
                    continue;
                }
                // TypeDefinitions always holds <Module>.
                var facade = reader.TypeDefinitions.Count <= 1 && reader.ExportedTypes.Count > 0;
                var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
                if (!facade) referenced.UnionWith(references);
                modules.Add((path, reader.GetString(reader.GetAssemblyDefinition().Name), module, facade, references));
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                module?.Dispose();
            }
        }
        // A facade that is kept keeps the assemblies it forwards to.
        for (var added = true; added;)
        {
            added = false;
            foreach (var m in modules)
                if (m.Facade && referenced.Contains(m.Name))
                    foreach (var r in m.References) added |= referenced.Add(r);
        }
        var result = new List<MetadataReference>(modules.Count);
        foreach (var (path, name, module, facade, _) in modules)
        {
            if (facade && !keepAllFacades && !referenced.Contains(name))
            {
                module.Dispose();
                continue;
            }
            result.Add(AssemblyMetadata.Create(module).GetReference(filePath: path, display: path));
        }
        return result;
    }
}

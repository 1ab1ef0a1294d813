using System.Reflection;
using System.Runtime.Loader;

namespace V6Ready.Core;

/// <summary>
/// Finds front ends by reflection over the <c>V6Ready.*.dll</c> assemblies in a folder (normally the CLI's own):
/// every non-abstract <see cref="ILanguageFrontEnd"/> with a public parameterless constructor, ordered by name.
/// An assembly or type that fails to load gives a warning, never an exception.
/// </summary>
public static class FrontEndRegistry
{
    public static (List<ILanguageFrontEnd> FrontEnds, List<string> Warnings) Load(string? directory = null)
    {
        var warnings = new List<string>();
        var found = new List<ILanguageFrontEnd>();
        foreach (var assembly in LoadAssemblies(directory ?? AppContext.BaseDirectory, warnings))
        {
            if (!MayExtendCore(assembly)) continue;
            var declared = Declared(assembly, warnings);
            foreach (var type in declared ?? SafeTypes(assembly, warnings, exportedOnly: true))
            {
                if (type.IsAbstract || type.IsInterface || !typeof(ILanguageFrontEnd).IsAssignableFrom(type)) continue;
                if (!type.IsPublic && !type.IsNestedPublic) continue;
                // GetConstructor resolves every constructor's parameter types (the C# front end's other constructor takes
                // Roslyn types): a declared type is created directly, and a missing constructor is reported below.
                if (declared is null && type.GetConstructor(Type.EmptyTypes) is null) continue;
                try
                {
                    found.Add((ILanguageFrontEnd)Activator.CreateInstance(type)!);
                }
                catch (Exception e)
                {
                    warnings.Add($"front end {type.FullName} could not be created: {(e is TargetInvocationException t && t.InnerException is not null ? t.InnerException.Message : e.Message)}");
                }
            }
        }
        var ordered = found
            .GroupBy(f => f.GetType().FullName)
            .Select(g => g.First())
            .OrderBy(f => SafeName(f), StringComparer.Ordinal)
            .ThenBy(f => f.GetType().FullName, StringComparer.Ordinal)
            .ToList();
        return (ordered, warnings);
    }

    /// <summary>The types named by the assembly's <see cref="FrontEndAttribute"/>s, or null when it has none.</summary>
    private static List<Type>? Declared(Assembly assembly, List<string> warnings)
    {
        try
        {
            var declared = assembly.GetCustomAttributes<FrontEndAttribute>().Select(a => a.Type).ToList();
            return declared.Count == 0 ? null : declared;
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException or CustomAttributeFormatException)
        {
            warnings.Add($"front-end declarations of {assembly.GetName().Name} could not be read: {e.Message}");
            return null;
        }
    }

    private static string SafeName(ILanguageFrontEnd f)
    {
        try { return f.Name ?? ""; } catch { return ""; }
    }

    /// <summary>The V6Ready.*.dll assemblies of a folder (already loaded ones are reused).</summary>
    public static List<Assembly> LoadAssemblies(string directory, List<string> warnings)
    {
        var result = new List<Assembly>();
        IEnumerable<string> files;
        try { files = Directory.EnumerateFiles(directory, "V6Ready.*.dll").OrderBy(f => f, StringComparer.Ordinal).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"cannot list front ends in {directory}: {e.Message}");
            return result;
        }
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
                result.Add(loaded ?? AssemblyLoadContext.Default.LoadFromAssemblyName(AssemblyName.GetAssemblyName(file)));
            }
            catch (Exception e)
            {
                try { result.Add(AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file))); }
                catch (Exception)
                {
                    warnings.Add($"front-end assembly {Path.GetFileName(file)} could not be loaded: {e.Message}");
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Whether the assembly is Core or references it: only those can hold front ends or reporters (they implement
    /// Core interfaces). The others (the Roslyn analyzers, the rule catalog) are not searched, which spares loading
    /// their dependencies at every start.
    /// </summary>
    public static bool MayExtendCore(Assembly assembly)
    {
        var core = typeof(ILanguageFrontEnd).Assembly.GetName().Name;
        try
        {
            return assembly.GetName().Name == core || assembly.GetReferencedAssemblies().Any(r => r.Name == core);
        }
        catch (Exception)
        {
            return true; // let SafeTypes report what is wrong with it
        }
    }

    public static IEnumerable<Type> SafeTypes(Assembly assembly, List<string> warnings, bool exportedOnly = false)
    {
        try
        {
            return exportedOnly ? assembly.GetExportedTypes() : assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            warnings.Add($"some types of {assembly.GetName().Name} could not be loaded: {e.LoaderExceptions.FirstOrDefault(x => x is not null)?.Message}");
            return e.Types.Where(t => t is not null)!;
        }
        catch (Exception e)
        {
            warnings.Add($"assembly {assembly.GetName().Name} could not be inspected: {e.Message}");
            return Array.Empty<Type>();
        }
    }
}

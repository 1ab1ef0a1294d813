using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace V6Ready.CSharp;

/// <summary>The analyzers and code-fix providers the front end runs.</summary>
public sealed class AnalyzerSet
{
    public AnalyzerSet(IEnumerable<DiagnosticAnalyzer> analyzers, IEnumerable<CodeFixProvider> fixers, IEnumerable<string>? loadErrors = null)
    {
        Analyzers = analyzers.ToImmutableArray();
        Fixers = fixers.ToImmutableArray();
        LoadErrors = (loadErrors ?? Array.Empty<string>()).ToList();
        var byId = new Dictionary<string, List<CodeFixProvider>>(StringComparer.OrdinalIgnoreCase);
        foreach (var fixer in Fixers)
        {
            ImmutableArray<string> ids;
            try { ids = fixer.FixableDiagnosticIds; }
            catch (Exception) { continue; }
            foreach (var id in ids)
            {
                if (!byId.TryGetValue(id, out var list)) byId[id] = list = new List<CodeFixProvider>();
                list.Add(fixer);
            }
        }
        FixersById = byId;
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }
    public ImmutableArray<CodeFixProvider> Fixers { get; }
    public IReadOnlyDictionary<string, List<CodeFixProvider>> FixersById { get; }

    /// <summary>Types that could not be instantiated (reported, never fatal).</summary>
    public IReadOnlyList<string> LoadErrors { get; }

    private static readonly Lazy<AnalyzerSet> s_default = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every DiagnosticAnalyzer of V6Ready.Analyzers and every CodeFixProvider of V6Ready.CodeFixes.</summary>
    public static AnalyzerSet Default => s_default.Value;

    private static AnalyzerSet LoadDefault()
    {
        var errors = new List<string>();
        var analyzers = new List<DiagnosticAnalyzer>();
        var fixers = new List<CodeFixProvider>();
        foreach (var asm in LoadAssemblies(new[] { "V6Ready.Analyzers", "V6Ready.CodeFixes" }, errors))
        {
            analyzers.AddRange(Instantiate<DiagnosticAnalyzer>(asm, errors)
                .Where(a => a.GetType().GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(x => x.Languages.Contains(LanguageNames.CSharp))));
            fixers.AddRange(Instantiate<CodeFixProvider>(asm, errors)
                .Where(f => f.GetType().GetCustomAttributes<ExportCodeFixProviderAttribute>().All(x => x.Languages.Contains(LanguageNames.CSharp))));
        }
        return new AnalyzerSet(analyzers, fixers, errors);
    }

    /// <summary>Loads the named assemblies from the app's folder or by name.</summary>
    public static List<Assembly> LoadAssemblies(IEnumerable<string> names, List<string> errors)
    {
        var result = new List<Assembly>();
        foreach (var name in names)
        {
            try
            {
                result.Add(Assembly.Load(new AssemblyName(name)));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
                try
                {
                    if (File.Exists(path)) result.Add(Assembly.LoadFrom(path));
                    else errors.Add($"{name}: {e.Message}");
                }
                catch (Exception e2) { errors.Add($"{name}: {e2.Message}"); }
            }
        }
        return result;
    }

    private static IEnumerable<T> Instantiate<T>(Assembly asm, List<string> errors) where T : class
    {
        Type[] types;
        try { types = asm.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = e.Types.Where(t => t != null).ToArray()!; }
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || !typeof(T).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) == null) continue;
            T? instance = null;
            try { instance = (T)Activator.CreateInstance(type)!; }
            catch (Exception e) { errors.Add($"{type.FullName}: {e.InnerException?.Message ?? e.Message}"); }
            if (instance != null) yield return instance;
        }
    }
}

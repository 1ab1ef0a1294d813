using V6Ready.Core.Index;
using V6Ready.Python.Syntax;

namespace V6Ready.Python.Analysis;

/// <summary>What an import binds: a module (<c>import settings</c>, <c>from . import config</c> may also be a submodule) or a name of a module.</summary>
public sealed record ImportBinding(string Module, int Level, string? Name);

/// <summary>A module-level value of another file, as plain data, with where it was written.</summary>
public sealed record PyExported(string Text, bool ViaEnv, ValueOrigin Origin);

/// <summary>
/// What one Python module defines at module level, as plain data for the project index: names assigned once whose value
/// is fully known (<c>HOST = os.getenv('HOST', '0.0.0.0')</c>), names it imports from elsewhere (re-exports, followed
/// while building within the index's depth), class attributes (<c>Config.HOST</c>; a pydantic <c>BaseSettings</c>
/// field is an environment default), and module-level instances of its classes (<c>settings = Settings()</c>, so
/// <c>settings.host</c> reads <c>Settings.host</c>). Keys: <c>NAME</c>, <c>Class.attr</c>.
/// </summary>
public sealed class PyModuleSummary
{
    private const int MaxNames = 500;

    public Dictionary<string, PyExported> Values { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Instances { get; } = new(StringComparer.Ordinal);

    public static PyModuleSummary? Build(ProjectIndex index, string fullPath)
    {
        var text = ProjectIndex.ReadText(fullPath);
        if (text is null || text.IndexOf('\0') >= 0) return null;
        var module = Parser.Parse(text);
        var model = new FileModel(module, fullPath) { CrossFile = new PyModuleScope(index, fullPath) };
        var ev = new Evaluator(model);
        var display = index.DisplayPath(fullPath);
        var summary = new PyModuleSummary();
        ValueOrigin At(Node n) => new(display, ProjectIndex.LineOf(text, n.Pos));

        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stmt in module.Body)
            if (stmt is ClassDefStmt cd) classes.Add(cd.Name);

        var count = 0;
        foreach (var stmt in module.Body)
        {
            if (++count > MaxNames) break;
            switch (stmt)
            {
                case AssignStmt { Targets: [NameExpr name] } a:
                    if (model.Assignments(name.Id, a) is { Count: 1 })
                    {
                        if (a.Value is CallExpr { Func: NameExpr cls } && classes.Contains(cls.Id)) summary.Instances.TryAdd(name.Id, cls.Id);
                        else summary.Add(name.Id, ev.Eval(a.Value), At(a.Value));
                    }
                    break;
                case AnnAssignStmt { Target: NameExpr name, Value: { } value } an:
                    if (model.Assignments(name.Id, an) is { Count: 1 }) summary.Add(name.Id, ev.Eval(value), At(value));
                    break;
                case ImportFromStmt from:
                    foreach (var alias in from.Names)
                        if (alias.Name != "*" && model.CrossFile!.Lookup(new ImportBinding(from.Module ?? "", from.Level, alias.Name), Array.Empty<string>()) is { } v)
                            summary.Values.TryAdd(alias.AsName ?? alias.Name, v);
                    break;
                case ClassDefStmt cd:
                    var settings = cd.Bases.Any(b => b.Value is NameExpr { Id: "BaseSettings" } or AttributeExpr { Attr: "BaseSettings" });
                    foreach (var member in cd.Body)
                    {
                        var (target, value) = member switch
                        {
                            AssignStmt { Targets: [NameExpr t] } ma => (t, ma.Value),
                            AnnAssignStmt { Target: NameExpr t, Value: { } v } => (t, v),
                            _ => (null, null),
                        };
                        if (target is null || value is null) continue;
                        var pv = ev.Eval(value);
                        summary.Add(cd.Name + "." + target.Id, settings && pv is not null ? pv with { ViaEnv = true } : pv, At(value));
                    }
                    break;
            }
        }
        // from .base import *: what the other module exports is this module's too (its own names win)
        foreach (var stmt in module.Body)
            if (stmt is ImportFromStmt { Names: [{ Name: "*" }] } star && model.CrossFile!.Summary(star.Module ?? "", star.Level) is { } other)
            {
                foreach (var (k, v) in other.Values) summary.Values.TryAdd(k, v);
                foreach (var (k, v) in other.Instances) summary.Instances.TryAdd(k, v);
            }
        return summary;
    }

    private void Add(string key, PyValue? value, ValueOrigin origin)
    {
        if (value is null || value.HasHoles) return;
        Values.TryAdd(key, new PyExported(value.Text, value.ViaEnv, value.Via ?? origin));
    }

    /// <summary>The value of a dotted key (<c>HOST</c>, <c>Config.HOST</c>, <c>settings.host</c> through an instance).</summary>
    public PyExported? Get(string key)
    {
        if (Values.TryGetValue(key, out var v)) return v;
        var dot = key.IndexOf('.');
        if (dot > 0 && Instances.TryGetValue(key[..dot], out var cls) && Values.TryGetValue(cls + key[dot..], out v)) return v;
        return null;
    }
}

/// <summary>
/// How one Python file reaches the module-level values of the files it imports, through the project index. Module
/// names are resolved like the interpreter would from the repository: relative imports from the file's package;
/// absolute ones from the file's folder (a script's own folder is first on <c>sys.path</c>) and then each parent folder
/// up to the scan root (<c>a/b.py</c> or <c>a/b/__init__.py</c>). Installed packages are not read.
/// </summary>
public sealed class PyModuleScope(ProjectIndex index, string fullPath)
{
    private const int MaxParents = 8;
    private readonly Dictionary<(string, int), string?> _resolved = new();

    /// <summary>The value a name imported by <paramref name="binding"/>, followed by <paramref name="attrs"/>, has in its module.</summary>
    public PyExported? Lookup(ImportBinding binding, IReadOnlyList<string> attrs)
    {
        if (binding.Name is null)
        {
            // import a.b.c / import a.b as m: the longest module prefix of the attribute chain that is a file, then the rest as the key
            for (var k = attrs.Count - 1; k >= 0; k--)
            {
                var module = attrs.Take(k).Prepend(binding.Module).Where(s => s.Length > 0);
                if (Summary(string.Join('.', module), binding.Level) is { } s && s.Get(string.Join('.', attrs.Skip(k))) is { } v) return v;
            }
            return null;
        }
        // from M import N: N.attrs in M, else N is a submodule of M (from . import config → config.HOST)
        var key = string.Join('.', attrs.Prepend(binding.Name));
        if (Summary(binding.Module, binding.Level) is { } m && m.Get(key) is { } found) return found;
        if (attrs.Count == 0) return null;
        var sub = binding.Module.Length == 0 ? binding.Name : binding.Module + "." + binding.Name;
        for (var k = attrs.Count - 1; k >= 0; k--)
        {
            var module = string.Join('.', attrs.Take(k).Prepend(sub));
            if (Summary(module, binding.Level) is { } s && s.Get(string.Join('.', attrs.Skip(k))) is { } v) return v;
        }
        return null;
    }

    /// <summary>The summary of the module <paramref name="module"/> imported at <paramref name="level"/> from this file (null when no file of the repository is that module).</summary>
    public PyModuleSummary? Summary(string module, int level)
    {
        if (!_resolved.TryGetValue((module, level), out var file)) _resolved[(module, level)] = file = Resolve(module, level);
        return file is null ? null : index.Summary(file, () => PyModuleSummary.Build(index, file));
    }

    private string? Resolve(string module, int level)
    {
        var dir = Path.GetDirectoryName(fullPath);
        if (dir is null) return null;
        var parts = module.Length == 0 ? Array.Empty<string>() : module.Split('.');
        if (parts.Any(p => p.Length == 0 || p is "." or "..")) return null;
        if (level > 0)
        {
            for (var i = 1; i < level && dir is not null; i++) dir = Path.GetDirectoryName(dir);
            return dir is null ? null : FileOf(dir, parts);
        }
        if (parts.Length == 0) return null;
        for (var i = 0; i <= MaxParents && dir is not null; i++)
        {
            if (!index.IsInScan(dir)) break; // outside the scanned tree
            if (FileOf(dir, parts) is { } f) return f;
            dir = Path.GetDirectoryName(dir);
        }
        return null;
    }

    private string? FileOf(string dir, string[] parts)
    {
        var basePath = parts.Length == 0 ? dir : Path.Combine(dir, Path.Combine(parts));
        foreach (var candidate in new[] { basePath + ".py", Path.Combine(basePath, "__init__.py") })
            if (!string.Equals(candidate, fullPath, StringComparison.Ordinal) && File.Exists(candidate)) return candidate;
        return null;
    }
}

using V6Ready.Python.Syntax;

namespace V6Ready.Python.Analysis;

/// <summary>
/// What the rules need to know about one module: import-aware qualified names (<c>import socket as s</c>,
/// <c>from flask import Flask as F</c>, <c>from socket import *</c>), the assignments of each scope (module, each
/// function), parameter defaults, and argparse/click option defaults.
/// </summary>
public sealed class FileModel
{
    private readonly Dictionary<string, string> _imports = new(StringComparer.Ordinal);
    private readonly List<string> _starModules = new();
    private readonly Dictionary<Node, Dictionary<string, List<Expr>>> _scopes = new();
    /// <summary>argparse <c>add_argument('--host', default=…)</c> and click <c>option('--host', default=…)</c> defaults, by destination name.</summary>
    private readonly Dictionary<string, Expr> _optionDefaults = new(StringComparer.Ordinal);

    public FileModel(PyModule module, string path)
    {
        Module = module;
        Path = path;
        Source = module.Source;
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        IsTestFile = name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal) || name == "conftest.py"
            || path.Replace('\\', '/').Split('/').Any(s => s is "tests" or "test" or "testing");
        foreach (var n in AstWalker.Descendants(module)) Index(n);
    }

    /// <summary>The modules of the repository this file imports, through the project index (null without an index).</summary>
    public PyModuleScope? CrossFile { get; init; }

    /// <summary>What each imported name binds (module-level and function-level imports alike), for values from other files.</summary>
    private readonly Dictionary<string, ImportBinding> _bindings = new(StringComparer.Ordinal);

    /// <summary>The import that binds <paramref name="name"/> in this module, if any.</summary>
    public ImportBinding? ImportOf(string name) => _bindings.GetValueOrDefault(name);

    public PyModule Module { get; }
    public string Path { get; }
    public string Source { get; }
    public bool IsTestFile { get; }

    private void Index(Node n)
    {
        switch (n)
        {
            case ImportStmt imp:
                foreach (var a in imp.Names)
                {
                    if (a.AsName is not null) _imports[a.AsName] = a.Name;
                    else
                    {
                        var first = a.Name.Split('.')[0];
                        _imports[first] = first;
                    }
                    _bindings[a.AsName ?? a.Name.Split('.')[0]] = new ImportBinding(a.AsName is null ? a.Name.Split('.')[0] : a.Name, 0, null);
                }
                break;
            case ImportFromStmt from:
                foreach (var a in from.Names)
                {
                    if (a.Name != "*" && (from.Level > 0 || from.Module is not null)) _bindings[a.AsName ?? a.Name] = new ImportBinding(from.Module ?? "", from.Level, a.Name);
                    if (from.Level != 0 || from.Module is null) continue;
                    if (a.Name == "*") _starModules.Add(from.Module);
                    else _imports[a.AsName ?? a.Name] = from.Module + "." + a.Name;
                }
                break;
            case AssignStmt a:
                foreach (var t in a.Targets) Bind(t, a.Value, a);
                break;
            case AnnAssignStmt an when an.Value is not null:
                Bind(an.Target, an.Value, an);
                break;
            case AugAssignStmt aug:
                Bind(aug.Target, null, aug);
                break;
            case ForStmt f:
                Bind(f.Target, null, f);
                break;
            case WithItem w when w.Vars is not null:
                Bind(w.Vars, w.Context, w);
                break;
            case NamedExpr ne:
                Bind(ne.Target, ne.Value, ne);
                break;
            case CallExpr call:
                IndexOption(call);
                break;
            case FunctionDefStmt fd when fd.Parent is PyModule:
                _functions[fd.Name] = _functions.ContainsKey(fd.Name) ? null : fd;
                break;
        }
    }

    private readonly Dictionary<string, FunctionDefStmt?> _functions = new(StringComparer.Ordinal);

    /// <summary>The module-level function named <paramref name="name"/> (null when absent or defined twice).</summary>
    public FunctionDefStmt? Function(string name) => _functions.GetValueOrDefault(name);

    /// <summary>The values a function returns (its own return statements, not those of nested functions).</summary>
    public static IEnumerable<Expr> ReturnValues(FunctionDefStmt f)
    {
        var stack = new Stack<Node>();
        foreach (var s in f.Body) stack.Push(s);
        var buf = new List<Node>();
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is FunctionDefStmt or ClassDefStmt or LambdaExpr) continue;
            if (n is ReturnStmt { Value: { } v }) yield return v;
            if (n is Expr) continue;
            buf.Clear();
            n.AddChildren(buf);
            foreach (var c in buf) stack.Push(c);
        }
    }

    private void Bind(Expr target, Expr? value, Node at)
    {
        switch (target)
        {
            case NameExpr name:
                var scope = ScopeOf(at);
                if (!_scopes.TryGetValue(scope, out var map)) _scopes[scope] = map = new Dictionary<string, List<Expr>>(StringComparer.Ordinal);
                if (!map.TryGetValue(name.Id, out var list)) map[name.Id] = list = new List<Expr>();
                list.Add(value ?? new ErrorExpr { Pos = target.Pos, End = target.End });
                break;
            case TupleExpr t:
                foreach (var e in t.Elts) Bind(e, null, at);
                break;
            case ListExpr l:
                foreach (var e in l.Elts) Bind(e, null, at);
                break;
            case StarredExpr s:
                Bind(s.Value, null, at);
                break;
        }
    }

    /// <summary>The function (or module) whose local names <paramref name="n"/> binds or reads.</summary>
    public static Node ScopeOf(Node n)
    {
        for (var p = n.Parent; p is not null; p = p.Parent)
            if (p is FunctionDefStmt or LambdaExpr or PyModule) return p;
        return n;
    }

    private void IndexOption(CallExpr call)
    {
        if (call.Func is not AttributeExpr { Attr: "add_argument" or "option" or "argument" } attr) return;
        if (attr.Attr is "option" or "argument" && QualifiedName(attr) is not ("click.option" or "click.argument")) return;
        var dflt = call.Keyword("default");
        if (dflt is null) return;
        string? dest = null;
        if (call.Keyword("dest") is StrExpr ds) dest = StrValue.Of(ds);
        if (dest is null)
        {
            for (var i = 0; i < call.PositionalCount; i++)
            {
                if (call.Positional(i) is not StrExpr s || StrValue.Of(s) is not { } flag) continue;
                if (flag.StartsWith("--", StringComparison.Ordinal)) { dest = flag[2..]; break; }
                if (!flag.StartsWith('-') && dest is null) dest = flag;
                else if (dest is null && flag.Length > 1) dest = flag[1..];
            }
        }
        if (dest is null) return;
        _optionDefaults[dest.Replace('-', '_')] = dflt;
    }

    /// <summary>The default of an argparse/click option whose destination is <paramref name="dest"/>.</summary>
    public Expr? OptionDefault(string dest) => _optionDefaults.GetValueOrDefault(dest);

    /// <summary>
    /// Values assigned to <paramref name="name"/> as seen from <paramref name="at"/>: the enclosing function's
    /// assignments, else the module's. Null when the name is not assigned in either.
    /// </summary>
    public List<Expr>? Assignments(string name, Node at)
    {
        var scope = ScopeOf(at);
        if (_scopes.TryGetValue(scope, out var map) && map.TryGetValue(name, out var list)) return list;
        if (scope is not PyModule && _scopes.TryGetValue(Module, out map) && map.TryGetValue(name, out list))
        {
            // a module-level name used in a function: only when the function does not bind it itself
            return list;
        }
        return null;
    }

    /// <summary>The parameter named <paramref name="name"/> of the function enclosing <paramref name="at"/>.</summary>
    public (Param Param, FunctionDefStmt Function)? ParameterOf(string name, Node at)
    {
        for (var p = at.Parent; p is not null; p = p.Parent)
        {
            if (p is FunctionDefStmt f)
            {
                foreach (var q in f.Params.List)
                    if (q.Name == name) return (q, f);
                return null;
            }
            if (p is LambdaExpr) return null;
        }
        return null;
    }

    /// <summary>
    /// The qualified name of a name or attribute chain through the imports: <c>s.socket</c> after
    /// <c>import socket as s</c> is <c>socket.socket</c>; <c>F</c> after <c>from flask import Flask as F</c> is
    /// <c>flask.Flask</c>. Names from <c>from M import *</c> resolve to <c>M.name</c> when the module does not bind them.
    /// </summary>
    public string? QualifiedName(Expr e)
    {
        switch (e)
        {
            case NameExpr n:
                if (_imports.TryGetValue(n.Id, out var q)) return q;
                if (_starModules.Count > 0 && !(_scopes.TryGetValue(Module, out var map) && map.ContainsKey(n.Id))) return _starModules[0] + "." + n.Id;
                return null;
            case AttributeExpr a:
                var left = QualifiedName(a.Value);
                return left is null ? null : left + "." + a.Attr;
            default:
                return null;
        }
    }

    /// <summary>Every module a <c>from M import *</c> brought in (for resolving star-imported names against several).</summary>
    public IReadOnlyList<string> StarModules => _starModules;

    public string Text(Node n) => Source.Substring(n.Pos, n.End - n.Pos);
}

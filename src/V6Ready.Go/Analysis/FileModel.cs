using V6Ready.Go.Syntax;

namespace V6Ready.Go.Analysis;

/// <summary>How a name got its value.</summary>
public enum DefKind
{
    /// <summary><c>x := e</c>, <c>x = e</c>, <c>var x = e</c>, <c>const x = e</c> (Value is e; Index is the position for a multi-value call).</summary>
    Value,
    /// <summary><c>var x T</c> without a value (Type is T).</summary>
    Declared,
    /// <summary>A function parameter or result (Type is its type).</summary>
    Param,
    /// <summary>A range variable or another definition whose value is unknown.</summary>
    Unknown,
    /// <summary><c>flag.StringVar(&amp;x, name, default, usage)</c> and friends (Value is the default).</summary>
    Flag,
}

public sealed record Def(DefKind Kind, Node Node, Expr? Value, Expr? Type, int Index = -1, int ValueCount = 1);

/// <summary>
/// What the detectors need to know about one file: imports (local name → path, dot imports), top-level functions,
/// package-level and per-function definitions of names, and struct field types.
/// </summary>
public sealed class FileModel
{
    private readonly Dictionary<Node, Dictionary<string, List<Def>>> _scopes = new();
    private readonly Dictionary<string, List<Def>> _package = new(StringComparer.Ordinal);

    public FileModel(GoFile file, string path)
    {
        File = file;
        Path = path;
        IsTestFile = path.EndsWith("_test.go", StringComparison.OrdinalIgnoreCase);
        foreach (var imp in file.Imports)
        {
            var name = imp.Name?.Name ?? DefaultImportName(imp.Path);
            if (name == ".") DotImports.Add(imp.Path);
            else if (name != "_") ImportNames[name] = imp.Path;
        }
        foreach (var decl in file.Decls)
        {
            switch (decl)
            {
                case FuncDecl fd when fd.Recv is null:
                    Funcs[fd.Name.Name] = fd;
                    break;
                case GenDecl gd when gd.Tok is TokenKind.Const or TokenKind.Var:
                    AddValueSpecs(gd, _package);
                    break;
                case GenDecl gd when gd.Tok == TokenKind.Type:
                    foreach (var spec in gd.Specs.OfType<TypeSpec>())
                    {
                        if (spec.Type is StructType st)
                            foreach (var f in st.Fields.List)
                                foreach (var n in f.Names)
                                {
                                    var tn = TypeName(f.Type);
                                    if (FieldTypes.TryGetValue(n.Name, out var existing) && existing != tn) FieldTypes[n.Name] = null;
                                    else FieldTypes[n.Name] = tn;
                                }
                    }
                    break;
            }
        }
    }

    /// <summary>The other files of this package, through the project index (null: stop at this file).</summary>
    public GoPackageScope? Package { get; init; }

    public GoFile File { get; }
    public string Path { get; }
    public bool IsTestFile { get; }

    /// <summary>Local import name → import path (dot and blank imports excluded).</summary>
    public Dictionary<string, string> ImportNames { get; } = new(StringComparer.Ordinal);
    public List<string> DotImports { get; } = new();
    public Dictionary<string, FuncDecl> Funcs { get; } = new(StringComparer.Ordinal);

    /// <summary>Struct field name → the type name it has in every struct of this file (null when they differ or are not a simple name).</summary>
    public Dictionary<string, string?> FieldTypes { get; } = new(StringComparer.Ordinal);

    public static string DefaultImportName(string path)
    {
        var parts = path.Split('/');
        var last = parts[^1];
        if (parts.Length > 1 && last.Length >= 2 && last[0] == 'v' && last.Skip(1).All(char.IsDigit)) last = parts[^2];
        var dot = last.IndexOf(".v", StringComparison.Ordinal);
        if (dot > 0) last = last.Substring(0, dot); // gopkg.in/yaml.v2
        if (last.StartsWith("go-", StringComparison.Ordinal)) last = last.Substring(3);
        return last.Replace("-", "").Replace(".", "");
    }

    /// <summary>The local name under which <paramref name="path"/> is imported (null when not imported by name).</summary>
    public string? LocalNameOf(string path)
    {
        foreach (var kv in ImportNames)
            if (kv.Value == path) return kv.Key;
        return null;
    }

    public static string? TypeName(Expr? t) => t switch
    {
        Ident i => i.Name,
        SelectorExpr { X: Ident p } s => p.Name + "." + s.Sel.Name,
        StarExpr s => TypeName(s.X) is { } n ? "*" + n : null,
        ArrayType { Len: null } a => TypeName(a.Elt) is { } n ? "[]" + n : null,
        _ => null,
    };

    /// <summary>The outermost function body enclosing <paramref name="n"/> (the scope used for name lookups), or null.</summary>
    public static Node? ScopeOf(Node n)
    {
        Node? scope = null;
        for (var p = n.Parent; p is not null; p = p.Parent)
        {
            if (p is FuncDecl) return p;
            if (p is FuncLit) scope = p; // a function literal at package level: its outermost literal
        }
        return scope;
    }

    /// <summary>Definitions of <paramref name="name"/> visible from <paramref name="at"/>: in its function, else at package level.</summary>
    public IReadOnlyList<Def> DefsOf(string name, Node at)
    {
        var scope = ScopeOf(at);
        if (scope is not null)
        {
            var map = ScopeDefs(scope);
            if (map.TryGetValue(name, out var defs)) return defs;
        }
        return _package.TryGetValue(name, out var pdefs) ? pdefs : Array.Empty<Def>();
    }

    /// <summary>True when <paramref name="name"/> is an import's local name and no local definition hides it.</summary>
    public bool IsPackageName(string name, Node at, out string path)
    {
        path = "";
        if (!ImportNames.TryGetValue(name, out var p)) return false;
        var scope = ScopeOf(at);
        if (scope is not null && ScopeDefs(scope).ContainsKey(name)) return false;
        path = p;
        return true;
    }

    /// <summary>(import path, name) of a function or value selected from a package: <c>net.Dial</c>, or <c>Dial</c> under a dot import.</summary>
    public (string Path, string Name)? ResolvePackageMember(Expr e)
    {
        e = Unparen(e);
        if (e is SelectorExpr { X: Ident pkg } sel && IsPackageName(pkg.Name, e, out var path)) return (path, sel.Sel.Name);
        if (e is Ident id && DotImports.Count > 0 && !Funcs.ContainsKey(id.Name) && DefsOf(id.Name, e).Count == 0)
        {
            foreach (var dp in DotImports)
                if (KnownMembers.Contains(dp, id.Name)) return (dp, id.Name);
        }
        return null;
    }

    public bool Is(Expr e, string path, string name)
    {
        var r = ResolvePackageMember(e);
        return r is { } v && v.Path == path && v.Name == name;
    }

    public static Expr Unparen(Expr e)
    {
        while (e is ParenExpr p) e = p.X;
        return e;
    }

    /// <summary>Every use (not definition) of a local name inside a scope.</summary>
    public IEnumerable<Ident> UsesOf(string name, Node at)
    {
        var scope = ScopeOf(at);
        if (scope is null) yield break;
        foreach (var n in AstWalker.Descendants(scope))
            if (n is Ident id && id.Name == name && id.Parent is not null && !IsDefiningOccurrence(id))
                yield return id;
    }

    private static bool IsDefiningOccurrence(Ident id) => id.Parent switch
    {
        AssignStmt a when a.Tok == TokenKind.Define && a.Lhs.Contains(id) => true,
        ValueSpec v when v.Names.Contains(id) => true,
        Field f when f.Names.Contains(id) => true,
        SelectorExpr s when s.Sel == id => true,
        KeyValueExpr kv when kv.Key == id && kv.Parent is CompositeLit => true,
        FuncDecl fd when fd.Name == id => true,
        _ => false,
    };

    private Dictionary<string, List<Def>> ScopeDefs(Node scope)
    {
        if (_scopes.TryGetValue(scope, out var map)) return map;
        map = new Dictionary<string, List<Def>>(StringComparer.Ordinal);
        _scopes[scope] = map;
        foreach (var n in AstWalker.Descendants(scope))
        {
            switch (n)
            {
                case FuncType ft:
                    AddFields(ft.Params, map);
                    AddFields(ft.Results, map);
                    if (ft.Parent is FuncDecl { Recv: { } recv }) AddFields(recv, map);
                    break;
                case AssignStmt a when a.Tok is TokenKind.Define or TokenKind.Assign:
                    for (var i = 0; i < a.Lhs.Count; i++)
                    {
                        if (a.Lhs[i] is not Ident id || id.Name == "_") continue;
                        if (a.Rhs.Count == a.Lhs.Count) Add(map, id.Name, new Def(DefKind.Value, a, a.Rhs[i], null));
                        else if (a.Rhs.Count == 1) Add(map, id.Name, new Def(DefKind.Value, a, a.Rhs[0], null, i, a.Lhs.Count));
                        else Add(map, id.Name, new Def(DefKind.Unknown, a, null, null));
                    }
                    break;
                case AssignStmt a2:
                    // x += e etc.: value unknown
                    foreach (var l in a2.Lhs)
                        if (l is Ident id2) Add(map, id2.Name, new Def(DefKind.Unknown, a2, null, null));
                    break;
                case GenDecl gd when gd.Tok is TokenKind.Var or TokenKind.Const:
                    AddValueSpecs(gd, map);
                    break;
                case RangeStmt rs:
                    if (rs.Key is Ident k) Add(map, k.Name, new Def(DefKind.Unknown, rs, null, null));
                    if (rs.Value is Ident v) Add(map, v.Name, new Def(DefKind.Unknown, rs, null, null));
                    break;
                case CallExpr call when call.Args.Count >= 3 && call.Args[0] is UnaryExpr { Op: TokenKind.And, X: Ident target }
                                        && ResolvePackageMember(call.Fun) is { } m && m.Path is "flag" or "github.com/spf13/pflag"
                                        && m.Name.EndsWith("Var", StringComparison.Ordinal):
                    Add(map, target.Name, new Def(DefKind.Flag, call, call.Args[2], null));
                    break;
                case IncDecStmt ids when ids.X is Ident inc:
                    Add(map, inc.Name, new Def(DefKind.Unknown, ids, null, null));
                    break;
            }
        }
        return map;
    }

    private static void AddFields(FieldList? fl, Dictionary<string, List<Def>> map)
    {
        if (fl is null) return;
        foreach (var f in fl.List)
            foreach (var n in f.Names)
                Add(map, n.Name, new Def(DefKind.Param, f, null, f.Type));
    }

    private static void AddValueSpecs(GenDecl gd, Dictionary<string, List<Def>> map)
    {
        ValueSpec? previous = null;
        foreach (var spec in gd.Specs.OfType<ValueSpec>())
        {
            var values = spec.Values;
            var type = spec.Type;
            if (gd.Tok == TokenKind.Const && values.Count == 0 && previous is not null)
            {
                // implicit repetition of the previous expression list (iota); string constants repeat verbatim
                values = previous.Values;
                type = previous.Type;
            }
            else previous = spec;
            for (var i = 0; i < spec.Names.Count; i++)
            {
                var name = spec.Names[i].Name;
                if (name == "_") continue;
                if (values.Count == spec.Names.Count) Add(map, name, new Def(DefKind.Value, spec, values[i], type));
                else if (values.Count == 1) Add(map, name, new Def(DefKind.Value, spec, values[0], type, i, spec.Names.Count));
                else Add(map, name, new Def(DefKind.Declared, spec, null, type));
            }
        }
    }

    private static void Add(Dictionary<string, List<Def>> map, string name, Def def)
    {
        if (!map.TryGetValue(name, out var list)) map[name] = list = new List<Def>();
        list.Add(def);
    }
}

/// <summary>Members of a few standard packages, to resolve names brought in by dot imports.</summary>
internal static class KnownMembers
{
    private static readonly Dictionary<string, HashSet<string>> s_members = new(StringComparer.Ordinal)
    {
        ["net"] = new(StringComparer.Ordinal)
        {
            "Dial", "DialTimeout", "Listen", "ListenPacket", "ListenTCP", "ListenUDP", "ListenIP", "DialTCP", "DialUDP", "DialIP",
            "ResolveTCPAddr", "ResolveUDPAddr", "ResolveIPAddr", "LookupIP", "LookupHost", "LookupAddr", "JoinHostPort",
            "SplitHostPort", "ParseIP", "IPv4", "IPv4zero", "IPv4bcast", "IPv4len", "IPv6len", "ListenMulticastUDP",
        },
        ["fmt"] = new(StringComparer.Ordinal) { "Sprintf", "Sprint", "Printf", "Println", "Errorf", "Fprintf" },
        ["strings"] = new(StringComparer.Ordinal) { "Split", "SplitN", "SplitAfter", "Index", "Cut", "LastIndex", "Fields" },
        ["net/http"] = new(StringComparer.Ordinal) { "ListenAndServe", "ListenAndServeTLS", "Get", "Post", "Head", "PostForm", "NewRequest", "NewRequestWithContext" },
    };

    public static bool Contains(string path, string name) => s_members.TryGetValue(path, out var set) && set.Contains(name);
}

using V6Ready.Core.Models;
using V6Ready.Java.Syntax;

namespace V6Ready.Java.Analysis;

/// <summary>
/// What a Java file knows about names: imports (single-type, on-demand, static), the declared type of locals,
/// parameters and fields, and the constant value of expressions (literals, <c>static final</c> and effectively-final
/// variables, concatenation, <c>String.format</c>, <c>StringBuilder</c> chains, <c>String.valueOf</c>,
/// <c>System.getenv</c>/<c>getProperty</c> defaults, <c>@Value("${key:default}")</c> through the module's Spring
/// configuration).
/// </summary>
public sealed class JavaModel
{
    public const int MaxEvalDepth = 40;

    private readonly Dictionary<string, string> _imports = new(StringComparer.Ordinal);
    private readonly List<string> _onDemand = new() { "java.lang" };
    private readonly Dictionary<string, string> _staticImports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(VarDeclarator Var, TypeRef Type, Modifiers Mods)>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _assignCounts = new(StringComparer.Ordinal);

    public CompilationUnit Unit { get; }
    public SpringConfig? Config { get; }
    public RuntimeModel Runtime { get; } = RuntimeModels.Get("jvm");

    public JavaModel(CompilationUnit unit, SpringConfig? config)
    {
        Unit = unit;
        Config = config;
        foreach (var imp in unit.Imports)
        {
            if (imp.IsStatic)
            {
                if (!imp.OnDemand) _staticImports[imp.Name[(imp.Name.LastIndexOf('.') + 1)..]] = imp.Name[..Math.Max(0, imp.Name.LastIndexOf('.'))];
                continue;
            }
            if (imp.OnDemand) _onDemand.Add(imp.Name);
            else _imports[imp.Name[(imp.Name.LastIndexOf('.') + 1)..]] = imp.Name;
        }
        foreach (var n in unit.DescendantsAndSelf())
        {
            switch (n)
            {
                case FieldDecl fd:
                    foreach (var v in fd.Vars)
                    {
                        if (!_fields.TryGetValue(v.Name, out var list)) _fields[v.Name] = list = new();
                        list.Add((v, fd.Type, fd.Modifiers));
                    }
                    break;
                case AssignExpr a when a.Target is NameExpr or FieldAccess { Target: NameExpr { Name: "this" } }:
                {
                    var name = a.Target is NameExpr ne ? ne.Name : ((FieldAccess)a.Target).Name;
                    _assignCounts[name] = _assignCounts.GetValueOrDefault(name) + 1;
                    break;
                }
                case UnaryExpr { Op: "++" or "--", Operand: NameExpr ue }:
                    _assignCounts[ue.Name] = _assignCounts.GetValueOrDefault(ue.Name) + 1;
                    break;
            }
        }
    }

    /// <summary>True when the file imports a type of <paramref name="package"/> (or a sub-package) or the whole package.</summary>
    public bool ImportsPackage(string package) =>
        _imports.Values.Any(v => v.StartsWith(package + ".", StringComparison.Ordinal)) ||
        _onDemand.Any(p => p == package || p.StartsWith(package + ".", StringComparison.Ordinal)) ||
        _staticImports.Values.Any(v => v.StartsWith(package + ".", StringComparison.Ordinal)) ||
        Unit.Package is { } pk && (pk == package || pk.StartsWith(package + ".", StringComparison.Ordinal));

    /// <summary>The fully qualified name of a type as written (simple or qualified), or the name itself when unknown.</summary>
    public string Resolve(string name)
    {
        if (name.Contains('.')) return name;
        if (_imports.TryGetValue(name, out var fq)) return fq;
        return name;
    }

    /// <summary>True when a type written as <paramref name="written"/> is <paramref name="simple"/> of package <paramref name="module"/> (or below it).</summary>
    public bool IsType(string written, string module, string simple)
    {
        var simpleWritten = written.Contains('.') ? written[(written.LastIndexOf('.') + 1)..] : written;
        if (simpleWritten != simple) return false;
        var fq = Resolve(written);
        if (fq.Contains('.')) return fq.StartsWith(module + ".", StringComparison.Ordinal) || module == "java.lang" && fq == "java.lang." + simple;
        if (module == "java.lang") return true;
        // an on-demand import of the package, or the file is in it
        return ImportsPackage(module);
    }

    /// <summary>The class a statically imported member comes from, if any.</summary>
    public string? StaticImportOwner(string member) => _staticImports.GetValueOrDefault(member);

    /// <summary>The declared type of a simple name at a node: local variable, parameter, lambda-free, then field.</summary>
    public TypeRef? TypeOfName(string name, Node at)
    {
        var decl = FindDeclaration(name, at);
        return decl?.Type;
    }

    public sealed record Declaration(TypeRef? Type, Expr? Init, bool IsField, bool IsFinal, Modifiers? Modifiers, Node Node);

    /// <summary>Finds where <paramref name="name"/> is declared, looking outward from <paramref name="at"/>.</summary>
    public Declaration? FindDeclaration(string name, Node at)
    {
        for (Node? p = at; p != null; p = p.Parent)
        {
            switch (p)
            {
                case Block b:
                    foreach (var s in b.Stmts)
                    {
                        if (s.Start > at.Start) break;
                        if (s is LocalVar lv)
                            foreach (var v in lv.Vars)
                                if (v.Name == name) return new Declaration(lv.Type, v.Init, false, lv.Modifiers.Has("final"), lv.Modifiers, v);
                    }
                    break;
                case GenericStmt g:
                    foreach (var part in g.Parts)
                    {
                        if (part is LocalVar lv)
                            foreach (var v in lv.Vars)
                                if (v.Name == name) return new Declaration(lv.Type, g.Keyword == "foreach" ? null : v.Init, false, lv.Modifiers.Has("final"), lv.Modifiers, v);
                        if (part is Param cp && cp.Name == name) return new Declaration(cp.Type, null, false, false, cp.Modifiers, cp);
                    }
                    break;
                case MethodDecl md:
                    foreach (var prm in md.Params)
                        if (prm.Name == name) return new Declaration(prm.Type, null, false, prm.Modifiers.Has("final"), prm.Modifiers, prm);
                    break;
                case LambdaExpr le when le.Params.Contains(name):
                    return new Declaration(null, null, false, false, null, le);
                case TypeDecl td:
                    foreach (var rc in td.RecordComponents)
                        if (rc.Name == name) return new Declaration(rc.Type, null, true, true, rc.Modifiers, rc);
                    foreach (var m in td.Members)
                        if (m is FieldDecl fd)
                            foreach (var v in fd.Vars)
                                if (v.Name == name) return new Declaration(fd.Type, v.Init, true, fd.Modifiers.Has("final"), fd.Modifiers, v);
                    break;
            }
        }
        return null;
    }

    /// <summary>Whether the name is assigned anywhere after its declaration (compound assignments and ++ included).</summary>
    public bool IsReassigned(string name) => _assignCounts.ContainsKey(name);

    // ---- values ----

    /// <summary>The constant string value of an expression, or null. <paramref name="configurable"/> is set when a default of configuration (env, property, @Value) was used.</summary>
    public string? Eval(Expr? e, out bool configurable)
    {
        configurable = false;
        var c = false;
        var v = Eval(e, 0, ref c);
        configurable = c;
        return v;
    }

    public string? Eval(Expr? e) => Eval(e, out _);

    private string? Eval(Expr? e, int depth, ref bool configurable)
    {
        if (e is null || depth > MaxEvalDepth) return null;
        switch (e)
        {
            case Literal l:
                if (l.IsString || l.Kind == TokenKind.Char) return l.Value;
                if (l.Kind == TokenKind.Int) return l.Raw.Replace("_", "").TrimEnd('L', 'l');
                if (l.Raw is "true" or "false") return l.Raw;
                return null;
            case ParenExpr p:
                return Eval(p.Inner, depth + 1, ref configurable);
            case CastExpr ce:
                return Eval(ce.Operand, depth + 1, ref configurable);
            case BinaryExpr { Op: "+" } b:
            {
                var l = Eval(b.Left, depth + 1, ref configurable);
                if (l is null) return null;
                var r = Eval(b.Right, depth + 1, ref configurable);
                return r is null ? null : l + r;
            }
            case ConditionalExpr ce:
            {
                // System.getenv("X") != null ? System.getenv("X") : "default" → the default
                if (IsConfigLookup(ce.Then) && ce.Cond is BinaryExpr { Op: "!=" }) { configurable = true; return Eval(ce.Else, depth + 1, ref configurable); }
                if (IsConfigLookup(ce.Else) && ce.Cond is BinaryExpr { Op: "==" }) { configurable = true; return Eval(ce.Then, depth + 1, ref configurable); }
                return null;
            }
            case NameExpr n:
                return EvalName(n.Name, n, depth, ref configurable);
            case FieldAccess fa:
                // Type.CONST or this.field
                if (fa.Target is NameExpr { Name: "this" }) return EvalName(fa.Name, fa, depth, ref configurable);
                if (_fields.TryGetValue(fa.Name, out var fl) && fl.Count == 1 && fl[0].Mods.Has("static") && fl[0].Mods.Has("final") && Parser.DottedName(fa.Target) is { } owner &&
                    fl[0].Var.Ancestor<TypeDecl>()?.Name == owner.Split('.').Last())
                    return Eval(fl[0].Var.Init, depth + 1, ref configurable);
                return null;
            case CallExpr call:
                return EvalCall(call, depth, ref configurable);
        }
        return null;
    }

    private bool IsConfigLookup(Expr e) =>
        e is CallExpr { Name: "getenv" or "getProperty", Target: NameExpr { Name: "System" } };

    private string? EvalName(string name, Node at, int depth, ref bool configurable)
    {
        var d = FindDeclaration(name, at);
        if (d is null)
        {
            // a static import of a constant of this file's types is rare; give up
            return null;
        }
        if (d.Modifiers is { } mods)
        {
            var ann = mods.Annotations.FirstOrDefault(a => a.Type.SimpleName == "Value");
            if (ann != null)
            {
                var expr = Eval(ann.Value("value"), depth + 1, ref configurable);
                if (expr is null) return null;
                configurable = true;
                return ResolvePlaceholders(expr);
            }
        }
        if (d.Init is null) return null;
        if (!d.IsFinal && IsReassigned(name)) return null;
        if (d.Init is ArrayInit) return null;
        return Eval(d.Init, depth + 1, ref configurable);
    }

    /// <summary><c>${key:default}</c> → the key's value in the module's Spring configuration, else the default; nested placeholders are resolved.</summary>
    public string? ResolvePlaceholders(string text, int depth = 0)
    {
        if (depth > 8) return null;
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0) return text;
        // find the matching close brace
        var level = 0;
        var end = -1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{') level++;
            else if (text[i] == '}' && --level == 0) { end = i; break; }
        }
        if (end < 0) return null;
        var inner = text.Substring(start + 2, end - start - 2);
        var colon = TopLevelColon(inner);
        var key = colon >= 0 ? inner[..colon] : inner;
        string? value = Config?.Get(key);
        if (value is null && colon >= 0) value = inner[(colon + 1)..];
        if (value is null) return null;
        value = ResolvePlaceholders(value, depth + 1);
        if (value is null) return null;
        var rest = ResolvePlaceholders(text[(end + 1)..], depth + 1);
        return rest is null ? null : text[..start] + value + rest;
    }

    private static int TopLevelColon(string s)
    {
        var level = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '{') level++;
            else if (s[i] == '}') level--;
            else if (s[i] == ':' && level == 0) return i;
        }
        return -1;
    }

    private string? EvalCall(CallExpr call, int depth, ref bool configurable)
    {
        var target = call.Target is null ? null : Parser.DottedName(call.Target);
        switch (call.Name)
        {
            case "getProperty" when target == "System" && call.Args.Count == 2:
                configurable = true;
                return Eval(call.Args[1], depth + 1, ref configurable);
            case "getOrDefault" when call.Target is CallExpr { Name: "getenv", Args.Count: 0 } && call.Args.Count == 2:
                configurable = true;
                return Eval(call.Args[1], depth + 1, ref configurable);
            case "orElse" when call.Target is CallExpr { Name: "ofNullable", Args: [CallExpr inner] } && IsConfigLookup(inner) && call.Args.Count == 1:
                configurable = true;
                return Eval(call.Args[0], depth + 1, ref configurable);
            case "requireNonNullElse" when call.Args.Count == 2 && IsConfigLookup(call.Args[0]):
                configurable = true;
                return Eval(call.Args[1], depth + 1, ref configurable);
            case "getProperty" when call.Args.Count == 2 && call.Target is not null:
                // Properties.getProperty(key, default) / Environment.getProperty(key, default)
                configurable = true;
                return Eval(call.Args[1], depth + 1, ref configurable);
            case "valueOf" or "toString" when target is "String" or "Integer" or "Long" && call.Args.Count == 1:
                return Eval(call.Args[0], depth + 1, ref configurable);
            case "format" or "formatted":
            {
                var fmtExpr = call.Name == "format" && target == "String" ? call.Args.FirstOrDefault() : call.Name == "formatted" ? call.Target : null;
                if (fmtExpr is null) return null;
                var fmt = Eval(fmtExpr, depth + 1, ref configurable);
                if (fmt is null) return null;
                var args = call.Name == "format" ? call.Args.Skip(1).ToList() : call.Args;
                var sb = new System.Text.StringBuilder();
                var ai = 0;
                for (var i = 0; i < fmt.Length; i++)
                {
                    if (fmt[i] != '%' || i + 1 >= fmt.Length) { sb.Append(fmt[i]); continue; }
                    var spec = fmt[++i];
                    if (spec == '%') { sb.Append('%'); continue; }
                    if (spec == 'n') { sb.Append('\n'); continue; }
                    if (spec is not ('s' or 'd')) return null;
                    if (ai >= args.Count) return null;
                    var v = Eval(args[ai++], depth + 1, ref configurable);
                    if (v is null) return null;
                    sb.Append(v);
                }
                return sb.ToString();
            }
            case "toString" when call.Args.Count == 0 && call.Target is not null:
                return EvalBuilder(call.Target, depth + 1, ref configurable);
            case "trim" or "strip" when call.Args.Count == 0:
                return Eval(call.Target, depth + 1, ref configurable)?.Trim();
        }
        return null;
    }

    /// <summary>new StringBuilder(a).append(b).append(c) → a+b+c.</summary>
    private string? EvalBuilder(Expr e, int depth, ref bool configurable)
    {
        var parts = new List<Expr>();
        var cur = e;
        while (cur is CallExpr { Name: "append", Args.Count: 1 } ap && ap.Target != null)
        {
            parts.Add(ap.Args[0]);
            cur = ap.Target;
        }
        if (cur is not NewObject { Type.SimpleName: "StringBuilder" or "StringBuffer" } nb) return null;
        var sb = new System.Text.StringBuilder();
        if (nb.Args.Count == 1)
        {
            var first = Eval(nb.Args[0], depth + 1, ref configurable);
            if (first is null) return null;
            sb.Append(first);
        }
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            var v = Eval(parts[i], depth + 1, ref configurable);
            if (v is null) return null;
            sb.Append(v);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The host an address-valued expression designates: <c>new InetSocketAddress(h, p)</c> → h,
    /// <c>new InetSocketAddress(p)</c> → "" (the wildcard), <c>InetAddress.getByName(h)</c> → h,
    /// <c>InetAddress.getLoopbackAddress()</c> → 127.0.0.1 (measured), variables followed; a string is itself.
    /// </summary>
    public string? EvalHost(Expr? e, out bool configurable, int depth = 0)
    {
        configurable = false;
        if (e is null || depth > MaxEvalDepth) return null;
        switch (e)
        {
            case NewObject { Type.SimpleName: "InetSocketAddress" } nso:
                if (nso.Args.Count == 1) return "";
                if (nso.Args.Count == 2) return EvalHost(nso.Args[0], out configurable, depth + 1);
                return null;
            case CallExpr { Name: "createUnresolved", Args.Count: 2 } cu:
                return EvalHost(cu.Args[0], out configurable, depth + 1);
            case CallExpr { Name: "getByName", Args.Count: 1 } gb when Parser.DottedName(gb.Target!) is "InetAddress" or null:
                return EvalHost(gb.Args[0], out configurable, depth + 1);
            case CallExpr { Name: "getLoopbackAddress", Args.Count: 0 }:
                return "127.0.0.1";
            case NameExpr n:
            {
                var d = FindDeclaration(n.Name, n);
                if (d is { Init: { } init } && (d.IsFinal || !IsReassigned(n.Name)) && d.Type?.SimpleName is "InetSocketAddress" or "InetAddress" or "SocketAddress" or "var")
                    return EvalHost(init, out configurable, depth + 1);
                break;
            }
        }
        return Eval(e, out configurable);
    }

    public static HostClass ClassifyUrlHost(string url) => RuntimeModels.Classify(UrlHost(url), mayHavePort: true);

    /// <summary>The host[:port] of scheme://[user@]host[:port]/…, jdbc:sub://…, or the text itself when it has no scheme.</summary>
    public static string UrlHost(string url)
    {
        var s = url.Trim();
        var i = s.IndexOf("://", StringComparison.Ordinal);
        if (i < 0) return s;
        s = s[(i + 3)..];
        var end = s.IndexOfAny(new[] { '/', '?', '#', ';', ',' });
        if (end >= 0) s = s[..end];
        var at = s.LastIndexOf('@');
        if (at >= 0) s = s[(at + 1)..];
        return s;
    }
}

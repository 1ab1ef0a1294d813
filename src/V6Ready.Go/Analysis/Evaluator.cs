using System.Globalization;
using System.Text;
using V6Ready.Go.Syntax;

namespace V6Ready.Go.Analysis;

/// <summary>
/// Best-effort constant evaluation of string and integer expressions: literals, constants, <c>:=</c>/<c>var</c>
/// from literals, concatenation, <c>fmt.Sprintf</c> with a constant format, <c>os.Getenv</c> with a literal fallback
/// (helper functions returning their fallback parameter, <c>if v == "" { v = "…" }</c>), flag defaults,
/// <c>net.JoinHostPort</c>, <c>strconv.Itoa</c>. Parts that cannot be known are <see cref="Unknown"/> characters.
/// </summary>
public sealed class Evaluator
{
    /// <summary>Stands for an unknown part of a partially known string.</summary>
    public const char Unknown = '\uFFFF';
    private const int MaxDepth = 24;

    private readonly FileModel _model;
    private readonly HashSet<Node> _active = new();
    private int _depth;

    public Evaluator(FileModel model) { _model = model; }

    /// <summary>Where the last value taken from another file of the package was written (reset with <see cref="ResetVia"/>).</summary>
    public V6Ready.Core.Index.ValueOrigin? Via { get; private set; }

    public void ResetVia() => Via = null;

    /// <summary>A package-level value of another file of this package (<c>name</c>, <c>name.Field</c>, <c>name()</c>).</summary>
    private object? FromPackage(string key, bool isInt)
    {
        if (_model.Package?.Lookup(key) is not { } v) return null;
        object? value = isInt ? v.Int : v.Str;
        if (value is not null) Via = v.Origin;
        return value;
    }

    /// <summary>True when <paramref name="id"/> names nothing in this file (so it may be declared in another file of the package).</summary>
    private bool UnknownHere(Ident id) =>
        _model.Package is not null && _model.DefsOf(id.Name, id).Count == 0 && !_model.Funcs.ContainsKey(id.Name) && !_model.IsPackageName(id.Name, id, out _);

    public static bool IsFullyKnown(string? s) => s is not null && s.IndexOf(Unknown) < 0;

    /// <summary>The (possibly partial) string value of <paramref name="e"/>, or null when nothing is known.</summary>
    public string? String(Expr? e)
    {
        if (e is null || _depth > MaxDepth || !_active.Add(e)) return null;
        _depth++;
        try
        {
            return StringCore(e);
        }
        finally
        {
            _depth--;
            _active.Remove(e);
        }
    }

    private string? StringCore(Expr e)
    {
        switch (e)
        {
            case BasicLit { Kind: TokenKind.String } lit:
                return Values.Unquote(lit.Raw);
            case ParenExpr p:
                return String(p.X);
            case BinaryExpr { Op: TokenKind.Add } b:
                {
                    var x = String(b.X);
                    var y = String(b.Y);
                    if (x is null && y is null) return null;
                    return (x ?? Unknown.ToString()) + (y ?? Unknown.ToString());
                }
            case Ident id:
                return FromDefs(id, isInt: false) as string;
            case StarExpr { X: Ident ptr }:
                return FromDefs(ptr, isInt: false) as string;
            case CallExpr call:
                return CallString(call);
            case SelectorExpr { X: Ident owner } field when UnknownHere(owner):
                return FromPackage(owner.Name + "." + field.Sel.Name, isInt: false) as string;
        }
        return null;
    }

    private string? CallString(CallExpr call)
    {
        var m = _model.ResolvePackageMember(call.Fun);
        if (m is { } member)
        {
            switch (member.Path, member.Name)
            {
                case ("fmt", "Sprintf") when call.Args.Count >= 1:
                    {
                        var format = String(call.Args[0]);
                        if (!IsFullyKnown(format)) return null;
                        return Sprintf(format!, call.Args.Skip(1).ToList());
                    }
                case ("fmt", "Sprint") when call.Args.Count == 1:
                    return String(call.Args[0]) ?? Int(call.Args[0])?.ToString(CultureInfo.InvariantCulture);
                case ("net", "JoinHostPort") when call.Args.Count == 2:
                    {
                        var h = String(call.Args[0]) ?? Unknown.ToString();
                        var p = String(call.Args[1]) ?? Unknown.ToString();
                        return (h.Contains(':') ? "[" + h + "]" : h) + ":" + p;
                    }
                case ("strconv", "Itoa") when call.Args.Count == 1:
                    return Int(call.Args[0])?.ToString(CultureInfo.InvariantCulture) ?? Unknown.ToString();
                case ("os", "Getenv"):
                    return null;
                case ("flag" or "github.com/spf13/pflag", "String") when call.Args.Count >= 2:
                    return String(call.Args[1]);
                case ("strings", "TrimSpace" or "ToLower" or "TrimSuffix" or "TrimPrefix") when call.Args.Count >= 1:
                    return String(call.Args[0]);
            }
            return null;
        }
        // a helper of this file, e.g. getEnv("ADDR", "0.0.0.0:8080") whose body returns its fallback parameter
        if (FileModel.Unparen(call.Fun) is Ident fn && _model.Funcs.TryGetValue(fn.Name, out var decl) && decl.Body is not null)
            return HelperReturn(decl, call, isInt: false) as string;
        // a function of another file of the package that returns a constant: defaultAddr()
        if (call.Args.Count == 0 && FileModel.Unparen(call.Fun) is Ident other && UnknownHere(other))
            return FromPackage(other.Name + "()", isInt: false) as string;
        return null;
    }

    /// <summary>The value a same-file helper returns for these arguments when some return statement returns a parameter directly.</summary>
    private object? HelperReturn(FuncDecl decl, CallExpr call, bool isInt)
    {
        var names = new List<string>();
        foreach (var f in decl.Type.Params.List)
        {
            if (f.Names.Count == 0) names.Add("_");
            foreach (var n in f.Names) names.Add(n.Name);
        }
        foreach (var n in AstWalker.Descendants(decl.Body!))
        {
            if (n is not ReturnStmt { Results.Count: 1 } r || AstWalker.EnclosingFuncBody(r) != decl.Body) continue;
            if (FileModel.Unparen(r.Results[0]) is not Ident rid) continue;
            var index = names.IndexOf(rid.Name);
            if (index < 0 || index >= call.Args.Count) continue;
            // returned parameter: its argument's value (the fallback in getEnv(key, fallback) helpers)
            object? v = isInt ? Int(call.Args[index]) : String(call.Args[index]);
            if (v is not null) return v;
        }
        return null;
    }

    private object? FromDefs(Ident id, bool isInt)
    {
        if (id.Name is "true" or "false" or "nil" || id.Name == "iota") return null;
        var defs = _model.DefsOf(id.Name, id);
        if (defs.Count == 0 && UnknownHere(id)) return FromPackage(id.Name, isInt);
        object? found = null;
        foreach (var d in defs)
        {
            object? v = null;
            if (d.Kind is DefKind.Value or DefKind.Flag && d.Value is not null && d.ValueCount == 1 && d.Node != id.Parent)
                v = isInt ? Int(d.Value) : String(d.Value);
            if (v is null) continue;
            if (found is null) found = v;
            else if (!found.Equals(v)) return null;
        }
        return found;
    }

    /// <summary>The integer value of <paramref name="e"/>, or null.</summary>
    public long? Int(Expr? e)
    {
        if (e is null || _depth > MaxDepth || !_active.Add(e)) return null;
        _depth++;
        try
        {
            switch (e)
            {
                case BasicLit { Kind: TokenKind.Int } lit:
                    return Values.ParseInt(lit.Raw);
                case ParenExpr p:
                    return Int(p.X);
                case Ident id:
                    return FromDefs(id, isInt: true) as long?;
                case StarExpr { X: Ident ptr }:
                    return FromDefs(ptr, isInt: true) as long?;
                case CallExpr call:
                    {
                        var m = _model.ResolvePackageMember(call.Fun);
                        if (m is ("flag" or "github.com/spf13/pflag", "Int") && call.Args.Count >= 2) return Int(call.Args[1]);
                        if (FileModel.Unparen(call.Fun) is Ident { Name: "int" or "uint16" or "int32" or "int64" } && call.Args.Count == 1) return Int(call.Args[0]);
                        if (FileModel.Unparen(call.Fun) is Ident fn && _model.Funcs.TryGetValue(fn.Name, out var decl) && decl.Body is not null)
                            return HelperReturn(decl, call, isInt: true) as long?;
                        return null;
                    }
                case BinaryExpr b:
                    {
                        var x = Int(b.X);
                        var y = Int(b.Y);
                        if (x is null || y is null) return null;
                        return b.Op switch
                        {
                            TokenKind.Add => x + y,
                            TokenKind.Sub => x - y,
                            TokenKind.Mul => x * y,
                            _ => null,
                        };
                    }
            }
            return null;
        }
        finally
        {
            _depth--;
            _active.Remove(e);
        }
    }

    private string Sprintf(string format, List<Expr> args)
    {
        var sb = new StringBuilder();
        var argIndex = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                sb.Append(c);
                continue;
            }
            var j = i + 1;
            while (j < format.Length && "+-# 0123456789.".IndexOf(format[j]) >= 0) j++;
            if (j >= format.Length) break;
            var verb = format[j];
            i = j;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            var arg = argIndex < args.Count ? args[argIndex++] : null;
            string? value = verb switch
            {
                's' or 'v' => String(arg) ?? Int(arg)?.ToString(CultureInfo.InvariantCulture),
                'd' => Int(arg)?.ToString(CultureInfo.InvariantCulture),
                'q' => String(arg) is { } q && IsFullyKnown(q) ? Values.Quote(q) : null,
                _ => null,
            };
            sb.Append(value ?? Unknown.ToString());
        }
        return sb.ToString();
    }

    // ---------- types ----------

    /// <summary>"string", "int" (or another simple type name) when the expression's type is evident; else null.</summary>
    public string? TypeOf(Expr? e) => TypeOf(e, 0);

    private string? TypeOf(Expr? e, int depth)
    {
        if (e is null || depth > 12) return null;
        switch (e)
        {
            case BasicLit lit:
                return lit.Kind switch { TokenKind.String => "string", TokenKind.Int => "int", _ => null };
            case ParenExpr p:
                return TypeOf(p.X, depth + 1);
            case BinaryExpr { Op: TokenKind.Add } b:
                {
                    var x = TypeOf(b.X, depth + 1);
                    return x == "string" || TypeOf(b.Y, depth + 1) == "string" ? "string" : x;
                }
            case Ident id:
                {
                    var defs = _model.DefsOf(id.Name, id);
                    string? found = null;
                    foreach (var d in defs)
                    {
                        string? t = d.Kind switch
                        {
                            DefKind.Param or DefKind.Declared => FileModel.TypeName(d.Type),
                            DefKind.Value when d.Type is not null => FileModel.TypeName(d.Type),
                            DefKind.Value when d.ValueCount == 1 && d.Node != id.Parent => TypeOf(d.Value, depth + 1),
                            DefKind.Value when d.ValueCount == 2 && d.Index == 0 && d.Value is CallExpr c && _model.ResolvePackageMember(c.Fun) is ("strconv", "Atoi") => "int",
                            DefKind.Value when d.ValueCount == 2 && d.Index == 0 && d.Value is CallExpr c2 && _model.ResolvePackageMember(c2.Fun) is ("os", "LookupEnv") => "string",
                            DefKind.Value when d.ValueCount == 3 && d.Index <= 1 && d.Value is CallExpr c3 && _model.ResolvePackageMember(c3.Fun) is ("net", "SplitHostPort") => "string",
                            DefKind.Flag when d.Node is CallExpr fc && _model.ResolvePackageMember(fc.Fun) is (_, var fn) => fn switch { "StringVar" => "string", "IntVar" => "int", _ => null },
                            _ => null,
                        };
                        if (t is null) return null;
                        if (found is null) found = t;
                        else if (found != t) return null;
                    }
                    return found;
                }
            case StarExpr { X: Ident ptr }:
                {
                    var defs = _model.DefsOf(ptr.Name, ptr);
                    if (defs.Count == 1 && defs[0].Value is CallExpr c && _model.ResolvePackageMember(c.Fun) is ("flag" or "github.com/spf13/pflag", var fname))
                        return fname switch { "String" => "string", "Int" => "int", _ => null };
                    return null;
                }
            case IndexExpr { X: CallExpr split } when _model.ResolvePackageMember(split.Fun) is ("strings", "Split" or "SplitN" or "Fields"):
                return "string";
            case SelectorExpr sel:
                if (_model.ResolvePackageMember(sel) is not null) return null;
                return _model.FieldTypes.TryGetValue(sel.Sel.Name, out var ft) ? ft : null;
            case CallExpr call:
                {
                    var fun = FileModel.Unparen(call.Fun);
                    if (fun is Ident { Name: "string" }) return "string";
                    if (fun is Ident { Name: "int" or "len" or "cap" }) return "int";
                    if (_model.ResolvePackageMember(fun) is { } m)
                    {
                        return (m.Path, m.Name) switch
                        {
                            ("os", "Getenv") => "string",
                            ("strconv", "Itoa" or "FormatInt" or "Quote") => "string",
                            ("fmt", "Sprintf" or "Sprint") => "string",
                            ("net", "JoinHostPort") => "string",
                            ("strings", "TrimSpace" or "ToLower" or "ToUpper" or "Join" or "TrimSuffix" or "TrimPrefix" or "Trim" or "Replace" or "ReplaceAll" or "Repeat") => "string",
                            _ => null,
                        };
                    }
                    if (fun is SelectorExpr { Sel.Name: "String" } && call.Args.Count == 0) return "string";
                    if (fun is Ident helper && _model.Funcs.TryGetValue(helper.Name, out var decl) && decl.Type.Results is { List.Count: 1 } res
                        && res.List[0].Names.Count <= 1)
                        return FileModel.TypeName(res.List[0].Type);
                    return null;
                }
        }
        return null;
    }
}

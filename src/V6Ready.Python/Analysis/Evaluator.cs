using System.Globalization;
using System.Text;
using V6Ready.Core.Index;
using V6Ready.Python.Syntax;

namespace V6Ready.Python.Analysis;

/// <summary>
/// A string value computed from the source. <see cref="Text"/> holds <see cref="Hole"/> where a part could not be
/// evaluated (a variable in an f-string); <see cref="Origin"/> is the one literal the whole host text comes from (for
/// fixes); <see cref="ViaEnv"/> says it is the fallback of an environment variable or an option default; <see cref="Via"/>
/// is where a part of it was written when that is another file of the repository (no fix is offered then).
/// </summary>
public sealed record PyValue(string Text, StrExpr? Origin, bool ViaEnv = false, ValueOrigin? Via = null)
{
    public const char Hole = '\uE000';
    public bool HasHoles => Text.Contains(Hole);
}

/// <summary>
/// Evaluates expressions to strings within a module: literals (implicit concatenation), f-strings, <c>%</c>,
/// <c>str.format</c>, <c>+</c>, <c>str()</c>, names assigned once (function, then module), parameter defaults,
/// <c>os.environ.get(K, D)</c> / <c>os.getenv(K, D)</c> / <c>os.environ.get(K) or D</c>, argparse and click defaults.
/// </summary>
public sealed class Evaluator
{
    private const int MaxDepth = 12;
    private readonly FileModel _m;

    public Evaluator(FileModel model) { _m = model; }

    public PyValue? Eval(Expr? e) => Eval(e, 0);

    /// <summary>True when <paramref name="e"/> is (or evaluates to) <c>None</c>.</summary>
    public bool IsNone(Expr? e, int depth = 0)
    {
        switch (e)
        {
            case ConstExpr { Value: "None" }: return true;
            case NameExpr n when depth < MaxDepth:
                var vals = _m.Assignments(n.Id, n);
                return vals is { Count: 1 } && IsNone(vals[0], depth + 1);
            default: return false;
        }
    }

    private PyValue? Eval(Expr? e, int depth)
    {
        if (e is null || depth > MaxDepth) return null;
        switch (e)
        {
            case StrExpr s:
                return EvalStr(s, depth);
            case NumberExpr num:
                return new PyValue(num.Raw, null);
            case NameExpr n:
                return EvalName(n, depth);
            case AttributeExpr a:
                return EvalAttribute(a, depth);
            case BinOpExpr { Op: "+" } b:
            {
                var l = Eval(b.Left, depth + 1);
                var r = Eval(b.Right, depth + 1);
                if (l is null && r is null) return null;
                return new PyValue((l?.Text ?? PyValue.Hole.ToString()) + (r?.Text ?? PyValue.Hole.ToString()), null, (l?.ViaEnv ?? false) || (r?.ViaEnv ?? false), l?.Via ?? r?.Via);
            }
            case BinOpExpr { Op: "%" } b when b.Left is StrExpr or NameExpr:
                return EvalPercent(b, depth);
            case BoolOpExpr { Op: "or" } bo:
            {
                // os.environ.get("HOST") or "0.0.0.0": the fallback is what runs when the variable is unset
                if (bo.Values.Count >= 2 && IsEnvGet(bo.Values[0], out _)) return Mark(Eval(bo.Values[^1], depth + 1));
                return null;
            }
            case CallExpr call:
                return EvalCall(call, depth);
            default:
                return null;
        }
    }

    private static PyValue? Mark(PyValue? v) => v is null ? null : v with { ViaEnv = true };

    private PyValue? EvalStr(StrExpr s, int depth)
    {
        if (s.IsBytes) return null;
        if (!s.IsFormatted)
        {
            var v = StrValue.Of(s);
            return v is null ? null : new PyValue(v, s);
        }
        var sb = new StringBuilder();
        ValueOrigin? via = null;
        foreach (var part in s.Parts)
        {
            if (!part.IsFormatted)
            {
                sb.Append(StrValue.Decode(part));
                continue;
            }
            foreach (var piece in part.Pieces)
            {
                if (piece is FLiteral lit)
                {
                    sb.Append(StrValue.Decode(_m.Source, lit.Pos, lit.End, part.IsRaw).Replace("{{", "{").Replace("}}", "}"));
                }
                else if (piece is FField f)
                {
                    var v = f.Spec is null && f.Conversion is '\0' or 's' && !f.Debug ? Eval(f.Value, depth + 1) : null;
                    sb.Append(v?.Text ?? PyValue.Hole.ToString());
                    via ??= v?.Via;
                }
            }
        }
        return new PyValue(sb.ToString(), s, false, via);
    }

    private PyValue? EvalName(NameExpr n, int depth)
    {
        var vals = _m.Assignments(n.Id, n);
        if (vals is not null)
        {
            if (vals.Count != 1) return null;
            var v = Eval(vals[0], depth + 1);
            return v is null ? null : v with { Origin = v.Origin };
        }
        var p = _m.ParameterOf(n.Id, n);
        if (p is { } pp)
        {
            if (pp.Param.Default is { } d) return Mark(Eval(d, depth + 1));
            // click: @click.option('--host', default='0.0.0.0') def main(host)
            if (pp.Function.Decorators.Count > 0 && _m.OptionDefault(n.Id) is { } od) return Mark(Eval(od, depth + 1));
            return null;
        }
        // from settings import HOST: the value the other module of the repository gives it
        return FromOtherFile(n.Id, Array.Empty<string>());
    }

    private PyValue? FromOtherFile(string root, IReadOnlyList<string> attrs)
    {
        if (_m.CrossFile is not { } scope || _m.ImportOf(root) is not { } binding) return null;
        return scope.Lookup(binding, attrs) is { } x ? new PyValue(x.Text, null, x.ViaEnv, x.Origin) : null;
    }

    private PyValue? EvalAttribute(AttributeExpr a, int depth)
    {
        // args.host where args = parser.parse_args()
        if (a.Value is NameExpr obj && _m.Assignments(obj.Id, a) is { Count: 1 } vals && vals[0] is CallExpr { Func: AttributeExpr { Attr: "parse_args" or "parse_known_args" } }
            && _m.OptionDefault(a.Attr) is { } d)
            return Mark(Eval(d, depth + 1));
        // settings.HOST, config.Settings.HOST, cfg.settings.host: a module-level value of an imported module
        var attrs = new List<string> { a.Attr };
        var root = a.Value;
        while (root is AttributeExpr inner && attrs.Count < 6) { attrs.Insert(0, inner.Attr); root = inner.Value; }
        if (root is NameExpr r && _m.Assignments(r.Id, a) is null && _m.ParameterOf(r.Id, a) is null) return FromOtherFile(r.Id, attrs);
        return null;
    }

    /// <summary><c>os.environ.get(K[, D])</c>, <c>os.getenv(K[, D])</c>, <c>environ.get</c>: the default expression (null when none).</summary>
    public bool IsEnvGet(Expr e, out Expr? dflt)
    {
        dflt = null;
        if (e is not CallExpr call) return false;
        var q = _m.QualifiedName(call.Func);
        if (q is not ("os.environ.get" or "os.getenv" or "os.environ.setdefault")) return false;
        dflt = call.Positional(1) ?? call.Keyword("default");
        return true;
    }

    private PyValue? EvalCall(CallExpr call, int depth)
    {
        if (IsEnvGet(call, out var dflt)) return dflt is null ? null : Mark(Eval(dflt, depth + 1));
        if (call.Func is NameExpr { Id: "str" } && call.Args.Count == 1) return Eval(call.Args[0].Value, depth + 1);
        if (call.Func is AttributeExpr { Attr: "format" } fmt && Eval(fmt.Value, depth + 1) is { } f && !f.HasHoles)
        {
            var positional = new List<PyValue?>();
            for (var i = 0; i < call.PositionalCount; i++) positional.Add(Eval(call.Positional(i), depth + 1));
            return new PyValue(FormatBraces(f.Text, positional, call, depth), null);
        }
        return null;
    }

    private string FormatBraces(string template, List<PyValue?> positional, CallExpr call, int depth)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (c != '{') { sb.Append(c); continue; }
            var close = template.IndexOf('}', i);
            if (close < 0) { sb.Append(template, i, template.Length - i); break; }
            var field = template.Substring(i + 1, close - i - 1);
            var colon = field.IndexOfAny(new[] { ':', '!' });
            var key = colon >= 0 ? field[..colon] : field;
            PyValue? v = null;
            if (key.Length == 0) v = auto < positional.Count ? positional[auto++] : null;
            else if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var idx)) v = idx < positional.Count ? positional[idx] : null;
            else if (call.Keyword(key) is { } kw) v = Eval(kw, depth + 1);
            sb.Append(v?.Text ?? PyValue.Hole.ToString());
            i = close;
        }
        return sb.ToString();
    }

    private PyValue? EvalPercent(BinOpExpr b, int depth)
    {
        var fmt = Eval(b.Left, depth + 1);
        if (fmt is null || fmt.HasHoles) return null;
        var args = b.Right is TupleExpr t ? t.Elts : new List<Expr> { b.Right };
        var sb = new StringBuilder();
        var k = 0;
        var s = fmt.Text;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
            if (s[i + 1] == '%') { sb.Append('%'); i++; continue; }
            var j = i + 1;
            while (j < s.Length && !char.IsAsciiLetter(s[j])) j++;
            var v = k < args.Count ? Eval(args[k++], depth + 1) : null;
            sb.Append(v?.Text ?? PyValue.Hole.ToString());
            i = j;
        }
        return new PyValue(sb.ToString(), null);
    }

    /// <summary>Positions of the conversion specifiers (<c>%s</c>, <c>{}</c>) of a template, as (start, length) into the decoded text.</summary>
    public static string FillHoles(string text) => text.Replace(PyValue.Hole, 'x');
}

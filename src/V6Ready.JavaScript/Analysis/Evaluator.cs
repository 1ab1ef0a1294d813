using System.Globalization;
using V6Ready.JavaScript.Syntax;

namespace V6Ready.JavaScript.Analysis;

/// <summary>An abstract value: what a detector can know about an expression without running it.</summary>
public abstract record JsValue
{
    public static readonly UnknownValue Unknown = new();
}

public sealed record UnknownValue : JsValue;
public sealed record StringValue(string Value) : JsValue;
public sealed record NumberValue(double Value) : JsValue;
public sealed record BoolValue(bool Value) : JsValue;
public sealed record NullValue(bool Undefined) : JsValue;
/// <summary>An object literal (its properties are evaluated on demand).</summary>
public sealed record ObjectValue(ObjectExpression Node) : JsValue;
/// <summary>A module or a member of one: <c>require('net')</c> is ("net", ""), <c>net.createServer</c> is ("net", "createServer").</summary>
public sealed record ModuleValue(string Module, string Path) : JsValue;
/// <summary>An object made by a known library: kind is e.g. "server", "express", "grpc.server", "dgram.socket", "net.socket", "redis", "mongo".</summary>
public sealed record InstanceValue(string Kind, string Module) : JsValue;

/// <summary>
/// Evaluates expressions within one file: constants (const, never-reassigned let/var), template literals and '+' with
/// constant parts, '||'/'??' defaults (the default counts when the left side is unknown, e.g. process.env), object
/// literals, and module values for require/import of the networking libraries. Bounded in depth.
/// </summary>
public sealed class Evaluator
{
    private const int MaxDepth = 40;
    private readonly SemanticModel _model;
    private readonly HashSet<Binding> _active = new();

    public Evaluator(SemanticModel model)
    {
        _model = model;
    }

    public SemanticModel Model => _model;

    public JsValue Evaluate(Node? node) => Eval(node, 0);

    private bool _strict;

    /// <summary>Like <see cref="Evaluate"/>, but a '||'/'??' default does not count when the left side is unknown
    /// (so <c>process.env.HOST || 'redis'</c> is unknown): for "is this certainly constant" questions.</summary>
    public JsValue EvaluateStrict(Node? node)
    {
        var old = _strict;
        _strict = true;
        try { return Eval(node, 0); }
        finally { _strict = old; }
    }

    /// <summary>The constant string value, if known.</summary>
    public string? EvaluateString(Node? node) => Eval(node, 0) switch
    {
        StringValue s => s.Value,
        NumberValue n => FormatNumber(n.Value),
        _ => null,
    };

    public static Node Unwrap(Node n)
    {
        var depth = 0;
        while (depth++ < 1000)
        {
            switch (n)
            {
                case ParenthesizedExpression p: n = p.Expression; continue;
                case TSWrapper w: n = w.Expression; continue;
                case ChainExpression c: n = c.Expression; continue;
                case AwaitExpression a: n = a.Argument; continue;
            }
            break;
        }
        return n;
    }

    private static string FormatNumber(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private JsValue Eval(Node? node, int depth)
    {
        if (node == null || depth > MaxDepth) return JsValue.Unknown;
        switch (node)
        {
            case Literal l:
                return l.Kind switch
                {
                    LiteralKind.String => new StringValue(l.StringValue ?? ""),
                    LiteralKind.Number => new NumberValue(l.NumberValue),
                    LiteralKind.Boolean => new BoolValue(l.BoolValue),
                    LiteralKind.Null => new NullValue(false),
                    _ => JsValue.Unknown,
                };
            case ParenthesizedExpression or TSWrapper or ChainExpression:
                return Eval(node.Children().First(), depth + 1);
            case AwaitExpression aw:
                return Eval(aw.Argument, depth + 1);
            case TemplateLiteral t:
            {
                var sb = new System.Text.StringBuilder();
                for (var i = 0; i < t.Quasis.Count; i++)
                {
                    sb.Append(t.Quasis[i].Cooked);
                    if (i < t.Expressions.Count)
                    {
                        var v = Eval(t.Expressions[i], depth + 1);
                        var s = AsString(v);
                        if (s == null) return JsValue.Unknown;
                        sb.Append(s);
                    }
                }
                return new StringValue(sb.ToString());
            }
            case BinaryExpression b:
                return EvalBinary(b, depth);
            case ConditionalExpression c:
            {
                var a = Eval(c.Consequent, depth + 1);
                var z = Eval(c.Alternate, depth + 1);
                if (a is UnknownValue) return z;
                if (z is UnknownValue || z is NullValue) return a;
                return a == z ? a : JsValue.Unknown;
            }
            case Identifier id:
                return EvalIdentifier(id, depth);
            case ObjectExpression o:
                return new ObjectValue(o);
            case MemberExpression m:
                return EvalMember(m, depth);
            case CallExpression call:
                return EvalCall(call, depth);
            case UnaryExpression { Operator: "-" } u when Eval(u.Argument, depth + 1) is NumberValue nv:
                return new NumberValue(-nv.Value);
        }
        return JsValue.Unknown;
    }

    private static string? AsString(JsValue v) => v switch
    {
        StringValue s => s.Value,
        NumberValue n => FormatNumber(n.Value),
        BoolValue b => b.Value ? "true" : "false",
        _ => null,
    };

    private JsValue EvalBinary(BinaryExpression b, int depth)
    {
        switch (b.Operator)
        {
            case "||":
            {
                var l = Eval(b.Left, depth + 1);
                if (l is StringValue { Value.Length: > 0 } || l is NumberValue { Value: not 0 } || l is ObjectValue || l is ModuleValue || l is InstanceValue) return l;
                if (_strict && l is UnknownValue) return l;
                return Eval(b.Right, depth + 1);
            }
            case "??":
            {
                var l = Eval(b.Left, depth + 1);
                if (l is not UnknownValue and not NullValue) return l;
                if (_strict && l is UnknownValue) return l;
                return Eval(b.Right, depth + 1);
            }
            case "+":
            {
                var l = Eval(b.Left, depth + 1);
                var r = Eval(b.Right, depth + 1);
                if (l is NumberValue ln && r is NumberValue rn) return new NumberValue(ln.Value + rn.Value);
                if (l is StringValue || r is StringValue)
                {
                    var ls = AsString(l);
                    var rs = AsString(r);
                    if (ls != null && rs != null) return new StringValue(ls + rs);
                }
                return JsValue.Unknown;
            }
        }
        return JsValue.Unknown;
    }

    private JsValue EvalIdentifier(Identifier id, int depth)
    {
        var b = _model.Resolve(id);
        if (b == null)
        {
            return id.Name == "undefined" ? new NullValue(true) : JsValue.Unknown;
        }
        if (!_active.Add(b)) return JsValue.Unknown;
        try
        {
            if (b.Kind == BindingKind.Import && b.ImportModule != null)
                return new ModuleValue(b.ImportModule, b.ImportName is null or "default" or "*" ? "" : b.ImportName);
            if (b.Kind == BindingKind.Param)
                return b.Default != null ? Eval(b.Default, depth + 1) : JsValue.Unknown;
            if (!b.IsConstant) return JsValue.Unknown;
            if (b.Init != null) return Eval(b.Init, depth + 1);
            if (b.DestructureSource != null && b.DestructurePath != null)
            {
                var v = Eval(b.DestructureSource, depth + 1);
                foreach (var part in b.DestructurePath)
                {
                    v = Member(v, part, depth + 1);
                    if (v is UnknownValue) break;
                }
                if ((v is UnknownValue or NullValue) && b.Default != null) return Eval(b.Default, depth + 1);
                return v;
            }
            if (b.Default != null) return Eval(b.Default, depth + 1);
            return JsValue.Unknown;
        }
        finally { _active.Remove(b); }
    }

    private JsValue EvalMember(MemberExpression m, int depth)
    {
        var name = m.PropertyName;
        if (name == null && m.Computed) name = EvaluateString(m.Property);
        if (name == null) return JsValue.Unknown;
        var obj = Eval(m.Object, depth + 1);
        return Member(obj, name, depth);
    }

    private JsValue Member(JsValue obj, string name, int depth)
    {
        switch (obj)
        {
            case ModuleValue mv:
                if (mv.Path == "" && name == "default") return mv;
                if (mv.Module == "dns" && mv.Path == "" && name == "promises") return new ModuleValue("dns.promises", "");
                return new ModuleValue(mv.Module, mv.Path == "" ? name : mv.Path + "." + name);
            case ObjectValue ov:
            {
                Node? found = null;
                foreach (var p in ov.Node.Properties)
                    if (p is Property prop && prop.KeyName == name) found = prop.Value;
                return found == null ? JsValue.Unknown : Eval(found, depth + 1);
            }
        }
        return JsValue.Unknown;
    }

    private JsValue EvalCall(CallExpression call, int depth)
    {
        var callee = Unwrap(call.Callee);
        if (!call.IsNew && callee is Identifier { Name: "require" } req && _model.Resolve(req) == null &&
            call.Arguments.Count >= 1 && call.Arguments[0] is Literal { Kind: LiteralKind.String } src)
            return new ModuleValue(SemanticModel.NormalizeModule(src.StringValue ?? ""), "");
        var c = Eval(callee, depth + 1);
        if (c is ModuleValue mv) return Construct(mv, call.IsNew) ?? JsValue.Unknown;
        return JsValue.Unknown;
    }

    /// <summary>The Node runtime model (rules/models/node.json): which module members make servers, sockets and clients.</summary>
    internal static readonly V6Ready.Core.Models.RuntimeModel NodeModel = V6Ready.Core.Models.RuntimeModels.Get("node");

    /// <summary>What a call (or new) of a module member makes: the <c>returns</c> of its row in the Node model.</summary>
    private static JsValue? Construct(ModuleValue mv, bool isNew)
    {
        var row = NodeModel.Function(mv.Module, mv.Path == "" ? "default" : mv.Path);
        return row?.Returns is { } kind ? new InstanceValue(kind, mv.Module) : null;
    }
}

public static class EvaluatorExtensions
{
    /// <summary>
    /// The known leading text of a string expression (e.g. "0.0.0.0:" for <c>`0.0.0.0:${PORT}`</c>) and, when it comes
    /// straight from one literal or template quasi in the source, that node and the offset in the file where the text starts.
    /// </summary>
    public static (string Prefix, int SourceOffset) StringPrefix(this Evaluator ev, Node? node, int depth = 0)
    {
        if (node == null || depth > 40) return ("", -1);
        switch (node)
        {
            case Literal { Kind: LiteralKind.String } l:
                return (l.StringValue ?? "", l.Raw.Contains('\\') ? -1 : l.Start + 1);
            case TemplateLiteral t:
            {
                var full = ev.EvaluateString(t);
                var q0 = t.Quasis[0];
                var off = ev.Model.Program.End >= q0.End ? q0.Start : -1;
                return (full ?? q0.Cooked, off);
            }
            case ParenthesizedExpression or TSWrapper:
                return ev.StringPrefix(node.Children().First(), depth + 1);
            case BinaryExpression { Operator: "+" } b:
            {
                var whole = ev.EvaluateString(b);
                var (lp, lo) = ev.StringPrefix(b.Left, depth + 1);
                return (whole ?? lp, lo);
            }
            case BinaryExpression { Operator: "||" or "??" } lb:
            {
                var lv = ev.Evaluate(lb.Left);
                if (lv is StringValue { Value.Length: > 0 }) return ev.StringPrefix(lb.Left, depth + 1);
                return ev.StringPrefix(lb.Right, depth + 1);
            }
            case Identifier id:
            {
                var b = ev.Model.Resolve(id);
                if (b == null) return ("", -1);
                if (b.Kind == BindingKind.Param && b.Default != null) return ev.StringPrefix(b.Default, depth + 1);
                if (b.IsConstant && b.Init != null) return ev.StringPrefix(b.Init, depth + 1);
                var s = ev.EvaluateString(id);
                return (s ?? "", -1);
            }
        }
        return (ev.EvaluateString(node) ?? "", -1);
    }
}

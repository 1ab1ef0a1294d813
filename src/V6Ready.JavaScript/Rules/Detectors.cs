using System.Globalization;
using System.Text.RegularExpressions;
using V6Ready.Core;
using V6Ready.Core.Models;
using V6Ready.JavaScript.Analysis;
using V6Ready.JavaScript.Syntax;
using V6Ready.Rules;

namespace V6Ready.JavaScript.Rules;

/// <summary>
/// The V6001–V6009 detectors for Node.js code. They see only the tree, the semantic model and the evaluator.
/// </summary>
public sealed class Detectors
{
    private readonly SourceDocument _doc;
    private readonly string _language;
    private readonly AnalysisContext _ctx;
    private readonly SemanticModel _model;
    private readonly Evaluator _ev;
    private readonly List<Finding> _findings = new();
    private readonly HashSet<(string, int)> _seen = new();

    public Detectors(SourceDocument doc, string language, AnalysisContext ctx, SemanticModel model)
    {
        _doc = doc;
        _language = language;
        _ctx = ctx;
        _model = model;
        _ev = new Evaluator(model)
        {
            Imports = ctx.Index is { } index && Path.IsPathRooted(doc.FullPath) ? new JsImports(index, doc.FullPath) : null,
        };
    }

    public List<Finding> Run()
    {
        foreach (var node in _model.AllNodes)
        {
            _ctx.CancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case CallExpression call:
                    OnCall(call);
                    break;
                case TemplateLiteral t:
                    OnTemplate(t);
                    OnIpv4Target(t, t.Quasis[0].Cooked);
                    break;
                case BinaryExpression { Operator: "+" } b when b.Parent is not BinaryExpression { Operator: "+" }:
                    OnConcat(b);
                    break;
                case Literal { Kind: LiteralKind.String } l:
                    if (l.Parent is not TemplateLiteral) OnIpv4Target(l, l.StringValue ?? "");
                    break;
                case Literal { Kind: LiteralKind.Regex } r:
                    OnRegex(r, r.RegexPattern ?? "");
                    break;
                case Property p:
                    OnProperty(p);
                    break;
            }
        }
        return _findings;
    }

    // ------------------------------------------------------------ helpers

    private void Report(RuleDescriptor rule, Node at, string what, Fix? fix = null, Confidence confidence = Confidence.High)
    {
        if (!_seen.Add((rule.Id, at.Start))) return;
        _findings.Add(_ctx.CreateFinding(_doc, _language, rule, at.Start, at.Length, fix, confidence, what));
    }

    private string Src(Node n) => _doc.Text.Substring(n.Start, n.Length);

    /// <summary>" (via config.js:3)" when the value of <paramref name="n"/> was written in another file, else "".</summary>
    private string Via(Node n) => _ev.Evaluate(n) switch
    {
        StringValue { Origin: { } o } => o.Via,
        NumberValue { Origin: { } o } => o.Via,
        _ => "",
    };

    private string Short(Node n)
    {
        var s = Regex.Replace(Src(n), @"\s+", " ");
        return s.Length > 60 ? s.Substring(0, 57) + "..." : s;
    }

    private static Node Unwrap(Node n) => Evaluator.Unwrap(n);

    /// <summary>The name an expression is known by: identifier, last property, env var, called function.</summary>
    private static string? NameOf(Node n)
    {
        n = Unwrap(n);
        return n switch
        {
            Identifier id => id.Name,
            MemberExpression m => m.PropertyName,
            CallExpression { IsNew: false } c => NameOf(c.Callee),
            BinaryExpression { Operator: "||" or "??" } b => NameOf(b.Left),
            _ => null,
        };
    }

    private static readonly Regex s_wordSplit = new(@"(?<=[a-z0-9])(?=[A-Z])|[_\-\s]+", RegexOptions.CultureInvariant);

    private static string[] Words(string name) =>
        s_wordSplit.Split(name).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToArray();

    private static readonly HashSet<string> s_hostWords = new(StringComparer.Ordinal)
    {
        "host", "hostname", "addr", "address", "ip", "ipaddr", "ipaddress", "server", "domain", "fqdn", "peer", "remote", "hostaddr", "bindaddr", "listenaddr",
    };

    private static bool IsHostName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var w = Words(name);
        if (w.Length == 0 || w.Contains("port") || w.Contains("name") && !w.Contains("host")) return false;
        var last = w[^1];
        if (s_hostWords.Contains(last)) return true;
        if (last.EndsWith("host", StringComparison.Ordinal) || last.EndsWith("addr", StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool IsPortName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var w = Words(name);
        return w.Length > 0 && (w[^1] == "port" || w[^1].EndsWith("port", StringComparison.Ordinal));
    }

    private bool IsHostLike(Node n)
    {
        var v = _ev.EvaluateStrict(n);
        if (v is StringValue s) return s.Value.Contains(':') && !s.Value.StartsWith('[');
        return IsHostName(NameOf(n));
    }

    private bool IsPortLike(Node n)
    {
        n = Unwrap(n);
        if (n is Literal { Kind: LiteralKind.Number } l) return l.NumberValue is >= 1 and <= 65535;
        if (IsPortName(NameOf(n))) return true;
        if (n is CallExpression { Arguments.Count: >= 1 } c && NameOf(c.Callee) is "parseInt" or "Number" or "String") return IsPortLike(c.Arguments[0]);
        return false;
    }

    /// <summary>True for an expression that can be repeated in a fix without side effects.</summary>
    private static bool IsPure(Node n)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            n = Unwrap(n);
            switch (n)
            {
                case Identifier or ThisExpression:
                    return true;
                case MemberExpression m when !m.Computed || Unwrap(m.Property) is Literal:
                    n = m.Object;
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    private static bool IsFunctionLike(Node n) => Unwrap(n) is FunctionNode;

    private (string? Method, JsValue Receiver, JsValue Callee) Describe(CallExpression call)
    {
        var callee = Unwrap(call.Callee);
        var cv = _ev.Evaluate(callee);
        if (callee is MemberExpression m) return (m.PropertyName, _ev.Evaluate(m.Object), cv);
        if (cv is ModuleValue mv) return (mv.Path.Split('.')[^1], new ModuleValue(mv.Module, ""), cv);
        if (callee is Identifier id) return (id.Name, JsValue.Unknown, cv);
        return (null, JsValue.Unknown, cv);
    }

    private static bool IsModule(JsValue v, params string[] modules) => v is ModuleValue mv && modules.Contains(mv.Module);

    private Node? OptionsObject(Node? arg)
    {
        if (arg == null) return null;
        var u = Unwrap(arg);
        if (u is ObjectExpression) return u;
        return _ev.Evaluate(u) is ObjectValue ov ? ov.Node : null;
    }

    private static Property? FindProperty(Node? obj, string name)
    {
        if (obj is not ObjectExpression o) return null;
        Property? found = null;
        foreach (var p in o.Properties)
            if (p is Property prop && prop.KeyName == name) found = prop;
        return found;
    }

    /// <summary>The string literal in this file that supplies the value (directly, as a '||'/'??' default, or through a constant).</summary>
    private Literal? SourceLiteral(Node n, string value, int depth = 0)
    {
        if (depth > 20) return null;
        n = Unwrap(n);
        switch (n)
        {
            case Literal { Kind: LiteralKind.String } l when l.StringValue == value: return l;
            case BinaryExpression { Operator: "||" or "??" } b:
                return SourceLiteral(b.Right, value, depth + 1) ?? SourceLiteral(b.Left, value, depth + 1);
            case ConditionalExpression c:
                return SourceLiteral(c.Alternate, value, depth + 1) ?? SourceLiteral(c.Consequent, value, depth + 1);
            case Identifier id:
            {
                var b = _model.Resolve(id);
                if (b == null) return null;
                if (b.Kind == BindingKind.Param && b.Default != null) return SourceLiteral(b.Default, value, depth + 1);
                if (b.IsConstant && b.Init != null) return SourceLiteral(b.Init, value, depth + 1);
                if (b.IsConstant && b.Default != null) return SourceLiteral(b.Default, value, depth + 1);
                return null;
            }
        }
        return null;
    }

    private TextEdit ReplaceStringContent(Literal l, string newValue)
    {
        var quote = _doc.Text[l.Start];
        return new TextEdit(l.Start, l.Length, quote + newValue + quote);
    }

    // ------------------------------------------------------------ calls

    private static RuntimeModel Node => Evaluator.NodeModel;

    /// <summary>The listen row of a receiver: its kind's row, or Node's own server.listen when the receiver is not known.</summary>
    private static ApiModel? ListenRow(JsValue receiver, string method) => receiver switch
    {
        InstanceValue iv => Node.Method(null, iv.Kind, method),
        UnknownValue => Node.Method("net", "server", method),
        _ => null,
    };

    private void OnCall(CallExpression call)
    {
        var (method, receiver, callee) = Describe(call);
        if (method == null) return;
        switch (method)
        {
            case "listen" when !call.IsNew:
                CheckListen(call, receiver);
                break;
            case var _ when callee is ModuleValue cm && Node.Function(cm.Module, cm.Path) is { Kind: ApiKind.Listen } ctorRow && ctorRow.Param("options") is { Arg: int oa }:
                // a server constructor that takes the address in its options (Hapi.server({ host, port }))
                CheckHostOption(call, ctorRow, OptionsObject(call.Arguments.ElementAtOrDefault(oa)), "Hapi server", Confidence.High);
                break;
            case "bindAsync" or "bind" when !call.IsNew:
                CheckGrpcBind(call, method, receiver);
                break;
            case "createSocket":
                CheckCreateSocket(call, callee);
                break;
            case "resolve4":
                if (CallsInEnclosingFunction(call, "resolve6")) break; // both families resolved
                if (callee is ModuleValue || receiver is UnknownValue || receiver is InstanceValue { Kind: "dns.resolver" })
                    Report(RuleCatalog.V6009, call, Short(call.Callee) + "()", confidence: callee is ModuleValue || receiver is InstanceValue ? Confidence.High : Confidence.Medium);
                break;
            case "resolve" when (IsModule(callee, "dns", "dns.promises") || receiver is InstanceValue { Kind: "dns.resolver" }) && call.Arguments.Count >= 2:
                if (FamilyArg(call, "resolve", out _) == "ipv4") Report(RuleCatalog.V6009, call, Short(call.Callee) + "(…, 'A')");
                break;
            case "lookup" when IsModule(callee, "dns", "dns.promises") && call.Arguments.Count >= 2:
                if (_ev.Evaluate(call.Arguments[1]) is NumberValue && FamilyArg(call, "lookup", out var lookupArg) == "ipv4")
                    Report(RuleCatalog.V6009, lookupArg!, "dns.lookup(…, 4)");
                break;
            case "isIPv4":
                if (callee is ModuleValue || receiver is UnknownValue or ModuleValue) CheckIsIpv4(call, callee is ModuleValue ? Confidence.High : Confidence.Medium);
                break;
            case "isIP" when call.Arguments.Count >= 2 && _ev.Evaluate(call.Arguments[1]) is NumberValue { Value: 4 } || _ev.EvaluateString(call.Arguments.ElementAtOrDefault(1)) == "4":
                // validator.isIP(x, 4)
                Report(RuleCatalog.V6008, call, Short(call.Callee) + "(…, 4)", null, Confidence.Medium);
                break;
            case "split" or "indexOf" when !call.IsNew && call.Arguments.Count >= 1 && _ev.EvaluateString(call.Arguments[0]) == ":":
                CheckSplit(call, method);
                break;
            case "join" when !call.IsNew && call.Arguments.Count == 1 && _ev.EvaluateString(call.Arguments[0]) == ":":
                if (Unwrap(call.Callee) is MemberExpression { Object: var arr } && Unwrap(arr) is ArrayExpression { Elements.Count: 2 } a &&
                    a.Elements[0] is { } h && a.Elements[1] is { } p && IsHostLike(h) && IsPortLike(p))
                    Report(RuleCatalog.V6005, call, Short(call));
                break;
            case "RegExp" when call.Arguments.Count >= 1 && _ev.EvaluateString(call.Arguments[0]) is { } pattern:
                OnRegex(call, pattern);
                break;
        }
    }

    /// <summary>The family ("ipv4", "ipv6", "dual") the family argument of a dns row selects, with that argument.</summary>
    private string? FamilyArg(CallExpression call, string name, out Node? arg)
    {
        arg = null;
        var p = Node.Function("dns", name)?.Param("family");
        if (p?.Arg is not int i || i >= call.Arguments.Count) return null;
        arg = call.Arguments[i];
        return Node.FamilyOf(p, _ev.EvaluateString(arg));
    }

    private void CheckListen(CallExpression call, JsValue receiver)
    {
        var row = ListenRow(receiver, "listen");
        if (row == null) return;
        var confidence = receiver is InstanceValue ? Confidence.High : Confidence.Medium;
        if (call.Arguments.Count == 0) return;
        var options = row.Param("options") is { Arg: int oa } && oa < call.Arguments.Count ? OptionsObject(call.Arguments[oa]) : null;
        if (options != null)
        {
            CheckHostOption(call, row, options, "listen()", confidence);
            return;
        }
        if (row.Params.FirstOrDefault(p => p.Role == "host" && p.Arg != null) is not { Arg: int hostIndex } || call.Arguments.Count <= hostIndex) return;
        var hostArg = call.Arguments[hostIndex];
        if (IsFunctionLike(hostArg)) return;
        var host = _ev.EvaluateString(hostArg);
        if (host == null) return;
        var cls = RuntimeModels.Classify(host, mayHavePort: false);
        var verdict = Node.VerdictFor(row, cls);
        switch (cls)
        {
            case HostClass.Ipv4Any when verdict == Verdict.Ipv4Only:
            {
                Fix? fix = null;
                var lit = SourceLiteral(hostArg, host);
                if (lit != null)
                {
                    var last = call.Arguments.Count == 2 || (call.Arguments.Count == 3 && IsFunctionLike(call.Arguments[2]));
                    if (ReferenceEquals(lit, Unwrap(hostArg)) && last)
                        fix = new Fix("Drop the host: listen() without a host binds '::' (both families)", FixSafety.Safe,
                            new[] { new TextEdit(call.Arguments[0].End, hostArg.End - call.Arguments[0].End, "") });
                    else
                        fix = new Fix("Bind '::' (both families) instead of '0.0.0.0'", FixSafety.Safe, new[] { ReplaceStringContent(lit, "::") });
                }
                Report(RuleCatalog.V6001, hostArg, "listen() on '0.0.0.0'" + Via(hostArg), fix, confidence);
                break;
            }
            case HostClass.Ipv4Loopback when verdict == Verdict.Ipv4Only:
                Report(RuleCatalog.V6002, hostArg, $"listen() on '{host}'" + Via(hostArg), null, confidence);
                break;
            case HostClass.Localhost when verdict == Verdict.FirstAddress:
                Report(RuleCatalog.V6002, hostArg, "listen() on 'localhost' (Node binds only the first address it resolves to)" + Via(hostArg), null, Confidence.Low);
                break;
        }
    }

    private void CheckHostOption(CallExpression call, ApiModel row, Node? options, string what, Confidence confidence)
    {
        Property? hostProp = null;
        foreach (var p in row.ParamsOf("host"))
            if (p.Option != null && FindProperty(options, p.Option) is { } found) { hostProp = found; break; }
        if (hostProp == null) return;
        var host = _ev.EvaluateString(hostProp.Value);
        var cls = RuntimeModels.Classify(host, mayHavePort: false);
        var verdict = Node.VerdictFor(row, cls);
        if (cls == HostClass.Ipv4Any && verdict == Verdict.Ipv4Only)
        {
            var lit = SourceLiteral(hostProp.Value, host!);
            var fix = lit == null ? null : new Fix("Bind '::' (both families) instead of '0.0.0.0'", FixSafety.Safe, new[] { ReplaceStringContent(lit, "::") });
            Report(RuleCatalog.V6001, hostProp.Shorthand ? hostProp : hostProp.Value, what + " with host '0.0.0.0'" + Via(hostProp.Value), fix, confidence);
        }
        else if (cls == HostClass.Ipv4Loopback && verdict == Verdict.Ipv4Only) Report(RuleCatalog.V6002, hostProp.Value, what + $" with host '{host}'", null, confidence);
        else if (cls == HostClass.Localhost && verdict == Verdict.FirstAddress) Report(RuleCatalog.V6002, hostProp.Value, what + " with host 'localhost' (Node binds only the first address it resolves to)", null, Confidence.Low);
    }

    private void CheckGrpcBind(CallExpression call, string method, JsValue receiver)
    {
        if (call.Arguments.Count < 1) return;
        var isGrpc = receiver is InstanceValue iv && Node.Method(null, iv.Kind, method) is { Kind: ApiKind.Listen };
        if (!isGrpc)
        {
            if (receiver is not UnknownValue) return;
            if (method == "bind" && call.Arguments.Count < 2) return;
        }
        var arg = call.Arguments[0];
        var (prefix, offset) = _ev.StringPrefix(arg);
        var confidence = isGrpc || method == "bindAsync" ? Confidence.High : Confidence.Medium;
        if (prefix.StartsWith("0.0.0.0:", StringComparison.Ordinal))
        {
            Fix? fix = null;
            if (offset >= 0 && offset + 7 <= _doc.Text.Length && string.CompareOrdinal(_doc.Text, offset, "0.0.0.0", 0, 7) == 0)
                fix = new Fix("Bind '[::]' (both families) instead of '0.0.0.0'", FixSafety.Safe, new[] { new TextEdit(offset, 7, "[::]") });
            Report(RuleCatalog.V6001, arg, $"{method}('0.0.0.0:…')" + Via(arg), fix, confidence);
        }
        else if (prefix.StartsWith("127.0.0.1:", StringComparison.Ordinal))
            Report(RuleCatalog.V6002, arg, $"{method}('127.0.0.1:…')" + Via(arg), null, confidence);
    }

    private void CheckCreateSocket(CallExpression call, JsValue callee)
    {
        if (call.Arguments.Count < 1) return;
        var known = IsModule(callee, "dgram");
        if (!known && callee is not UnknownValue) return;
        var arg = call.Arguments[0];
        var confidence = known ? Confidence.High : Confidence.Medium;
        var options = OptionsObject(arg);
        Node valueNode = arg;
        if (options != null)
        {
            var type = FindProperty(options, "type");
            if (type == null) return;
            valueNode = type.Value;
        }
        var family = Node.Function("dgram", "createSocket")?.Param("family");
        var value = _ev.EvaluateString(valueNode);
        if (value == null || Node.FamilyOf(family, value) != "ipv4") return;
        var lit = SourceLiteral(valueNode, value);
        var fix = lit == null ? null : new Fix("Use 'udp6' (dual-stack on Linux unless ipv6Only; IPv4 peers appear as ::ffff:a.b.c.d)", FixSafety.Unsafe, new[] { ReplaceStringContent(lit, "udp6") });
        Report(RuleCatalog.V6007, valueNode, "dgram.createSocket('udp4')", fix, confidence);
    }

    private static readonly HashSet<string> s_dnsMethods = new(StringComparer.Ordinal) { "lookup", "lookupService", "resolve" };

    private void OnProperty(Property p)
    {
        if (p.KeyName != "family" || p.Parent is not ObjectExpression obj) return;
        var v = _ev.Evaluate(p.Value);
        if (!(v is NumberValue { Value: 4 } || v is StringValue { Value: "IPv4" or "4" })) return;
        // Options objects only: an object that also has an address describes an address (lookup results, test data).
        if (FindProperty(obj, "address") != null) return;
        Node holder = obj;
        while (holder.Parent is ParenthesizedExpression or TSWrapper) holder = holder.Parent;
        if (!(holder.Parent is CallExpression hc && hc.Arguments.Contains(holder)) && holder.Parent is not VariableDeclarator && holder.Parent is not AssignmentExpression) return;
        var confidence = Confidence.Medium;
        var dns = false;
        if (holder.Parent is CallExpression call && call.Arguments.Contains(holder))
        {
            var (method, receiver, callee) = Describe(call);
            if (callee is ModuleValue || receiver is ModuleValue || receiver is InstanceValue) confidence = Confidence.High;
            dns = method != null && s_dnsMethods.Contains(method) && (IsModule(callee, "dns", "dns.promises") || receiver is UnknownValue || receiver is InstanceValue { Kind: "dns.resolver" });
        }
        if (dns)
        {
            Report(RuleCatalog.V6009, p, "lookup with family: 4", null, confidence);
            return;
        }
        Fix? fix = null;
        if (Unwrap(p.Value) is Literal { Kind: LiteralKind.Number } lit)
            fix = new Fix("family: 0 (either family; IPv4 keeps working)", FixSafety.Safe, new[] { new TextEdit(lit.Start, lit.Length, "0") });
        Report(RuleCatalog.V6007, p, "family: 4", fix, confidence);
    }

    // ------------------------------------------------------------ V6008

    private static readonly HashSet<string> s_bothChecks = new(StringComparer.Ordinal) { "isIPv6", "isIP" };

    private bool ContainsBothCheck(Node? root)
    {
        if (root == null) return false;
        var stack = new Stack<Node>();
        stack.Push(root);
        var guard = 0;
        while (stack.Count > 0 && guard++ < 100_000)
        {
            var n = stack.Pop();
            if (n is CallExpression c && NameOf(c.Callee) is { } name && s_bothChecks.Contains(name)) return true;
            foreach (var k in n.Children()) stack.Push(k);
        }
        return false;
    }

    private void CheckIsIpv4(CallExpression call, Confidence confidence)
    {
        Node cond = call;
        while (cond.Parent is ParenthesizedExpression or UnaryExpression { Operator: "!" } or BinaryExpression { Logical: true } or ChainExpression)
            cond = cond.Parent;
        switch (cond.Parent)
        {
            case ConditionalExpression ce when ReferenceEquals(ce.Test, cond):
                return; // both outcomes handled
            case IfStatement ifs when ReferenceEquals(ifs.Test, cond):
                if (ifs.Alternate != null || ContainsBothCheck(ifs.Test)) return;
                break;
            default:
            {
                Node stmt = cond;
                while (stmt.Parent != null && !stmt.Type.EndsWith("Statement", StringComparison.Ordinal) && stmt is not VariableDeclaration && stmt is not FunctionNode)
                    stmt = stmt.Parent;
                if (ContainsBothCheck(stmt)) return;
                break;
            }
        }
        Report(RuleCatalog.V6008, call, Short(call.Callee) + "() as the only address check", null, confidence);
    }

    private static readonly Regex s_dottedQuad = new(
        @"(\\d|\[0-9\]|25\[0-5\])[^/]*\\\.[^/]*(\\d|\[0-9\])[^/]*\\\.", RegexOptions.CultureInvariant);

    private static bool IsDottedQuadPattern(string pattern)
    {
        if (pattern.Contains(':')) return false; // also matches IPv6 forms
        var dots = CountOf(pattern, @"\.");
        var repeated = pattern.Contains("){3}") || pattern.Contains("){3,3}");
        if (!(dots >= 3 || (dots >= 1 && repeated))) return false;
        if (!(pattern.Contains(@"\d") || pattern.Contains("[0-9]"))) return false;
        return pattern.Contains("{1,3}") || pattern.Contains("25[0-5]") || repeated;
    }

    private static int CountOf(string s, string part)
    {
        var n = 0;
        for (var i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private void OnRegex(Node node, string pattern)
    {
        if (!IsDottedQuadPattern(pattern)) return;
        // Used for rewriting/masking rather than validation?
        Node holder = node;
        while (holder.Parent is ParenthesizedExpression) holder = holder.Parent;
        if (holder.Parent is CallExpression c && c.Arguments.Contains(holder) && NameOf(c.Callee) is "replace" or "replaceAll" or "split") return;
        Report(RuleCatalog.V6008, node, "dotted-quad regular expression", null, Confidence.Medium);
    }

    // ------------------------------------------------------------ V6005 / V6006

    private const string BracketTest = @"/^[^\[].*:/.test";

    private string BracketExpr(Node host) => $"({BracketTest}({TestArg(host)}) ? `[${{{Src(host)}}}]` : {Src(host)})";

    /// <summary>
    /// The argument of the bracket test. TypeScript's <c>RegExp.test</c> takes a <c>string</c>, and a host such as
    /// <c>process.env.HOST</c> is <c>string | undefined</c> (TS2345 under strict): wrap it in <c>String(…)</c>, which is
    /// what <c>test</c> does to its argument at run time anyway, so behaviour is unchanged.
    /// </summary>
    private string TestArg(Node host) =>
        _language == "typescript" && Unwrap(host) is not (Literal or TemplateLiteral) ? $"String({Src(host)})" : Src(host);

    private void OnTemplate(TemplateLiteral t)
    {
        for (var i = 0; i < t.Expressions.Count; i++)
        {
            var next = t.Quasis[i + 1].Cooked;
            var before = t.Quasis[i].Cooked;
            if (before.EndsWith('[')) continue;
            var host = t.Expressions[i];
            bool joined;
            if (next == ":" && i + 1 < t.Expressions.Count) joined = IsPortLike(t.Expressions[i + 1]);
            else joined = Regex.IsMatch(next, @"^:\d{1,5}(?:$|[/?#])");
            if (!joined || !IsHostLike(host)) continue;
            if (IsLogged(t) || IsBracketAware(t)) continue;
            Fix? fix = null;
            if (IsPure(host))
            {
                // host sits between "${" and "}" in the source
                fix = new Fix("Bracket IPv6 hosts: ${/^[^\\[].*:/.test(h) ? `[${h}]` : h}", FixSafety.Safe,
                    new[] { new TextEdit(host.Start, host.Length, $"{BracketTest}({TestArg(host)}) ? `[${{{Src(host)}}}]` : {Src(host)}") });
            }
            Report(RuleCatalog.V6005, t, "`${" + Short(host) + "}:…`", fix);
        }
    }

    /// <summary>True when the text only goes to a log (console.*, logger.*, log.*, debug()): an ambiguous log line breaks nothing.</summary>
    private static bool IsLogged(Node n)
    {
        var depth = 0;
        for (var p = n; p.Parent != null && depth++ < 50; p = p.Parent)
        {
            switch (p.Parent)
            {
                case TemplateLiteral or BinaryExpression { Operator: "+" } or ParenthesizedExpression or ConditionalExpression:
                    continue;
                case CallExpression c when c.Arguments.Contains(p):
                    return IsLogging(c);
            }
            return false;
        }
        return false;
    }

    private void OnConcat(BinaryExpression root)
    {
        var parts = new List<Node>();
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0 && parts.Count < 10_000)
        {
            var n = stack.Pop();
            if (n is BinaryExpression { Operator: "+" } b) { stack.Push(b.Right); stack.Push(b.Left); }
            else parts.Add(n);
        }
        for (var i = 0; i + 1 < parts.Count; i++)
        {
            var sep = _ev.EvaluateString(parts[i + 1]);
            if (Unwrap(parts[i + 1]) is not (Literal or TemplateLiteral) || sep == null) continue;
            bool joined;
            if (sep == ":" && i + 2 < parts.Count) joined = IsPortLike(parts[i + 2]);
            else joined = Regex.IsMatch(sep, @"^:\d{1,5}(?:$|[/?#])");
            if (!joined || !IsHostLike(parts[i])) continue;
            if (i > 0 && _ev.EvaluateString(parts[i - 1]) is { } prev && prev.EndsWith('[')) continue;
            if (IsLogged(root) || IsBracketAware(root)) continue;
            var host = parts[i];
            Fix? fix = IsPure(host) ? new Fix("Bracket IPv6 hosts", FixSafety.Safe, new[] { new TextEdit(host.Start, host.Length, BracketExpr(host)) }) : null;
            Report(RuleCatalog.V6005, root, Short(host) + " + ':' + …", fix);
        }
    }

    private static readonly HashSet<string> s_addressWords = new(StringComparer.Ordinal)
    {
        "host", "hostname", "addr", "address", "endpoint", "target", "server", "hostport", "authority", "ip", "peer", "remote", "listen", "bind", "upstream", "backend", "broker", "node", "seed",
    };

    private static bool IsAddressName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var w = Words(name);
        if (w.Length == 0) return false;
        var last = w[^1];
        if (last is "time" or "timestamp" or "line" or "header" or "date" or "key" or "name" or "path" or "id") return false;
        return s_addressWords.Contains(last) || last.EndsWith("addr", StringComparison.Ordinal) || last.EndsWith("host", StringComparison.Ordinal) ||
               (w.Length >= 2 && s_addressWords.Contains(w[^2]) && last is "str" or "string" or "spec");
    }

    private void CheckSplit(CallExpression call, string method)
    {
        if (Unwrap(call.Callee) is not MemberExpression m) return;
        var receiverName = NameOf(m.Object);
        var flagged = IsAddressName(receiverName);
        // const [host, port] = x.split(':')
        Node holder = call;
        while (holder.Parent is ParenthesizedExpression or TSWrapper) holder = holder.Parent;
        if (!flagged && method == "split" && holder.Parent is VariableDeclarator { Id: ArrayPattern ap } && ap.Elements.Count >= 2)
        {
            var first = ap.Elements[0] is AssignmentPattern a0 ? a0.Left : ap.Elements[0];
            var second = ap.Elements[1] is AssignmentPattern a1 ? a1.Left : ap.Elements[1];
            flagged = (first is Identifier f && IsHostName(f.Name)) && (second is Identifier s && IsPortName(s.Name));
        }
        // name-free: the second part is read as a number (parseInt(parts[1]), Number(port)), so this splits host:port
        var parsedPort = false;
        if (!flagged && method == "split" && SecondPartParsedAsPort(holder)) flagged = parsedPort = true;
        // name-free: a commander/yargs option whose flags or help text say ADDRESS:PORT (opts.relay, const { relay } = opts)
        var usage = false;
        if (!flagged && receiverName is not null && (Unwrap(m.Object) is MemberExpression or Identifier) && EndpointOptions.Contains(receiverName))
            flagged = usage = true;
        if (!flagged) return;
        if (method == "indexOf")
        {
            // indexOf(':', from) after skipping a bracket, or `indexOf(':') === -1` (a test for IPv6) are not splits.
            if (call.Arguments.Count > 1) return;
            if (holder.Parent is BinaryExpression cmp && cmp.Operator is "===" or "!==" or "==" or "!=" or "<" or ">=" or ">" or "<=") return;
        }
        if (IsBracketAware(call)) return;
        Fix? fix = null;
        if (method == "split" && call.Arguments.Count == 1 && UsesOnlyHostAndPort(holder))
            fix = new Fix("Split on the last ':' and strip [brackets]", FixSafety.Safe,
                new[] { new TextEdit(call.Start, call.Length, $"{SplitLastColon}({Src(m.Object)})") });
        Report(RuleCatalog.V6006, call, $"{Short(m.Object)}.{method}(':')" + (parsedPort ? " (its second part is parsed as a port)" : usage ? " (its option's help says host:port)" : ""), fix);
    }

    private static readonly Regex s_endpointUsage = new(
        @"(?<![A-Za-z])[<\[{]?(host|hostname|addr|address|ip)[>\]}]?:[<\[{]?port(?![A-Za-z])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>True when an option's flags or help text say its value is an address and port ("ADDRESS:PORT", "&lt;host:port&gt;").</summary>
    internal static bool IsEndpointUsage(string? text) => text is not null && s_endpointUsage.IsMatch(text);

    private HashSet<string>? _endpointOptions;

    /// <summary>
    /// The value names (camelCase of the long flag, as commander and yargs give them) of this file's command-line options
    /// whose flags or help text say ADDRESS:PORT: commander <c>.option('-r, --relay &lt;host:port&gt;', 'desc')</c> /
    /// <c>.requiredOption</c>, yargs <c>.option('relay', { describe: 'ADDRESS:PORT' })</c>, <c>.options({ relay: {…} })</c>,
    /// <c>.positional(…)</c>. Built once per file, on the first split that needs it.
    /// </summary>
    private HashSet<string> EndpointOptions => _endpointOptions ??= CollectEndpointOptions();

    private HashSet<string> CollectEndpointOptions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _model.AllNodes)
        {
            if (node is not CallExpression { IsNew: false } c || Unwrap(c.Callee) is not MemberExpression { PropertyName: { } method } || c.Arguments.Count == 0) continue;
            if (method is "option" or "requiredOption" or "positional")
            {
                var first = _ev.EvaluateString(c.Arguments[0]);
                if (first is null) continue;
                string? help = c.Arguments.Count > 1 ? _ev.EvaluateString(c.Arguments[1]) : null;
                if (c.Arguments.Count > 1 && Unwrap(c.Arguments[1]) is ObjectExpression spec) help = HelpOf(spec);
                if (!IsEndpointUsage(first) && !IsEndpointUsage(help)) continue;
                if (OptionName(first) is { } name) names.Add(name);
            }
            else if (method == "options" && Unwrap(c.Arguments[0]) is ObjectExpression all)
            {
                foreach (var prop in all.Properties.OfType<Property>())
                    if (!prop.Computed && Unwrap(prop.Value) is ObjectExpression spec && IsEndpointUsage(HelpOf(spec)) &&
                        (prop.Key is Identifier { Name: var k } ? k : _ev.EvaluateString(prop.Key)) is { } key && OptionName(key) is { } name)
                        names.Add(name);
            }
        }
        return names;
    }

    private string? HelpOf(ObjectExpression spec)
    {
        foreach (var prop in spec.Properties.OfType<Property>())
            if (!prop.Computed && prop.Key is Identifier { Name: "describe" or "description" or "desc" } && _ev.EvaluateString(prop.Value) is { } text)
                return text;
        return null;
    }

    /// <summary>"-r, --relay-to &lt;host:port&gt;" → "relayTo"; "relay" → "relay".</summary>
    private static string? OptionName(string flags)
    {
        string? flag = null;
        foreach (var part in flags.Split(new[] { ',', ' ', '|' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("--", StringComparison.Ordinal)) { flag = part[2..]; break; }
            if (!part.StartsWith('-') && !part.StartsWith('<') && !part.StartsWith('[') && flag is null) flag = part;
        }
        if (string.IsNullOrEmpty(flag)) return null;
        if (flag.StartsWith("no-", StringComparison.Ordinal)) return null;
        var sb = new System.Text.StringBuilder();
        var upper = false;
        foreach (var ch in flag)
        {
            if (ch == '-') { upper = true; continue; }
            if (!char.IsLetterOrDigit(ch) && ch != '_') break;
            sb.Append(upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>
    /// True when element [1] of a split is given to parseInt / Number / Number.parseInt / unary +: directly
    /// (<c>parseInt(s.split(':')[1])</c>), through the array (<c>const parts = …; parseInt(parts[1])</c>), through a
    /// destructured second name (<c>const [a, b] = …; Number(b)</c>), or through one more constant (<c>const p = parts[1]</c>).
    /// </summary>
    private bool SecondPartParsedAsPort(Node holder)
    {
        switch (holder.Parent)
        {
            case MemberExpression { Computed: true } me when ReferenceEquals(me.Object, holder):
                return me.Property is Literal { Kind: LiteralKind.Number, NumberValue: 1 } && ParsedAsNumber(me, 0);
            case VariableDeclarator { Id: Identifier parts } d when ReferenceEquals(d.Init, holder):
                // a time "10:30" or "10:30:00" has its first part (or a third) read as a number too: not host:port
                var port = false;
                foreach (var use in UsesOf(parts))
                {
                    Node u = use;
                    while (u.Parent is ParenthesizedExpression or TSWrapper) u = u.Parent;
                    if (u.Parent is not MemberExpression { Computed: true, Property: Literal { Kind: LiteralKind.Number } index } ume || !ReferenceEquals(ume.Object, u)) continue;
                    if (index.NumberValue >= 2 || index.NumberValue == 0 && ParsedAsNumber(ume, 0)) return false;
                    if (index.NumberValue == 1 && ParsedAsNumber(ume, 0)) port = true;
                }
                return port;
            case VariableDeclarator { Id: ArrayPattern ap } d2 when ReferenceEquals(d2.Init, holder) && ap.Elements.Count >= 2:
                if (ap.Elements.Count > 2) return false;
                var first = ap.Elements[0] is AssignmentPattern a0 ? a0.Left : ap.Elements[0];
                var second = ap.Elements[1] is AssignmentPattern a1 ? a1.Left : ap.Elements[1];
                if (first is Identifier f && UsesOf(f).Any(u => ParsedAsNumber(u, 1))) return false;
                return second is Identifier p && UsesOf(p).Any(u => ParsedAsNumber(u, 1));
            default:
                return false;
        }
    }

    private bool ParsedAsNumber(Node n, int depth)
    {
        while (n.Parent is ParenthesizedExpression or TSWrapper) n = n.Parent;
        switch (n.Parent)
        {
            case CallExpression { IsNew: false } c when c.Arguments.Count >= 1 && ReferenceEquals(c.Arguments[0], n):
                var callee = Unwrap(c.Callee);
                return callee is Identifier { Name: "parseInt" or "Number" } ||
                       callee is MemberExpression { Computed: false, Object: Identifier { Name: "Number" }, Property: Identifier { Name: "parseInt" } };
            case UnaryExpression { Operator: "+" }:
                return true;
            case VariableDeclarator { Id: Identifier v } d when depth == 0 && ReferenceEquals(d.Init, n):
                return UsesOf(v).Any(u => ParsedAsNumber(u, 1));
            default:
                return false;
        }
    }

    /// <summary>The references of the binding a declared identifier introduces (none when it is written again).</summary>
    private IEnumerable<Identifier> UsesOf(Identifier declared)
    {
        foreach (var node in _model.AllNodes)
        {
            if (node is not Identifier id || ReferenceEquals(id, declared) || id.Name != declared.Name) continue;
            var b = _model.Resolve(id);
            if (b is not null && ReferenceEquals(b.Declaration, declared)) yield return id;
        }
    }

    /// <summary>An inline bracket-aware split: [host, port] on the last ':', brackets removed; [s] when there is no ':'.</summary>
    public const string SplitLastColon = "((s, i = s.lastIndexOf(':')) => i < 0 ? [s] : [s.slice(0, i).replace(/^\\[(.*)\\]$/, '$1'), s.slice(i + 1)])";

    /// <summary>True when the split result is only destructured into at most two names or indexed with [0] / [1].</summary>
    private static bool UsesOnlyHostAndPort(Node holder) => holder.Parent switch
    {
        VariableDeclarator { Id: ArrayPattern ap } => ap.Elements.Count <= 2 && ap.Elements.All(e => e is not RestElement),
        MemberExpression { Computed: true } me when ReferenceEquals(me.Object, holder) =>
            me.Property is Literal { Kind: LiteralKind.Number, NumberValue: 0 or 1 },
        _ => false,
    };

    /// <summary>Whether the enclosing function already handles IPv6 hosts: a '[' or ']' string, a bracketed substitution
    /// (`[${h}]`), an isIPv6/isIP call, a 'IPv6' family test or a colon test (includes(':')).</summary>
    private bool IsBracketAware(Node from)
    {
        // The enclosing function, or at module level the enclosing top-level statement.
        Node scope = from;
        while (scope.Parent != null && scope is not FunctionNode && scope.Parent is not Syntax.Program) scope = scope.Parent;
        if (_bracketAware.TryGetValue(scope, out var known)) return known;
        var aware = ScanBracketAware(scope);
        _bracketAware[scope] = aware;
        return aware;
    }

    private readonly Dictionary<Node, bool> _bracketAware = new(ReferenceEqualityComparer.Instance);

    private bool ScanBracketAware(Node scope)
    {
        var stack = new Stack<Node>();
        stack.Push(scope);
        var guard = 0;
        while (stack.Count > 0 && guard++ < 100_000)
        {
            var n = stack.Pop();
            switch (n)
            {
                case Literal { Kind: LiteralKind.String, StringValue: { } sv } when sv.StartsWith(']') || sv.EndsWith('[') || sv == "IPv6":
                    return true;
                case TemplateLiteral t:
                    for (var i = 0; i + 1 < t.Quasis.Count; i++)
                        if (t.Quasis[i].Cooked.EndsWith('[') && t.Quasis[i + 1].Cooked.StartsWith(']')) return true;
                    break;
                case CallExpression c when NameOf(c.Callee) is "isIPv6" or "isIP":
                    return true;
                case CallExpression { Arguments.Count: 1 } c when NameOf(c.Callee) is "includes" && _ev.EvaluateString(c.Arguments[0]) == ":":
                    return true;
            }
            foreach (var k in n.Children()) stack.Push(k);
        }
        return false;
    }

    // ------------------------------------------------------------ V6003 / V6004

    private static readonly Regex s_ipv4Target = new(
        @"^(?:(?<scheme>[a-z][a-z0-9+.\-]*)://(?:[^@/\s]*@)?)?(?<ip>(?:\d{1,3}\.){3}\d{1,3})(?::(?<port>\d{1,5}))?(?<rest>(?:[/?#].*)?)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline);

    private static readonly HashSet<string> s_connectMethods = new(StringComparer.Ordinal)
    {
        "connect", "createConnection", "request", "get", "post", "put", "patch", "delete", "head", "fetch", "createClient", "send",
        "open", "axios", "got", "WebSocket", "Redis", "Cluster", "MongoClient", "Client", "Pool", "Socket", "connectAsync", "dial", "URL",
        "createPool", "ping",
    };

    private static readonly HashSet<string> s_targetKeys = new(StringComparer.Ordinal)
    {
        "host", "hostname", "url", "uri", "baseURL", "baseUrl", "endpoint", "server", "target", "connectionString", "addr", "origin", "proxy",
    };

    private static bool ParseIpv4(string ip, out byte[] octets)
    {
        octets = new byte[4];
        var parts = ip.Split('.');
        if (parts.Length != 4) return false;
        for (var i = 0; i < 4; i++)
        {
            if (parts[i].Length is 0 or > 3 || (parts[i].Length > 1 && parts[i][0] == '0')) return false;
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 255) return false;
            octets[i] = (byte)v;
        }
        return true;
    }

    private static bool IsPublic(byte[] o) =>
        !(o[0] == 10 || o[0] == 127 || o[0] == 0 || o[0] >= 224 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31) || (o[0] == 192 && o[1] == 168) ||
          (o[0] == 169 && o[1] == 254) || (o[0] == 100 && o[1] >= 64 && o[1] <= 127));

    private void OnIpv4Target(Node lit, string value)
    {
        if (value.Length < 7 || value.Length > 2048) return;
        var m = s_ipv4Target.Match(value);
        if (!m.Success) return;
        if (lit is TemplateLiteral t && t.Quasis.Count > 1 && !m.Groups["scheme"].Success && !m.Groups["port"].Success && value.EndsWith(':') == false)
        {
            // `10.0.0.5${x}` — the address continues in an expression; not a literal address.
            return;
        }
        if (!ParseIpv4(m.Groups["ip"].Value, out var octets)) return;
        if (octets[0] == 0 || octets[0] == 127 || octets[0] == 255 || octets[0] >= 224) return; // wildcard, loopback, masks, multicast
        if (octets.All(b => b == 255)) return;

        // Climb through defaults and wrappers to where the value is used.
        Node holder = lit;
        while (holder.Parent is ParenthesizedExpression or TSWrapper || holder.Parent is BinaryExpression { Logical: true } lb && ReferenceEquals(lb.Right, holder) ||
               holder.Parent is ConditionalExpression ce && !ReferenceEquals(ce.Test, holder))
            holder = holder.Parent!;
        var parent = holder.Parent;
        string? context = null;
        CallExpression? connectCall = null;
        switch (parent)
        {
            case CallExpression call when call.Arguments.Contains(holder):
            {
                var (method, _, _) = Describe(call);
                var name = method ?? NameOf(call.Callee);
                if (name == null || !s_connectMethods.Contains(name)) return;
                if (IsLogging(call)) return;
                context = name + "()";
                connectCall = call;
                break;
            }
            case Property p when ReferenceEquals(p.Value, holder) && p.KeyName is { } key && s_targetKeys.Contains(key):
                context = key + ":";
                if (p.Parent?.Parent is CallExpression c2 && c2.Arguments.Contains(p.Parent)) connectCall = c2;
                break;
            case VariableDeclarator { Id: Identifier vid } when IsTargetVariable(vid.Name):
                context = vid.Name;
                break;
            case AssignmentExpression { Left: var left } when IsTargetVariable(NameOf(left)):
                context = NameOf(left);
                break;
            case PropertyDefinition { Key: Identifier pk } when IsTargetVariable(pk.Name):
                context = pk.Name;
                break;
            default:
                return;
        }
        if (connectCall != null && IsPublic(octets) && Describe(connectCall).Method is "connect" or "createConnection" && CallsAddress(connectCall))
        {
            Report(RuleCatalog.V6004, lit, $"connect to {m.Groups["ip"].Value} then address()");
            return;
        }
        // Addresses in tests are usually fixtures (documentation ranges, fake peers): still reported, with low confidence.
        Report(RuleCatalog.V6003, lit, $"'{m.Groups["ip"].Value}' ({context})", null, IsTestFile ? Confidence.Low : Confidence.High);
    }

    private static readonly Regex s_testPath = new(@"(^|/)(tests?|__tests__|spec|e2e)/|\.(spec|test|e2e)\.[cm]?[jt]sx?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private bool IsTestFile => s_testPath.IsMatch(_doc.Path.Replace('\\', '/'));

    private static bool IsTargetVariable(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var w = Words(name);
        if (w.Length == 0) return false;
        var last = w[^1];
        return IsHostName(name) || last is "url" or "uri" or "endpoint" or "target" or "upstream" or "dsn" or "origin" || last.EndsWith("url", StringComparison.Ordinal);
    }

    private static bool IsLogging(CallExpression call)
    {
        var callee = Unwrap(call.Callee);
        if (callee is MemberExpression { Object: var o } && Unwrap(o) is Identifier { Name: "console" or "logger" or "log" or "winston" or "pino" }) return true;
        if (callee is MemberExpression { Object: MemberExpression { PropertyName: "logger" or "log" } }) return true;
        if (call.IsNew) return NameOf(callee) is { } ctor && ctor.EndsWith("Error", StringComparison.Ordinal); // an error message
        var name = NameOf(callee)?.TrimStart('#');
        if (name == null) return false;
        if (name is "trace" or "debug" or "info" or "warn" or "error" or "log" or "verbose" or "fatal" or "silly" or "dbg") return true;
        var words = Words(name);
        return words.Length > 0 && (words[0] is "dbg" or "debug" or "log" or "trace" || words[^1] is "log" or "logger" or "debug" or "trace");
    }

    /// <summary>Whether the enclosing function (or, at module level, the enclosing statement) calls a function of this name.</summary>
    private static bool CallsInEnclosingFunction(Node from, string name)
    {
        Node scope = from;
        while (scope.Parent != null && scope is not FunctionNode && scope.Parent is not Syntax.Program) scope = scope.Parent;
        var stack = new Stack<Node>();
        stack.Push(scope);
        var guard = 0;
        while (stack.Count > 0 && guard++ < 200_000)
        {
            var n = stack.Pop();
            if (n is CallExpression c && NameOf(c.Callee) == name) return true;
            foreach (var k in n.Children()) stack.Push(k);
        }
        return false;
    }

    /// <summary>Whether the enclosing function (or the file) reads a socket's local address with .address().</summary>
    private bool CallsAddress(Node from)
    {
        Node scope = from;
        while (scope.Parent != null && scope is not FunctionNode) scope = scope.Parent;
        var stack = new Stack<Node>();
        stack.Push(scope);
        var guard = 0;
        while (stack.Count > 0 && guard++ < 200_000)
        {
            var n = stack.Pop();
            if (n is CallExpression { Arguments.Count: 0 } c && Unwrap(c.Callee) is MemberExpression { PropertyName: "address" }) return true;
            foreach (var k in n.Children()) stack.Push(k);
        }
        return false;
    }
}

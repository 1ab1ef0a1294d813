using System.Text.RegularExpressions;
using V6Ready.Core;
using V6Ready.Core.Models;
using V6Ready.Python.Syntax;
using V6Ready.Rules;

namespace V6Ready.Python.Analysis;

/// <summary>One finding before it becomes a <see cref="Finding"/>.</summary>
public sealed record PyFinding(RuleDescriptor Rule, int Start, int Length, string Subject, Fix? Fix = null, Confidence Confidence = Confidence.High);

/// <summary>
/// V6001–V6009 for Python. Which call listens, dials, resolves, creates a socket or parses an address — and what the
/// runtime does with each host value — comes from the runtime model rows (<c>rules/models/python.json</c>); this class
/// matches calls to rows through import-aware names and receiver types, evaluates the host, and asks the row.
/// </summary>
public sealed partial class PyRules
{
    private readonly FileModel _m;
    private readonly Evaluator _e;
    private readonly RuntimeModel _rt;
    private readonly string _src;
    private readonly List<PyFinding> _out = new();
    private readonly HashSet<(string, int)> _seen = new();
    private readonly HashSet<int> _reportedLiterals = new();
    private readonly List<AssignStmt> _assignments = new();

    public PyRules(FileModel model)
    {
        _m = model;
        _e = new Evaluator(model);
        _rt = RuntimeModels.Get("python");
        _src = model.Source;
    }

    public List<PyFinding> Run(CancellationToken ct = default)
    {
        var i = 0;
        foreach (var n in AstWalker.Descendants(_m.Module))
        {
            if ((++i & 1023) == 0) ct.ThrowIfCancellationRequested();
            switch (n)
            {
                case CallExpr call:
                    AnalyzeCall(call);
                    break;
                case StrExpr s when s.IsFormatted:
                    CheckFStringJoin(s);
                    break;
                case BinOpExpr { Op: "+" } add when add.Parent is not BinOpExpr { Op: "+" }:
                    CheckConcatJoin(add);
                    break;
                case BinOpExpr { Op: "%" } pct:
                    CheckPercentJoin(pct);
                    break;
                case SubscriptExpr sub:
                    CheckFirstAddress(sub);
                    break;
                case AssignStmt a:
                    _assignments.Add(a);
                    break;
            }
        }
        foreach (var a in _assignments) CheckAssignment(a);
        _out.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Rule.Id, b.Rule.Id));
        return _out;
    }

    private void Report(RuleDescriptor rule, Node node, string subject, Fix? fix = null, Confidence confidence = Confidence.High)
    {
        // tests build URLs for local test servers and pick socket families on purpose
        if (_m.IsTestFile && rule.Id is "V6005" or "V6006" or "V6007") return;
        if (!_seen.Add((rule.Id, node.Pos))) return;
        _out.Add(new PyFinding(rule, node.Pos, node.End - node.Pos, subject, fix, confidence));
    }

    private string Snippet(Node n)
    {
        var t = _m.Text(n).Replace("\r", "").Replace("\n", " ").Replace("\t", " ");
        while (t.Contains("  ")) t = t.Replace("  ", " ");
        return "'" + (t.Length > 80 ? t[..77] + "..." : t) + "'";
    }

    // ---------- matching calls to model rows ----------

    /// <summary>The model row a call matches: by the callee's qualified name, or by the receiver's type and the method name.</summary>
    public ApiModel? MatchRow(CallExpr call)
    {
        var q = _m.QualifiedName(call.Func);
        if (q is not null)
        {
            foreach (var row in _rt.Apis)
                if (row.Receiver is null && q.Length == row.Module.Length + 1 + row.Name.Length && q.StartsWith(row.Module, StringComparison.Ordinal) && q[row.Module.Length] == '.' && q.EndsWith(row.Name, StringComparison.Ordinal))
                    return row;
        }
        if (call.Func is not AttributeExpr attr) return null;
        var type = ReceiverType(attr.Value, 0);
        foreach (var row in _rt.Apis)
        {
            if (row.Receiver is null || row.Name != attr.Attr) continue;
            if (type is not null)
            {
                if (TypeMatches(type, row)) return row;
            }
            else if (row.Name.Contains('_') && UniqueName(row))
            {
                // a distinctive method name (add_insecure_port, create_server) on a receiver of unknown type
                return row;
            }
        }
        return null;
    }

    private bool UniqueName(ApiModel row) => _rt.Apis.Count(r => r.Name == row.Name && r.Module.Split('.')[0] == row.Module.Split('.')[0]) == _rt.Apis.Count(r => r.Name == row.Name);

    /// <summary>A receiver type is the qualified name of the call that made it: <c>flask.Flask</c>, <c>grpc.server</c>, <c>socket.socket</c>.</summary>
    private static bool TypeMatches(string type, ApiModel row)
    {
        if (!type.StartsWith(row.Module + ".", StringComparison.Ordinal)) return false;
        var rest = type[(row.Module.Length + 1)..];
        return !rest.Contains('.');
    }

    private string? ReceiverType(Expr e, int depth)
    {
        if (depth > 8) return null;
        switch (e)
        {
            case CallExpr c:
                if (_m.QualifiedName(c.Func) is { } q) return q;
                // app = create_app() where create_app builds and returns the Flask app
                if (c.Func is NameExpr fn && _m.Function(fn.Id) is { } f)
                {
                    string? rt = null;
                    foreach (var v in FileModel.ReturnValues(f))
                    {
                        var vt = ReceiverType(v, depth + 1);
                        if (vt is null || (rt is not null && rt != vt)) return null;
                        rt = vt;
                    }
                    return rt;
                }
                return null;
            case NameExpr n:
                var vals = _m.Assignments(n.Id, n);
                if (vals is null || vals.Count == 0) return null;
                string? t = null;
                foreach (var v in vals)
                {
                    var vt = ReceiverType(v, depth + 1);
                    if (vt is null || (t is not null && t != vt)) return null;
                    t = vt;
                }
                return t;
            case AwaitExpr a:
                return ReceiverType(a.Value, depth + 1);
            default:
                return null;
        }
    }

    private static Expr? ParamExpr(CallExpr call, ParamModel? p)
    {
        if (p is null) return null;
        if (p.Option is not null && call.Keyword(p.Option) is { } kw) return kw;
        if (p.Arg is int i) return call.Positional(i);
        return null;
    }

    // ---------- calls ----------

    private void AnalyzeCall(CallExpr call)
    {
        if (call.Func is AttributeExpr attr)
        {
            switch (attr.Attr)
            {
                case "split" or "rsplit" or "partition" or "rpartition":
                    CheckSplit(call, attr);
                    break;
                case "join":
                    CheckJoinCall(call, attr);
                    break;
                case "format":
                    CheckFormatJoin(call, attr);
                    break;
            }
        }
        var q = _m.QualifiedName(call.Func);
        if (q is "re.compile" or "re.match" or "re.search" or "re.fullmatch" or "re.findall" or "re.finditer")
        {
            CheckRegex(call);
            return;
        }
        var row = MatchRow(call);
        if (row is null) return;
        switch (row.Kind)
        {
            case ApiKind.Listen:
                if (row.Id == "python.socket.socket.bind") CheckSocketBind(call, row);
                else if (row.Param("family") is not null) CheckCreateServer(call, row);
                else CheckListen(call, row);
                break;
            case ApiKind.Dial:
                CheckDial(call, row);
                break;
            case ApiKind.Resolve:
                CheckResolve(call, row);
                break;
            case ApiKind.Socket:
                CheckSocket(call, row);
                break;
            case ApiKind.Parse:
                CheckParse(call, row);
                break;
        }
    }

    /// <summary>The host expression of an address argument: the first element of a (host, port) tuple, else the expression.</summary>
    private Expr? Deref(Expr? e, int depth = 0)
    {
        if (e is NameExpr n && depth < 8 && _m.Assignments(n.Id, n) is { Count: 1 } vals && vals[0] is TupleExpr or NameExpr) return Deref(vals[0], depth + 1);
        return e;
    }

    /// <summary>Class of a host/address argument, with the value it came from.</summary>
    private (HostClass Class, PyValue? Value, Expr? HostExpr) Classify(Expr? arg, string role)
    {
        if (arg is null) return (HostClass.Unknown, null, null);
        if (role == "address" && Deref(arg) is TupleExpr { Elts.Count: >= 2 } t)
        {
            var h = t.Elts[0];
            if (_e.IsNone(h)) return (HostClass.None, null, h);
            var hv = _e.Eval(h);
            if (hv is null || hv.HasHoles) return (HostClass.Unknown, hv, h);
            return (RuntimeModels.Classify(hv.Text, mayHavePort: false), hv, h);
        }
        if (_e.IsNone(arg)) return (role == "host" ? HostClass.None : HostClass.Unknown, null, arg);
        var v = _e.Eval(arg);
        if (v is null) return (HostClass.Unknown, null, arg);
        var text = v.Text;
        if (role == "url")
        {
            var host = UrlHost(text);
            if (host is null || host.Contains(PyValue.Hole)) return (HostClass.Unknown, v, arg);
            return (RuntimeModels.Classify(host, mayHavePort: false), v, arg);
        }
        if (role == "address")
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text[(colon + 1)..].All(c => c == PyValue.Hole || char.IsAsciiDigit(c))) text = text[..colon] + ":1";
        }
        if (text.Contains(PyValue.Hole)) return (HostClass.Unknown, v, arg);
        return (RuntimeModels.Classify(text, mayHavePort: role == "address"), v, arg);
    }

    /// <summary>The host of a URL (<c>scheme://[user@]host[:port]/…</c>), brackets removed; null when it is not a URL.</summary>
    public static string? UrlHost(string url)
    {
        var i = url.IndexOf("://", StringComparison.Ordinal);
        if (i <= 0) return null;
        var rest = url[(i + 3)..];
        var end = rest.IndexOfAny(new[] { '/', '?', '#' });
        if (end >= 0) rest = rest[..end];
        var at = rest.LastIndexOf('@');
        if (at >= 0) rest = rest[(at + 1)..];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close < 0 ? null : rest[1..close];
        }
        var colon = rest.IndexOf(',');
        if (colon >= 0) rest = rest[..colon];
        var c2 = rest.LastIndexOf(':');
        return c2 >= 0 ? rest[..c2] : rest;
    }

    private void CheckListen(CallExpr call, ApiModel row)
    {
        var hostParam = row.Param("host");
        var role = "host";
        if (hostParam is null)
        {
            hostParam = row.Param("address");
            role = "address";
        }
        var arg = ParamExpr(call, hostParam);
        if (arg is null) return;
        var (cls, value, hostExpr) = Classify(arg, role);
        ReportListen(row, cls, value, arg, hostExpr, role, call);
    }

    private void ReportListen(ApiModel row, HostClass cls, PyValue? value, Expr arg, Expr? hostExpr, string role, Node subjectNode)
    {
        if (cls == HostClass.Unknown) return;
        var verdict = _rt.VerdictFor(row, cls);
        if (verdict is not (Verdict.Ipv4Only or Verdict.FirstAddress)) return;
        var confidence = value is { ViaEnv: true } ? Confidence.Medium : Confidence.High;
        if (verdict == Verdict.FirstAddress) confidence = Confidence.Low;
        switch (cls)
        {
            case HostClass.Ipv4Any or HostClass.None or HostClass.Wildcard:
                Report(RuleCatalog.V6001, arg, Snippet(subjectNode) + (value?.Via?.Via ?? ""), ListenFix(row, cls, value, hostExpr, role), confidence);
                break;
            case HostClass.Ipv4Loopback or HostClass.Localhost:
                if (_m.IsTestFile) return;
                Report(RuleCatalog.V6002, arg, Snippet(subjectNode) + (value?.Via?.Via ?? ""), null, confidence);
                break;
        }
    }

    /// <summary>
    /// The dual-stack host the row itself vouches for: <c>::</c> (<c>[::]:P</c> in an address) when the row says the
    /// IPv6 wildcard is dual-stack for this API, else no host (<c>''</c>) when that is dual-stack.
    /// </summary>
    private Fix? ListenFix(ApiModel row, HostClass cls, PyValue? value, Expr? hostExpr, string role)
    {
        if (cls != HostClass.Ipv4Any || value?.Origin is not { IsFormatted: false } lit || hostExpr is TupleExpr) return null;
        string? replacement = null;
        if (_rt.VerdictFor(row, HostClass.Ipv6Any) == Verdict.DualStack) replacement = role == "address" ? "[::]" : "::";
        else if (role == "host" && _rt.VerdictFor(row, HostClass.None) == Verdict.DualStack) replacement = "";
        if (replacement is null) return null;
        var edit = ReplaceInLiteral(lit, "0.0.0.0", replacement);
        return edit is null ? null : new Fix(replacement.Length == 0 ? "bind every address family (no host)" : $"bind '{replacement}' (dual-stack)", FixSafety.Safe, new[] { edit });
    }

    private static TextEdit? ReplaceInLiteral(StrExpr lit, string find, string replacement)
    {
        if (lit.Parts.Count != 1) return null;
        var part = lit.Parts[0];
        var src = StrValue.SourceOf(lit);
        var body = src.AsSpan(part.BodyStart, part.BodyEnd - part.BodyStart);
        var at = body.IndexOf(find.AsSpan(), StringComparison.Ordinal);
        if (at < 0 || body[(at + find.Length)..].IndexOf(find.AsSpan(), StringComparison.Ordinal) >= 0) return null;
        return new TextEdit(part.BodyStart + at, find.Length, replacement);
    }

    /// <summary>The family a socket-creating expression selects: "ipv4", "ipv6", "dual", "other", or null when unknown.</summary>
    private string? FamilyOf(CallExpr call, ApiModel row)
    {
        var p = row.Param("family");
        if (p?.Values is null) return null;
        var arg = ParamExpr(call, p);
        if (arg is null) return _rt.FamilyOf(p, p.Default);
        var q = _m.QualifiedName(arg);
        var name = q is not null ? q[(q.LastIndexOf('.') + 1)..] : arg is NameExpr n ? n.Id : null;
        if (name is null && arg is NumberExpr num) name = num.Raw == "2" ? "AF_INET" : num.Raw == "10" ? "AF_INET6" : null;
        return _rt.FamilyOf(p, name);
    }

    private void CheckSocket(CallExpr call, ApiModel row)
    {
        if (FamilyOf(call, row) != "ipv4") return;
        var arg = ParamExpr(call, row.Param("family"));
        Report(RuleCatalog.V6007, (Node?)arg ?? call, arg is null ? Snippet(call) + " (AF_INET by default)" : Snippet(call));
    }

    private void CheckSocketBind(CallExpr call, ApiModel row)
    {
        if (call.Func is not AttributeExpr attr) return;
        var sockCall = SocketCreation(attr.Value);
        if (sockCall is null) return;
        var sockRow = MatchRow(sockCall.Value.Call);
        if (sockRow is null || FamilyOf(sockCall.Value.Call, sockRow) != "ipv4") return;
        var arg = call.Positional(0);
        if (arg is null) return;
        var (cls, value, hostExpr) = Classify(arg, "address");
        ReportListen(row, cls, value, arg, hostExpr, "address", call);
    }

    private (CallExpr Call, bool)? SocketCreation(Expr receiver)
    {
        if (receiver is NameExpr n && _m.Assignments(n.Id, n) is { Count: 1 } vals && vals[0] is CallExpr c && _m.QualifiedName(c.Func) == "socket.socket") return (c, true);
        if (receiver is CallExpr c2 && _m.QualifiedName(c2.Func) == "socket.socket") return (c2, true);
        return null;
    }

    private void CheckCreateServer(CallExpr call, ApiModel row)
    {
        var family = FamilyOf(call, row);
        if (family != "ipv4") return;
        if (call.Keyword("dualstack_ipv6") is ConstExpr { Value: "True" }) return;
        var addr = ParamExpr(call, row.Param("address"));
        var (cls, _, hostExpr) = Classify(addr, "address");
        Fix? fix = null;
        if (call.Keyword("family") is null && call.Args.Count > 0 && !call.Args.Any(a => a.Star != 0) && (cls is HostClass.None or HostClass.Ipv4Any))
        {
            var edits = new List<TextEdit>();
            if (cls == HostClass.Ipv4Any && hostExpr is StrExpr { IsFormatted: false, Parts.Count: 1 } hs)
            {
                var e = ReplaceInLiteral(hs, "0.0.0.0", "");
                if (e is null) goto noFix;
                edits.Add(e);
            }
            var sock = _m.QualifiedName(call.Func) is { } q && call.Func is AttributeExpr fa ? _m.Text(fa.Value) : "socket";
            var last = call.Args[^1];
            edits.Add(new TextEdit(last.End, 0, $", family={sock}.AF_INET6, dualstack_ipv6=True"));
            fix = new Fix("create a dual-stack socket (family=AF_INET6, dualstack_ipv6=True)", FixSafety.Safe, edits);
        }
        noFix:
        Report(RuleCatalog.V6007, call, Snippet(call) + " (family AF_INET)", fix);
    }

    private void CheckDial(CallExpr call, ApiModel row)
    {
        var p = row.Param("url") ?? row.Param("host") ?? row.Param("address");
        if (p is null) return;
        var arg = ParamExpr(call, p);
        if (arg is null) return;
        var (cls, value, hostExpr) = Classify(arg, p.Role);
        if (cls != HostClass.Ipv4Literal || value is null) return;
        var host = p.Role == "url" ? UrlHost(value.Text) : RuntimeModels.StripPort(value.Text);
        if (row.Id == "python.socket.socket.connect" && call.Func is AttributeExpr ca && ca.Value is NameExpr sockName && IsPublic(hostExpr is not null ? _e.Eval(hostExpr)?.Text : host) && ReadsLocalName(sockName, call))
        {
            Report(RuleCatalog.V6004, call, Snippet(call));
            return;
        }
        if (_m.IsTestFile || IsDocumentationAddress(host)) return;
        if (value.Origin is not null) _reportedLiterals.Add(value.Origin.Pos);
        Report(RuleCatalog.V6003, arg, Snippet(arg) + (value.Via?.Via ?? ""), null, value.ViaEnv ? Confidence.Medium : Confidence.High);
    }

    private bool ReadsLocalName(NameExpr sock, Node at)
    {
        var scope = FileModel.ScopeOf(at);
        foreach (var n in AstWalker.Descendants(scope))
            if (n is CallExpr { Func: AttributeExpr { Attr: "getsockname", Value: NameExpr r } } && r.Id == sock.Id && n.Pos > at.Pos) return true;
        return false;
    }

    private static bool IsPublic(string? ip)
    {
        if (ip is null || !System.Net.IPAddress.TryParse(ip, out var a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        var b = a.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 127 || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168) || b[0] == 0);
    }

    /// <summary>RFC 5737 documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).</summary>
    private static bool IsDocumentationAddress(string? host) =>
        host is not null && (host.StartsWith("192.0.2.", StringComparison.Ordinal) || host.StartsWith("198.51.100.", StringComparison.Ordinal) || host.StartsWith("203.0.113.", StringComparison.Ordinal));

    private void CheckResolve(CallExpr call, ApiModel row)
    {
        var hostArg = ParamExpr(call, row.Param("host"));
        var fam = row.Param("family");
        if (fam is not null)
        {
            if (FamilyOf(call, row) == "ipv4") Report(RuleCatalog.V6009, call, Snippet(call) + " (AF_INET)");
            return;
        }
        var (cls, _, _) = hostArg is null ? (HostClass.Unknown, null, null) : Classify(hostArg, "host");
        if (_rt.VerdictFor(row, cls) == Verdict.Ipv4Only) Report(RuleCatalog.V6009, call, Snippet(call));
    }

    private void CheckParse(CallExpr call, ApiModel row)
    {
        if (HandlesIpv6(call)) return;
        Report(RuleCatalog.V6008, call, Snippet(call));
    }

    /// <summary>True when the function (or module) around <paramref name="at"/> also handles IPv6 (IPv6Address, ip_address, AF_INET6, inet_pton).</summary>
    private bool HandlesIpv6(Node at)
    {
        var scope = FileModel.ScopeOf(at);
        // a helper that says it is about IPv4 (is_ipv4_address, to_netmask, dotted_netmask) is IPv4 on purpose
        if (scope is FunctionDefStmt fd && (fd.Name.Contains("ipv4", StringComparison.OrdinalIgnoreCase) || fd.Name.Contains("v4", StringComparison.Ordinal) || fd.Name.Contains("netmask", StringComparison.OrdinalIgnoreCase))) return true;
        foreach (var n in OwnNodes(scope))
        {
            var name = n switch { NameExpr ne => ne.Id, AttributeExpr ae => ae.Attr, _ => null };
            if (name is "IPv6Address" or "IPv6Network" or "IPv6Interface" or "ip_address" or "ip_network" or "ip_interface" or "AF_INET6" or "inet_pton" or "inet_ntop") return true;
        }
        return false;
    }

    /// <summary>The nodes of a scope, not those of the functions and classes nested in it.</summary>
    private static IEnumerable<Node> OwnNodes(Node scope)
    {
        var stack = new Stack<Node>();
        var buf = new List<Node>();
        scope.AddChildren(buf);
        foreach (var c in buf) stack.Push(c);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is FunctionDefStmt or ClassDefStmt) continue;
            yield return n;
            buf.Clear();
            n.AddChildren(buf);
            foreach (var c in buf) stack.Push(c);
        }
    }

    private void CheckFirstAddress(SubscriptExpr sub)
    {
        if (sub.Index is not NumberExpr { Raw: "0" } || sub.Value is not CallExpr call) return;
        var q = _m.QualifiedName(call.Func);
        if (q is not ("socket.getaddrinfo" or "socket.gethostbyname_ex")) return;
        if (q == "socket.getaddrinfo" && MatchRow(call) is { } row && FamilyOf(call, row) == "ipv4") return; // already V6009
        Report(RuleCatalog.V6009, sub, Snippet(sub) + " (first address only)", null, Confidence.Medium);
    }

    [GeneratedRegex(@"(\\d|\[0-9\])(\{1,3\}|\+)?\\\.", RegexOptions.CultureInvariant)]
    private static partial Regex OctetDot();

    private void CheckRegex(CallExpr call)
    {
        var pat = call.Positional(0);
        if (pat is null || _e.Eval(pat) is not { HasHoles: false } v) return;
        if (!IsDottedQuadRegex(v.Text) || HandlesIpv6(call)) return;
        Report(RuleCatalog.V6008, pat, "dotted-quad regular expression " + Snippet(pat));
    }

    public static bool IsDottedQuadRegex(string p)
    {
        var dots = OctetDot().Matches(p).Count;
        return dots >= 3 && (p.Contains("{1,3}", StringComparison.Ordinal) || p.Contains("25[0-5]", StringComparison.Ordinal)) || (dots >= 1 && p.Contains("){3}", StringComparison.Ordinal) && p.Contains("{1,3}", StringComparison.Ordinal));
    }

    // ---------- module-level configuration and assignments ----------

    [GeneratedRegex(@"(?i)(url|uri|host|addr|address|endpoint|server|broker|target|dsn)s?$")]
    private static partial Regex TargetName();

    private void CheckAssignment(AssignStmt a)
    {
        if (a.Targets.Count != 1) return;
        var name = a.Targets[0] switch { NameExpr n => n.Id, AttributeExpr at => at.Attr, _ => null };
        if (name is null) return;
        // gunicorn config modules: bind = "0.0.0.0:8000" / ["0.0.0.0:8000"]
        if (a.Parent is PyModule && System.IO.Path.GetFileName(_m.Path).Contains("gunicorn", StringComparison.OrdinalIgnoreCase))
        {
            var row = _rt.Apis.FirstOrDefault(r => r.Module == "gunicorn.config" && r.Name == name);
            if (row is not null)
            {
                var values = a.Value is ListExpr l ? l.Elts : a.Value is TupleExpr t ? t.Elts : new List<Expr> { a.Value };
                foreach (var v in values)
                {
                    var (cls, value, hostExpr) = Classify(v, "address");
                    ReportListen(row, cls, value, v, hostExpr, "address", a);
                }
                return;
            }
        }
        // hypercorn: config.bind = ["0.0.0.0:8000"]
        if (a.Targets[0] is AttributeExpr { Attr: "bind" } hb && ReceiverType(hb.Value, 0) is "hypercorn.config.Config" or "hypercorn.Config")
        {
            var row = _rt.Apis.First(r => r.Id == "python.hypercorn.config.Config.bind");
            var values = a.Value is ListExpr l ? l.Elts : new List<Expr> { a.Value };
            foreach (var v in values)
            {
                var (cls, value, hostExpr) = Classify(v, "address");
                ReportListen(row, cls, value, v, hostExpr, "address", a);
            }
            return;
        }
        if (_m.IsTestFile || !TargetName().IsMatch(name) || a.Value is not StrExpr lit || lit.IsFormatted || _reportedLiterals.Contains(lit.Pos)) return;
        var text = StrValue.Of(lit);
        if (text is null) return;
        var host = UrlHost(text) ?? (text.Contains('/') ? null : RuntimeModels.StripPort(text));
        if (host is null || RuntimeModels.Classify(host, mayHavePort: false) != HostClass.Ipv4Literal || IsDocumentationAddress(host)) return;
        Report(RuleCatalog.V6003, lit, Snippet(lit));
    }

    // ---------- V6005: host and port joined without brackets ----------

    [GeneratedRegex(@"(?i)(^|_)(host|hostname|addr|address|ip|server|bind|listen|endpoint|target|ip_?addr|remote|peer)s?$")]
    private static partial Regex HostName();

    private string? TerminalName(Expr e) => e switch
    {
        NameExpr n => n.Id,
        AttributeExpr a => a.Attr,
        SubscriptExpr { Index: StrExpr s } => StrValue.Of(s),
        CallExpr { Func: NameExpr { Id: "str" }, Args.Count: 1 } c => TerminalName(c.Args[0].Value),
        _ => null,
    };

    private bool IsHostLike(Expr e)
    {
        var name = TerminalName(e);
        if (name is null || name.Contains("port", StringComparison.OrdinalIgnoreCase) || !HostName().IsMatch(name)) return false;
        // a host known to be a name or an IPv4 literal never needs brackets
        if (_e.Eval(e) is { HasHoles: false } v && RuntimeModels.Classify(v.Text, mayHavePort: false) is HostClass.HostName or HostClass.Localhost or HostClass.Ipv4Literal or HostClass.Ipv4Loopback or HostClass.Ipv4Any) return false;
        return !ChecksForColon(e);
    }

    private bool IsPortLike(Expr? e)
    {
        if (e is null) return false;
        if (e is NumberExpr) return true;
        if (e is CallExpr { Func: NameExpr { Id: "str" or "int" }, Args.Count: 1 } c) return IsPortLike(c.Args[0].Value);
        var name = TerminalName(e);
        return name is not null && name.Contains("port", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Code that already brackets IPv6 hosts tests <c>':' in host</c> in the same function.</summary>
    private bool ChecksForColon(Expr host)
    {
        var text = _m.Text(host);
        var scope = FileModel.ScopeOf(host);
        foreach (var n in AstWalker.Descendants(scope))
        {
            if (n is CompareExpr { Ops.Count: 1 } c && c.Ops[0] is "in" or "not in" && c.Left is StrExpr s && StrValue.Of(s) == ":" && _m.Text(c.Comparators[0]) == text) return true;
            if (n is CallExpr { Func: AttributeExpr { Attr: "count" or "find" or "index" } fa } cc && _m.Text(fa.Value) == text && cc.Positional(0) is StrExpr s2 && StrValue.Of(s2) == ":") return true;
        }
        return false;
    }

    private static string Bracketed(string h, char quote) => $"f{quote}[{{{h}}}]{quote} if {quote}:{quote} in {h} else {h}";

    /// <summary>Text with spaces around the join is a message ("connecting to %s:%d failed"), not an address.</summary>
    private static bool IsMessage(string literalText) => literalText.Contains(' ');

    private void CheckFStringJoin(StrExpr s)
    {
        foreach (var part in s.Parts)
            foreach (var piece in part.Pieces)
                if (piece is FLiteral l && IsMessage(_src.Substring(l.Pos, l.End - l.Pos))) return;
        foreach (var part in s.Parts)
            if (!part.IsFormatted && IsMessage(StrValue.Decode(part))) return;
        foreach (var part in s.Parts)
        {
            if (!part.IsFormatted) continue;
            for (var i = 0; i + 1 < part.Pieces.Count; i++)
            {
                if (part.Pieces[i] is not FField { Spec: null, Debug: false } f || part.Pieces[i + 1] is not FLiteral lit) continue;
                var litText = _src.Substring(lit.Pos, lit.End - lit.Pos);
                if (!litText.StartsWith(':')) continue;
                var portOk = litText.Length > 1 ? char.IsAsciiDigit(litText[1]) : i + 2 < part.Pieces.Count && part.Pieces[i + 2] is FField pf && IsPortLike(pf.Value);
                if (!portOk) continue;
                if (i > 0 && part.Pieces[i - 1] is FLiteral prev && _src[prev.End - 1] == '[') continue;
                if (!IsHostLike(f.Value)) continue;
                var quote = _src[part.BodyStart - 1] == '"' ? '\'' : '"';
                var h = _m.Text(f.Value);
                var fix = new Fix("bracket an IPv6 host", FixSafety.Safe, new[] { new TextEdit(f.Value.Pos, f.Value.Length, Bracketed(h, quote)) });
                Report(RuleCatalog.V6005, s, Snippet(s), fix);
                return;
            }
        }
    }

    private void CheckConcatJoin(BinOpExpr add)
    {
        var items = new List<Expr>();
        Flatten(add, items);
        for (var i = 0; i + 1 < items.Count; i++)
        {
            if (items[i + 1] is not StrExpr sep || sep.IsFormatted || StrValue.Of(sep) is not { } st || !st.StartsWith(':') || IsMessage(st)) continue;
            if (i > 0 && items[i - 1] is StrExpr before && StrValue.Of(before) is { } bt && IsMessage(bt)) continue;
            var portOk = st.Length > 1 ? char.IsAsciiDigit(st[1]) : i + 2 < items.Count && IsPortLike(items[i + 2]);
            if (!portOk || !IsHostLike(items[i])) continue;
            if (i > 0 && items[i - 1] is StrExpr prev && StrValue.Of(prev) is { } pv && pv.EndsWith('[')) continue;
            var h = _m.Text(items[i]);
            var fix = new Fix("bracket an IPv6 host", FixSafety.Safe, new[] { new TextEdit(items[i].Pos, items[i].Length, "(" + Bracketed(h, '"') + ")") });
            Report(RuleCatalog.V6005, add, Snippet(add), fix);
            return;
        }
    }

    private static void Flatten(Expr e, List<Expr> items)
    {
        if (e is BinOpExpr { Op: "+" } b)
        {
            Flatten(b.Left, items);
            Flatten(b.Right, items);
        }
        else items.Add(e);
    }

    private void CheckPercentJoin(BinOpExpr pct)
    {
        if (pct.Left is not StrExpr fmt || StrValue.Of(fmt) is not { } f || IsMessage(f)) return;
        var args = pct.Right is TupleExpr t ? t.Elts : new List<Expr> { pct.Right };
        var k = 0;
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] != '%') continue;
            if (i + 1 < f.Length && f[i + 1] == '%') { i++; continue; }
            var j = i + 1;
            while (j < f.Length && !char.IsAsciiLetter(f[j])) j++;
            if (j >= f.Length) return;
            var idx = k++;
            if (j + 1 < f.Length && f[j + 1] == ':' && (i == 0 || f[i - 1] != '[') && idx < args.Count && (j + 2 < f.Length && (f[j + 2] == '%' || char.IsAsciiDigit(f[j + 2]))) && IsHostLike(args[idx]) && (f[j + 2] != '%' || IsPortLike(idx + 1 < args.Count ? args[idx + 1] : null)))
            {
                var h = _m.Text(args[idx]);
                var fix = pct.Right is TupleExpr ? new Fix("bracket an IPv6 host", FixSafety.Safe, new[] { new TextEdit(args[idx].Pos, args[idx].Length, "(" + Bracketed(h, '"') + ")") }) : null;
                Report(RuleCatalog.V6005, pct, Snippet(pct), fix);
                return;
            }
            i = j;
        }
    }

    private void CheckFormatJoin(CallExpr call, AttributeExpr attr)
    {
        if (attr.Value is not StrExpr fmt || StrValue.Of(fmt) is not { } f || IsMessage(f)) return;
        var auto = 0;
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] != '{') continue;
            if (i + 1 < f.Length && f[i + 1] == '{') { i++; continue; }
            var close = f.IndexOf('}', i);
            if (close < 0) return;
            var key = f[(i + 1)..close];
            Expr? arg = key.Length == 0 ? call.Positional(auto++) : int.TryParse(key, out var n) ? call.Positional(n) : call.Keyword(key);
            if (close + 1 < f.Length && f[close + 1] == ':' && (i == 0 || f[i - 1] != '[') && arg is not null && close + 2 < f.Length && (char.IsAsciiDigit(f[close + 2]) || (f[close + 2] == '{' && IsPortLike(NextFormatArg(call, f, close + 2, auto)))) && IsHostLike(arg))
            {
                var h = _m.Text(arg);
                Report(RuleCatalog.V6005, call, Snippet(call), new Fix("bracket an IPv6 host", FixSafety.Safe, new[] { new TextEdit(arg.Pos, arg.Length, "(" + Bracketed(h, '"') + ")") }));
                return;
            }
            i = close;
        }
    }

    private static Expr? NextFormatArg(CallExpr call, string f, int open, int auto)
    {
        var close = f.IndexOf('}', open);
        if (close < 0) return null;
        var key = f[(open + 1)..close];
        return key.Length == 0 ? call.Positional(auto) : int.TryParse(key, out var n) ? call.Positional(n) : call.Keyword(key);
    }

    private void CheckJoinCall(CallExpr call, AttributeExpr attr)
    {
        if (attr.Value is not StrExpr sep || StrValue.Of(sep) != ":" || call.Positional(0) is not { } seq || seq is not (ListExpr or TupleExpr)) return;
        var elts = seq is ListExpr l ? l.Elts : ((TupleExpr)seq).Elts;
        if (elts.Count != 2 || !IsHostLike(elts[0]) || !IsPortLike(elts[1])) return;
        var h = _m.Text(elts[0]);
        Report(RuleCatalog.V6005, call, Snippet(call), new Fix("bracket an IPv6 host", FixSafety.Safe, new[] { new TextEdit(elts[0].Pos, elts[0].Length, "(" + Bracketed(h, '"') + ")") }));
    }

    // ---------- V6006: splitting host:port on ':' ----------

    [GeneratedRegex(@"(?i)(^|_)(addr|address|endpoint|host|hostport|host_port|netloc|target|server|peer|bind|listen|authority|broker|location|hostname)s?$")]
    private static partial Regex AddressName();

    private void CheckSplit(CallExpr call, AttributeExpr attr)
    {
        if (call.Positional(0) is not StrExpr sepLit || StrValue.Of(sepLit) != ":") return;
        var name = TerminalName(attr.Value);
        if (name is null || !AddressName().IsMatch(name)) return;
        var rsplitOne = attr.Attr == "rsplit" && call.Positional(1) is NumberExpr { Raw: "1" } || attr.Attr == "rpartition";
        var x = _m.Text(attr.Value);
        // h, p = x.split(':')  →  h, p = x.rsplit(":", 1) + h = h.strip("[]")
        if (call.Parent is AssignStmt { Targets.Count: 1 } asg && asg.Targets[0] is TupleExpr { Elts: [NameExpr h, ..] } tup && (tup.Elts.Count == 2 || (tup.Elts.Count == 3 && attr.Attr is "partition" or "rpartition")))
        {
            if (rsplitOne && NextStatementStrips(asg, h.Id)) return;
            var edits = new List<TextEdit>();
            if (!rsplitOne) edits.Add(new TextEdit(call.Pos, call.Length, attr.Attr is "partition" ? $"{x}.rpartition(\":\")" : $"{x}.rsplit(\":\", 1)"));
            var indent = LineIndent(asg.Pos);
            edits.Add(new TextEdit(asg.End, 0, $"\n{indent}{h.Id} = {h.Id}.strip(\"[]\")"));
            var ok = attr.Attr is "partition" or "rpartition" || call.Positional(1) is null || rsplitOne;
            Report(RuleCatalog.V6006, call, Snippet(call), ok && asg.Parent is not null && OwnLine(asg) ? new Fix("split on the last ':' and strip brackets", FixSafety.Safe, edits) : null);
            return;
        }
        if (call.Parent is SubscriptExpr { Index: NumberExpr idx } sub && sub.Value == call)
        {
            if (rsplitOne && idx.Raw is "1" or "-1") return;
            if (rsplitOne && sub.Parent is AttributeExpr { Attr: "strip" }) return;
            Fix? fix = idx.Raw switch
            {
                "0" => new Fix("split on the last ':' and strip brackets", FixSafety.Safe, new[] { new TextEdit(sub.Pos, sub.Length, $"{x}.rsplit(\":\", 1)[0].strip(\"[]\")") }),
                "1" or "-1" when attr.Attr == "split" && call.Positional(1) is null => new Fix("take the port after the last ':'", FixSafety.Safe, new[] { new TextEdit(sub.Pos, sub.Length, $"{x}.rsplit(\":\", 1)[-1]") }),
                _ => null,
            };
            Report(RuleCatalog.V6006, call, Snippet(call), fix);
            return;
        }
        if (rsplitOne) return; // the port part, or handled by the caller
        Report(RuleCatalog.V6006, call, Snippet(call));
    }

    private bool NextStatementStrips(Stmt s, string name)
    {
        var body = s.Parent switch
        {
            PyModule m => m.Body,
            FunctionDefStmt f => f.Body,
            IfStmt i => i.Body.Contains(s) ? i.Body : i.OrElse,
            ForStmt fo => fo.Body.Contains(s) ? fo.Body : fo.OrElse,
            WhileStmt w => w.Body.Contains(s) ? w.Body : w.OrElse,
            WithStmt wi => wi.Body,
            TryStmt ts => ts.Body.Contains(s) ? ts.Body : ts.OrElse.Contains(s) ? ts.OrElse : ts.FinalBody,
            ExceptHandler eh => eh.Body,
            ClassDefStmt c => c.Body,
            _ => null,
        };
        if (body is null) return false;
        var i2 = body.IndexOf(s);
        if (i2 < 0 || i2 + 1 >= body.Count) return false;
        return body[i2 + 1] is AssignStmt { Targets: [NameExpr tn], Value: CallExpr { Func: AttributeExpr { Attr: "strip" or "lstrip" or "rstrip", Value: NameExpr v } } } && tn.Id == name && v.Id == name;
    }

    private string LineIndent(int pos)
    {
        var ls = pos;
        while (ls > 0 && _src[ls - 1] is not ('\n' or '\r')) ls--;
        var e = ls;
        while (e < _src.Length && _src[e] is ' ' or '\t') e++;
        return _src[ls..e];
    }

    private bool OwnLine(Stmt s)
    {
        var ls = s.Pos;
        while (ls > 0 && _src[ls - 1] is ' ' or '\t') ls--;
        if (ls > 0 && _src[ls - 1] is not ('\n' or '\r')) return false;
        var e = s.End;
        while (e < _src.Length && _src[e] is ' ' or '\t') e++;
        return e >= _src.Length || _src[e] is '\n' or '\r' or '#';
    }
}

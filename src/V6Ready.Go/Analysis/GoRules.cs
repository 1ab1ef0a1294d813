using System.Text.RegularExpressions;
using V6Ready.Core;
using V6Ready.Core.Models;
using V6Ready.Go.Syntax;
using V6Ready.Rules;

namespace V6Ready.Go.Analysis;

/// <summary>One finding before it is turned into a <see cref="Finding"/>: the flagged span, the construct named in the message, an optional fix.</summary>
public sealed record GoFinding(RuleDescriptor Rule, int Start, int Length, string Subject, Fix? Fix = null, Confidence Confidence = Confidence.High);

/// <summary>
/// The V6001–V6009 detectors for Go, over the syntax tree with import-aware names and constant evaluation.
/// Go's "tcp"/"udp" listeners on 0.0.0.0 or ":P" are dual-stack (RUNTIME-FACTS.md), so V6001 never fires for them.
/// </summary>
public sealed class GoRules
{
    private const string Net = "net";

    /// <summary>The Go runtime model (rules/models/go.json): which calls listen, dial, resolve or make sockets, and where their address and network go.</summary>
    private static readonly RuntimeModel s_go = RuntimeModels.Get("go");

    private readonly FileModel _m;
    private readonly Evaluator _e;
    private readonly string _src;
    private readonly List<GoFinding> _out = new();
    private readonly HashSet<(string, int)> _seen = new();
    private readonly HashSet<Node> _v6004Calls = new();
    // Whole-file facts asked once per finding; computed on first use (a 100 KB file with hundreds of Sprintf findings
    // walked the whole tree per finding: quadratic, 80% of its analysis time — see bench/README.md "Language server").
    private Dictionary<string, int>? _selectorsByPackage;
    private Dictionary<FuncDecl, List<CallExpr>>? _callsOf; // the file's calls of each local function, in file order
    private Dictionary<(string Name, bool Method), FuncDecl>? _funcs;

    public GoRules(FileModel model)
    {
        _m = model;
        _e = new Evaluator(model);
        _src = model.File.Source;
    }

    public List<GoFinding> Run(CancellationToken ct = default)
    {
        var i = 0;
        foreach (var n in AstWalker.Descendants(_m.File))
        {
            if ((++i & 1023) == 0) ct.ThrowIfCancellationRequested();
            switch (n)
            {
                case CallExpr call:
                    AnalyzeCall(call);
                    break;
                case BinaryExpr { Op: TokenKind.Add } add when add.Parent is not BinaryExpr { Op: TokenKind.Add } && FileModel.Unparen(add) == add:
                    CheckConcat(add);
                    break;
                case BinaryExpr { Op: TokenKind.Eql or TokenKind.Neq } cmp:
                    CheckLenCompare(cmp);
                    break;
                case CompositeLit lit:
                    CheckCompositeLit(lit);
                    break;
                case IndexExpr ix:
                    CheckFirstAddress(ix);
                    break;
                case RangeStmt rs:
                    CheckRangeFilter(rs);
                    break;
            }
        }
        _out.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Rule.Id, b.Rule.Id));
        return _out;
    }

    private void Report(RuleDescriptor rule, Node node, string subject, Fix? fix = null, Confidence confidence = Confidence.High)
    {
        if (!_seen.Add((rule.Id, node.Pos))) return;
        _out.Add(new GoFinding(rule, node.Pos, node.End - node.Pos, subject, fix, confidence));
    }

    private string Text(Node n) => _src.Substring(n.Pos, n.End - n.Pos);

    private string Snippet(Node n)
    {
        var t = Text(n).Replace("\r", "").Replace("\n", " ").Replace("\t", " ");
        while (t.Contains("  ")) t = t.Replace("  ", " ");
        return "'" + (t.Length > 80 ? t.Substring(0, 77) + "..." : t) + "'";
    }

    // ---------- calls ----------

    private void AnalyzeCall(CallExpr call)
    {
        var a = call.Args;
        var member = _m.ResolvePackageMember(call.Fun);
        if (member is { } m)
        {
            if (s_go.Function(m.Path, m.Name) is { } row && ApplyRow(call, row, null)) return;
            switch (m.Path, m.Name)
            {
                case ("fmt", "Sprintf") when a.Count >= 3:
                    CheckSprintf(call);
                    break;
                case ("strings", "Split" or "SplitN" or "SplitAfter" or "SplitAfterN" or "Index" or "Cut" or "IndexByte" or "IndexRune") when a.Count >= 2:
                    CheckSplit(call, m.Name);
                    break;
                case ("regexp", "MustCompile" or "Compile" or "MatchString" or "MustCompilePOSIX" or "CompilePOSIX") when a.Count >= 1:
                    CheckRegexp(a[0]);
                    break;
            }
            return;
        }

        if (FileModel.Unparen(call.Fun) is not SelectorExpr sel) return;
        // a method of an object a modelled library made (fiber.New(), gin.Default(), &fasthttp.Server{…})
        if (ReceiverOf(sel.X) is { } recv && s_go.Method(recv.Module, recv.Type, sel.Sel.Name) is { } method)
        {
            ApplyRow(call, method, recv.Made);
            return;
        }
        // a method of a net type on a receiver whose type is not known (a Dialer, ListenConfig or Resolver field):
        // the net rows whose network/family argument sits where this call has a network value
        if (UntypedNetMethod(call, sel.Sel.Name) is { } netRow)
        {
            ApplyRow(call, netRow, null);
            return;
        }
        switch (sel.Sel.Name)
        {
            case "To4" when a.Count == 0:
                CheckTo4(call);
                break;
        }
    }

    // ---------- model rows ----------

    /// <summary>
    /// Checks a call against its model row: the explicit network (V6007), a network the API picks itself when none is
    /// given (fasthttp, fiber: "tcp4", V6007), the address of a listener (V6002) or of a dial (V6003/V6004), the family
    /// of a resolver (V6009) or socket (V6007). <paramref name="made"/> is the call that made the receiver (fiber.New(cfg)),
    /// whose options may set the network. False when the call lacks an argument the row needs.
    /// </summary>
    private bool ApplyRow(CallExpr call, ApiModel row, CallExpr? made)
    {
        var needed = -1;
        foreach (var p in row.Params)
            if (p.Arg is int i && p.Default is null && p.Option is null && i > needed) needed = i;
        if (call.Args.Count <= needed) return false;

        var netParam = row.Param("network");
        var netExpr = netParam is null ? null : ParamExpr(call, netParam);
        if (netExpr is null && netParam is not null && made is not null && s_go.Function(MadeBy(made)?.Path ?? "", MadeBy(made)?.Name ?? "") is { } maker
            && maker.Param("network") is { } makerNet)
            netExpr = ParamExpr(made, makerNet);
        var implied = netExpr is null && netParam?.Default is not null;
        var net = netExpr is not null ? _e.String(netExpr) : netParam?.Default ?? "tcp";
        var addrParam = row.Param("address") ?? row.Param("url");
        var addr = addrParam is null ? null : ParamExpr(call, addrParam);

        switch (row.Kind)
        {
            case ApiKind.Listen:
                if (netExpr is not null) CheckNetwork(netExpr);
                else if (implied && !_m.IsTestFile && s_go.FamilyOf(netParam, net) == "ipv4")
                    Report(RuleCatalog.V6007, call, Snippet(call) + " (listens on network \"" + net + "\")");
                if (addr is not null) CheckListen(row, net, addr);
                break;
            case ApiKind.Dial:
                if (netExpr is not null) CheckNetwork(netExpr);
                if (addr is not null) CheckDial(call, net, addr);
                break;
            case ApiKind.Resolve:
                if (row.Param("family") is { } fp && ParamExpr(call, fp) is { } fe)
                {
                    if (s_go.FamilyOf(fp, _e.String(fe)) == "ipv4") Report(RuleCatalog.V6009, fe, Snippet(call));
                }
                else if (netExpr is not null) CheckNetwork(netExpr);
                break;
            case ApiKind.Socket:
                if (row.Param("family") is { } sp && ParamExpr(call, sp) is { } se && _m.ResolvePackageMember(se) is (_, var constant)
                    && s_go.FamilyOf(sp, constant) == "ipv4")
                    Report(RuleCatalog.V6007, se, Snippet(se));
                break;
        }
        return true;
    }

    /// <summary>
    /// The expression a call passes for a row's parameter: the argument at its position, or (when the row names an
    /// option) that field of a struct literal passed there or anywhere in the call; null when absent.
    /// </summary>
    private static Expr? ParamExpr(CallExpr call, ParamModel p)
    {
        if (p.Arg is int i && i < call.Args.Count)
        {
            var e = call.Args[i];
            if (p.Option is null) return e;
            return FieldOf(e, p.Option);
        }
        if (p.Option is null) return null;
        foreach (var e in call.Args)
            if (FieldOf(e, p.Option) is { } f) return f;
        return null;
    }

    private static Expr? FieldOf(Expr e, string field)
    {
        e = FileModel.Unparen(e);
        if (e is UnaryExpr { Op: TokenKind.And } u) e = FileModel.Unparen(u.X);
        if (e is not CompositeLit lit) return null;
        foreach (var el in lit.Elts)
            if (el is KeyValueExpr { Key: Ident k } kv && k.Name == field) return kv.Value;
        return null;
    }

    private (string Path, string Name)? MadeBy(CallExpr made) => _m.ResolvePackageMember(made.Fun);

    /// <summary>
    /// The modelled type of a receiver: a variable (or expression) holding what a <c>create</c> row's call or struct
    /// literal made (<c>app := fiber.New()</c>, <c>s := &amp;fasthttp.Server{…}</c>, <c>var s fasthttp.Server</c>), with the making call.
    /// </summary>
    private (string Module, string Type, CallExpr? Made)? ReceiverOf(Expr x, int depth = 0)
    {
        if (depth > 3) return null;
        x = FileModel.Unparen(x);
        if (x is Ident id)
        {
            var defs = _m.DefsOf(id.Name, id);
            if (defs.Count != 1) return null;
            var d = defs[0];
            if (d is { Kind: DefKind.Value, ValueCount: 1, Value: { } v }) return ReceiverOf(v, depth + 1);
            if (d.Kind is DefKind.Declared or DefKind.Param && d.Type is { } t)
            {
                if (t is StarExpr star) t = star.X;
                if (_m.ResolvePackageMember(t) is (var tp, var tn) && s_go.Function(tp, tn) is { Returns: { } r }) return (tp, r, null);
            }
            return null;
        }
        if (x is UnaryExpr { Op: TokenKind.And } u) x = FileModel.Unparen(u.X);
        if (x is CompositeLit { Type: { } lt } && _m.ResolvePackageMember(lt) is (var lp, var ln) && s_go.Function(lp, ln) is { Returns: { } lr })
            return (lp, lr, null);
        if (x is CallExpr c && _m.ResolvePackageMember(c.Fun) is (var cp, var cn) && s_go.Function(cp, cn) is { Kind: ApiKind.Create, Returns: { } cr })
            return (cp, cr, c);
        return null;
    }

    /// <summary>
    /// A method of a net type (Dialer, ListenConfig, Resolver) called on a receiver whose type is not known: the net row
    /// of that name whose arguments match the call's count and whose network argument is a network value.
    /// </summary>
    private ApiModel? UntypedNetMethod(CallExpr call, string name, bool checkNetwork = true)
    {
        foreach (var row in s_go.Methods(name))
        {
            if (row.Module != Net) continue;
            var max = -1;
            foreach (var p in row.Params) if (p.Arg is int i && i > max) max = i;
            if (call.Args.Count != max + 1) continue;
            var np = row.Param("network") ?? row.Param("family");
            if (np?.Arg is not int ni) continue;
            if (checkNetwork && np.Role == "network" && !IsNetworkValue(call.Args[ni])) continue;
            return row;
        }
        return null;
    }

    private bool IsNetworkValue(Expr e) => _e.String(e) is "tcp" or "tcp4" or "tcp6" or "udp" or "udp4" or "udp6" or "ip" or "ip4" or "ip6";

    // ---------- V6007 ----------

    private void CheckNetwork(Expr arg)
    {
        _e.ResetVia();
        var v = _e.String(arg);
        if (v is null) return;
        var via = _e.Via?.Via ?? "";
        if (v is "tcp4" or "udp4" or "ip4" || v.StartsWith("ip4:", StringComparison.Ordinal))
        {
            Fix? fix = null;
            if (arg is BasicLit && v is "tcp4" or "udp4")
            {
                var generic = v.Substring(0, 3);
                fix = new Fix($"Use \"{generic}\" (both families)", FixSafety.Safe, new[] { new TextEdit(arg.Pos, arg.End - arg.Pos, "\"" + generic + "\"") });
            }
            Report(RuleCatalog.V6007, arg, "network \"" + v + "\"" + via, fix);
        }
    }

    // ---------- V6002 ----------

    private void CheckListen(ApiModel row, string? net, Expr addr)
    {
        if (_m.IsTestFile) return;
        if (net is not null && !(net is "tcp" or "tcp4" or "udp" or "udp4" or "ip" or "ip4") && !net.StartsWith("ip", StringComparison.Ordinal)) return;
        _e.ResetVia();
        var host = HostOf(addr, 0);
        if (host is null) return;
        var via = _e.Via?.Via ?? "";
        var cls = RuntimeModels.Classify(host, mayHavePort: false);
        var verdict = s_go.VerdictFor(row, cls);
        if (verdict is not (Verdict.Ipv4Only or Verdict.FirstAddress)) return;
        var confidence = IsLiteral(addr) ? Confidence.High : Confidence.Medium;
        if (verdict == Verdict.FirstAddress) confidence = Confidence.Low;
        if (cls is HostClass.Ipv4Loopback or HostClass.Localhost)
            Report(RuleCatalog.V6002, addr, Snippet(addr) + via, confidence: confidence);
        else if (cls is HostClass.Ipv4Any or HostClass.None && verdict == Verdict.Ipv4Only)
            Report(RuleCatalog.V6001, addr, Snippet(addr) + via, confidence: confidence);
    }

    private static bool IsLiteral(Expr e) => e is BasicLit;

    /// <summary>A literal, or a name declared only by const declarations (so its value cannot come from the environment).</summary>
    private bool IsConstant(Expr e)
    {
        e = FileModel.Unparen(e);
        if (e is BasicLit) return true;
        if (e is not Ident id) return false;
        var defs = _m.DefsOf(id.Name, id);
        return defs.Count > 0 && defs.All(d => d.Node is ValueSpec { Parent: GenDecl { Tok: TokenKind.Const } });
    }

    // ---------- V6003 / V6004 ----------

    private void CheckDial(CallExpr call, string? net, Expr addr)
    {
        _e.ResetVia();
        if (net is not null && (net.StartsWith("unix", StringComparison.Ordinal) || net.EndsWith('6'))) return;
        var host = HostOf(addr, 0);
        if (host is null || !AddressText.IsIPv4(host) || AddressText.IsIPv4Wildcard(host) || AddressText.IsIPv4Loopback(host)) return;
        if (host == "255.255.255.255" || AddressText.IsNetmask(host)) return;
        if (net is not null && net.StartsWith("udp", StringComparison.Ordinal) && !AddressText.IsIPv4NonPublic(host) && LocalAddrUsed(call))
        {
            _v6004Calls.Add(call);
            Report(RuleCatalog.V6004, call, Snippet(call));
            return;
        }
        if (_m.IsTestFile) return;
        Report(RuleCatalog.V6003, addr, "'" + host + "'" + (_e.Via?.Via ?? ""), confidence: IsLiteral(addr) ? Confidence.High : Confidence.Medium);
    }

    /// <summary>True when the connection returned by <paramref name="call"/> has its LocalAddr() read in the same function.</summary>
    private bool LocalAddrUsed(CallExpr call)
    {
        Node? parent = call.Parent;
        if (parent is AssignStmt a && a.Rhs.Count == 1 && a.Rhs[0] == call && a.Lhs.Count >= 1 && a.Lhs[0] is Ident conn)
            return _m.UsesOf(conn.Name, call).Any(u => u.Parent is SelectorExpr { Sel.Name: "LocalAddr" } s && s.X == u);
        if (parent is ValueSpec vs && vs.Values.Count == 1 && vs.Names.Count >= 1)
            return _m.UsesOf(vs.Names[0].Name, call).Any(u => u.Parent is SelectorExpr { Sel.Name: "LocalAddr" } s && s.X == u);
        return false;
    }

    /// <summary>The host an address expression designates: a "host:port" string, a URL, or a *net.TCPAddr/UDPAddr literal.</summary>
    private string? HostOf(Expr addr, int depth)
    {
        if (depth > 3) return null;
        addr = FileModel.Unparen(addr);
        var s = _e.String(addr);
        if (s is not null) return AddressText.KnownHost(s);
        if (addr is UnaryExpr { Op: TokenKind.And } u) addr = FileModel.Unparen(u.X);
        if (addr is CompositeLit lit && FileModel.TypeName(lit.Type) is { } tn && tn.EndsWith("Addr", StringComparison.Ordinal))
        {
            foreach (var el in lit.Elts)
                if (el is KeyValueExpr { Key: Ident { Name: "IP" } } kv) return IpOf(kv.Value, 0);
            return null;
        }
        if (addr is Ident id)
        {
            var defs = _m.DefsOf(id.Name, id);
            if (defs.Count == 1 && defs[0].Kind == DefKind.Value && defs[0].ValueCount == 1 && defs[0].Value is { } v) return HostOf(v, depth + 1);
            // raddr, err := net.ResolveUDPAddr("udp", "8.8.8.8:80")
            if (defs.Count == 1 && defs[0] is { Kind: DefKind.Value, ValueCount: 2, Index: 0, Value: CallExpr rc } && rc.Args.Count == 2
                && _m.ResolvePackageMember(rc.Fun) is (Net, "ResolveUDPAddr" or "ResolveTCPAddr" or "ResolveIPAddr"))
                return HostOf(rc.Args[1], depth + 1);
        }
        return null;
    }

    /// <summary>The textual IP of a net.IP expression (net.ParseIP("…"), net.IPv4(a,b,c,d), net.IPv4zero…), or null.</summary>
    private string? IpOf(Expr e, int depth)
    {
        if (depth > 3) return null;
        e = FileModel.Unparen(e);
        var member = _m.ResolvePackageMember(e is CallExpr c ? c.Fun : e);
        if (member is (Net, var name))
        {
            switch (name)
            {
                case "ParseIP" when e is CallExpr pc && pc.Args.Count == 1: return _e.String(pc.Args[0]);
                case "IPv4" when e is CallExpr ic && ic.Args.Count == 4:
                    {
                        var parts = ic.Args.Select(x => _e.Int(x)).ToList();
                        return parts.All(p => p is >= 0 and <= 255) ? string.Join(".", parts) : null;
                    }
                case "IPv4zero": return "0.0.0.0";
                case "IPv4bcast": return "255.255.255.255";
                case "IPv6zero" or "IPv6unspecified": return "::";
                case "IPv6loopback": return "::1";
            }
            return null;
        }
        if (e is Ident id)
        {
            var defs = _m.DefsOf(id.Name, id);
            if (defs.Count == 1 && defs[0].Kind == DefKind.Value && defs[0].ValueCount == 1 && defs[0].Value is { } v) return IpOf(v, depth + 1);
        }
        return null;
    }

    /// <summary>The listen row of a struct type whose field <paramref name="field"/> carries the address (http.Server's Addr).</summary>
    private static ApiModel? ListenStructRow((string Path, string Name)? type, string field) =>
        type is (var p, var n) && s_go.Function(p, n) is { Kind: ApiKind.Listen } row && row.Params.Any(x => x.Option == field && x.Role == "address") ? row : null;

    private void CheckCompositeLit(CompositeLit lit)
    {
        var type = lit.Type is null ? null : _m.ResolvePackageMember(lit.Type);
        foreach (var el in lit.Elts)
        {
            if (el is not KeyValueExpr { Key: Ident key } kv) continue;
            if (ListenStructRow(type, key.Name) is { } listenRow)
            {
                CheckListen(listenRow, listenRow.Param("network")?.Default ?? "tcp", kv.Value);
                continue;
            }
            if (_m.IsTestFile || type is (Net, _)) continue;
            // an endpoint field of a client configuration (Addr, Address, Endpoint, URL, Host…) set to an IPv4 literal
            var words = AddressText.Words(key.Name);
            if (!(words.Contains("addr") || words.Contains("address") || words.Contains("addrs") || words.Contains("endpoint") || words.Contains("url")
                  || words.Contains("host") || words.Contains("server") || words.Contains("target"))) continue;
            if (words.Contains("listen") || words.Contains("bind") || words.Contains("local")) continue;
            var value = FileModel.Unparen(kv.Value);
            if (value is not BasicLit { Kind: TokenKind.String }) continue;
            var host = AddressText.KnownHost(_e.String(value));
            if (host is null || !AddressText.IsIPv4(host) || AddressText.IsIPv4Wildcard(host) || AddressText.IsIPv4Loopback(host) || AddressText.IsNetmask(host)) continue;
            Report(RuleCatalog.V6003, value, "'" + host + "'", confidence: Confidence.Medium);
        }
    }

    // ---------- V6005 ----------

    private static readonly Regex s_pair = new(@"%([sv]):%([dsv])", RegexOptions.CultureInvariant);

    private void CheckSprintf(CallExpr call)
    {
        var format = _e.String(call.Args[0]);
        if (!Evaluator.IsFullyKnown(format)) return;
        if (format!.Contains("%[") || format.Contains('*')) return;
        for (var match = s_pair.Match(format); match.Success; match = match.NextMatch())
        {
            // the host verb must start the host: "%s.%s:%d" joins a DNS name, whose last label is not an address
            if (match.Index > 0 && (char.IsLetterOrDigit(format[match.Index - 1]) || format[match.Index - 1] is '.' or '-' or '_' or ']')) continue;
            if (CheckSprintfPair(call, format, match)) return;
        }
    }

    /// <summary>Checks one "%s:%d" pair of a format; true when it was reported.</summary>
    private bool CheckSprintfPair(CallExpr call, string format, Match match)
    {
        // index of the verb pair among the format's verbs
        var verbIndex = 0;
        for (var i = 0; i < match.Index; i++)
        {
            if (format[i] != '%') continue;
            if (i + 1 < format.Length && format[i + 1] == '%') { i++; continue; }
            verbIndex++;
        }
        if (1 + verbIndex + 1 >= call.Args.Count) return false;
        var host = call.Args[1 + verbIndex];
        var port = call.Args[2 + verbIndex];
        var hostValue = _e.String(host);
        if (IsConstant(host) && Evaluator.IsFullyKnown(hostValue) && !hostValue!.Contains(':')) return false; // a constant name or IPv4 address
        var url = format.IndexOf("://", StringComparison.Ordinal) is var si && si >= 0 && si < match.Index;
        var hostWords = AddressText.Words(NameOf(host));
        var portWords = AddressText.Words(NameOf(port));
        var hostish = AddressText.IsHostLikeName(NameOf(host));
        var portNamed = AddressText.IsPortLikeName(NameOf(port));
        var portish = portNamed || port is BasicLit { Kind: TokenKind.Int } || match.Groups[2].Value == "d";
        var notPort = portWords.Any(w => w is "path" or "msg" or "message" or "err" or "error" or "name" or "key" or "value" or "user" or "file" or "pass" or "password");
        // "unix:" + address, "scheme:" + target: a prefix, not a host; "user:password" credentials
        if (portWords.Any(w => w is "addr" or "address" or "endpoint" or "target" or "host" or "url")
            || hostWords.Any(w => w is "network" or "scheme" or "proto" or "protocol" or "kind" or "type" or "user" or "username" or "login")) return false;
        if (!(url || (hostish && (portish || !notPort)) || portNamed || FlowsToSink(call))) return false;
        if (BracketsHostsNearby(call) || format.Contains("[%s]:", StringComparison.Ordinal) || format.Contains("[%v]:", StringComparison.Ordinal)) return false;
        if (HostIsBracketed(host)) return false;
        Report(RuleCatalog.V6005, call, Snippet(call), SprintfFix(call, format, match, verbIndex, host, port));
        return true;
    }

    private Fix? SprintfFix(CallExpr call, string format, Match match, int verbIndex, Expr host, Expr port)
    {
        if (call.Args[0] is not BasicLit formatLit) return null;
        var hostType = _e.TypeOf(host);
        if (hostType != "string") return null;
        string portText;
        var needStrconv = false;
        var portVerb = match.Groups[2].Value;
        var portType = _e.TypeOf(port);
        if (port is BasicLit { Kind: TokenKind.Int } pl && Values.ParseInt(pl.Raw) is { } pv) portText = "\"" + pv + "\"";
        else if (portType == "string" && portVerb is "s" or "v") portText = Text(port);
        else if (portType == "int" && portVerb is "d" or "v")
        {
            portText = "strconv.Itoa(" + Text(port) + ")";
            needStrconv = true;
        }
        else return null;
        if (!ImportNames(call, out var netName, out var strconvName)) return null;
        if (needStrconv) portText = portText.Replace("strconv.", strconvName + ".");
        var join = netName + ".JoinHostPort(" + Text(host) + ", " + portText + ")";
        var edits = new List<TextEdit>();
        var add = new List<string> { Net };
        if (needStrconv) add.Add("strconv");
        var remove = new List<string>();
        if (format == match.Value && call.Args.Count == 3)
        {
            edits.Add(new TextEdit(call.Pos, call.End - call.Pos, join));
            if (PackageUsesExcept("fmt", call.Fun) == 0) remove.Add("fmt");
        }
        else
        {
            var raw = formatLit.Raw;
            int at;
            if (raw.Length == format.Length + 2 && raw.AsSpan(1, raw.Length - 2).SequenceEqual(format)) at = 1 + match.Index; // no escapes
            else
            {
                at = raw.IndexOf(match.Value, StringComparison.Ordinal);
                if (at < 0 || raw.IndexOf(match.Value, at + 1, StringComparison.Ordinal) >= 0) return null;
            }
            edits.Add(new TextEdit(formatLit.Pos + at, match.Length, "%" + match.Groups[1].Value));
            edits.Add(new TextEdit(host.Pos, port.End - host.Pos, join));
        }
        edits.AddRange(ImportEditor.Edits(_m.File, add, remove));
        return new Fix("Use net.JoinHostPort", FixSafety.Safe, Normalize(edits));
    }

    /// <summary>Local names for "net" and "strconv" in the fixed file; false when another import already uses one of them.</summary>
    private bool ImportNames(Node at, out string netName, out string strconvName)
    {
        netName = _m.LocalNameOf(Net) ?? Net;
        strconvName = _m.LocalNameOf("strconv") ?? "strconv";
        if (_m.ImportNames.TryGetValue(netName, out var p1) && p1 != Net) return false;
        if (_m.ImportNames.TryGetValue(strconvName, out var p2) && p2 != "strconv") return false;
        // a variable, constant or parameter of that name would hide the package at the fix
        if (_m.DefsOf(netName, at).Count > 0 || _m.DefsOf(strconvName, at).Count > 0) return false;
        return true;
    }

    /// <summary>How many references to the package at <paramref name="path"/> the file has besides <paramref name="except"/> (the selector a fix removes).</summary>
    private int PackageUsesExcept(string path, Node except)
    {
        var name = _m.LocalNameOf(path);
        if (name is null) return 1;
        if (_selectorsByPackage is null)
        {
            _selectorsByPackage = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var n in AstWalker.Descendants(_m.File))
                if (n is SelectorExpr { X: Ident x }) _selectorsByPackage[x.Name] = _selectorsByPackage.GetValueOrDefault(x.Name) + 1;
        }
        var count = _selectorsByPackage.GetValueOrDefault(name);
        return except is SelectorExpr { X: Ident e } && e.Name == name ? count - 1 : count;
    }

    private static List<TextEdit> Normalize(List<TextEdit> edits)
    {
        return edits.OrderBy(e => e.Start).ToList(); // stable: insertions at one offset keep their order
    }

    private string NameOf(Expr e)
    {
        e = FileModel.Unparen(e);
        switch (e)
        {
            case Ident id: return id.Name;
            case SelectorExpr s: return s.Sel.Name;
            case StarExpr st: return NameOf(st.X);
            case IndexExpr ix: return NameOf(ix.X);
            case CallExpr c:
                if (_m.ResolvePackageMember(c.Fun) is ("os", "Getenv" or "LookupEnv") && c.Args.Count == 1) return _e.String(c.Args[0]) ?? "";
                if (_m.ResolvePackageMember(c.Fun) is ("strconv", "Itoa" or "FormatInt" or "FormatUint") && c.Args.Count >= 1) return NameOf(c.Args[0]);
                if (_m.ResolvePackageMember(c.Fun) is ("fmt", "Sprint") && c.Args.Count == 1) return NameOf(c.Args[0]);
                if (c.Args.Count == 0 && FileModel.Unparen(c.Fun) is SelectorExpr { Sel.Name: "String" } str) return NameOf(str.X);
                if (c.Args.Count == 1 && FileModel.Unparen(c.Fun) is Ident { Name: "string" or "int" }) return NameOf(c.Args[0]);
                return NameOf(c.Fun);
        }
        return "";
    }

    /// <summary>True when the value of <paramref name="e"/> (directly or through one local variable) is the address of a dial, listen or HTTP call.</summary>
    private bool FlowsToSink(Expr e)
    {
        if (IsSinkArgument(e)) return true;
        var target = AssignedTo(e);
        if (target is null) return false;
        return _m.UsesOf(target.Name, e).Any(IsSinkArgument);
    }

    /// <summary>The variable <paramref name="e"/> is assigned to (<c>x = e</c>, <c>x := e</c>, <c>var x = e</c>, one of a parallel assignment), else null.</summary>
    private static Ident? AssignedTo(Expr e)
    {
        if (e.Parent is AssignStmt a && a.Rhs.Count == a.Lhs.Count)
        {
            var i = a.Rhs.IndexOf(e);
            return i >= 0 ? a.Lhs[i] as Ident : null;
        }
        if (e.Parent is ValueSpec vs && vs.Values.Count == vs.Names.Count)
        {
            var i = vs.Values.IndexOf(e);
            return i >= 0 ? vs.Names[i] : null;
        }
        return null;
    }

    private bool IsSinkArgument(Expr e)
    {
        if (e.Parent is KeyValueExpr { Key: Ident key } kv && kv.Value == e && kv.Parent is CompositeLit cl && cl.Type is not null
            && ListenStructRow(_m.ResolvePackageMember(cl.Type), key.Name) is not null)
            return true;
        if (e.Parent is not CallExpr call || !call.Args.Contains(e)) return false;
        var index = call.Args.IndexOf(e);
        ApiModel? row = null;
        if (_m.ResolvePackageMember(call.Fun) is { } member) row = s_go.Function(member.Path, member.Name);
        else if (FileModel.Unparen(call.Fun) is SelectorExpr sel)
            row = ReceiverOf(sel.X) is { } recv ? s_go.Method(recv.Module, recv.Type, sel.Sel.Name) : UntypedNetMethod(call, sel.Sel.Name, checkNetwork: false);
        return row is { Kind: ApiKind.Listen or ApiKind.Dial or ApiKind.Resolve } && row.Params.Any(p => p.Role is "address" or "url" && p.Arg == index);
    }

    /// <summary>True when the enclosing function brackets hosts itself ("[" + host + "]:" + port): a bracket-aware join.</summary>
    private static bool BracketsHostsNearby(Node n)
    {
        var scope = (Node?)AstWalker.EnclosingFuncBody(n);
        if (scope is null) return false;
        foreach (var d in AstWalker.Descendants(scope))
            if (d is BasicLit { Kind: TokenKind.String } lit && Values.Unquote(lit.Raw) is { } v && (v == "[" || v.StartsWith("]:", StringComparison.Ordinal) || v.EndsWith("[", StringComparison.Ordinal) && v.Length <= 9))
                return true;
        return false;
    }

    /// <summary>
    /// True when <paramref name="host"/> is already bracketed, or comes from code in this file that brackets IPv6 hosts
    /// (a function returning <c>"[" + h + "]"</c>, a variable assigned from one, or a parameter whose callers in this
    /// file pass such a value): joining it with <c>net.JoinHostPort</c> would give <c>[[::1]]:80</c>.
    /// </summary>
    private bool HostIsBracketed(Expr host) => HostIsBracketed(host, 0, new HashSet<Node>());

    private bool HostIsBracketed(Expr host, int depth, HashSet<Node> visited)
    {
        host = FileModel.Unparen(host);
        if (depth > 6 || !visited.Add(host)) return false;
        if (_e.String(host) is { } v && v.StartsWith('[')) return true;
        switch (host)
        {
            case BinaryExpr { Op: TokenKind.Add } add:
                return IsBracketingConcat(add) || HostIsBracketed(add.X, depth + 1, visited);
            case CallExpr call when LocalFunc(call.Fun) is { } fd:
                return FuncBrackets(fd, depth + 1, visited);
            case Ident id:
                var defs = _m.DefsOf(id.Name, id);
                foreach (var def in defs)
                {
                    if (def.Value is { } value && def.Kind == DefKind.Value && HostIsBracketed(value, depth + 1, visited)) return true;
                    if (def.Kind == DefKind.Param && ParamIndex(def, id.Name) is var (fn, index) && fn is not null)
                        foreach (var c in CallsOf(fn))
                            if (c.Args.Count > index && HostIsBracketed(c.Args[index], depth + 1, visited))
                                return true;
                }
                return false;
        }
        return false;
    }

    /// <summary>The calls in this file of the local function <paramref name="fn"/> (by <see cref="LocalFunc"/>), in file order; indexed once per file.</summary>
    private List<CallExpr> CallsOf(FuncDecl fn)
    {
        if (_callsOf is null)
        {
            _callsOf = new Dictionary<FuncDecl, List<CallExpr>>(ReferenceEqualityComparer.Instance);
            foreach (var c in AstWalker.Descendants(_m.File).OfType<CallExpr>())
                if (LocalFunc(c.Fun) is { } callee)
                {
                    if (!_callsOf.TryGetValue(callee, out var list)) _callsOf[callee] = list = new List<CallExpr>();
                    list.Add(c);
                }
        }
        return _callsOf.TryGetValue(fn, out var calls) ? calls : new List<CallExpr>();
    }

    /// <summary>A function or method declared in this file that <paramref name="fun"/> calls (by name), else null.</summary>
    private FuncDecl? LocalFunc(Expr fun)
    {
        fun = FileModel.Unparen(fun);
        string? name = fun switch
        {
            Ident id => id.Name,
            SelectorExpr { X: var x, Sel: var sel } when !(x is Ident pkg && _m.IsPackageName(pkg.Name, fun, out _)) => sel.Name,
            _ => null,
        };
        if (name is null) return null;
        if (_funcs is null)
        {
            _funcs = new Dictionary<(string, bool), FuncDecl>();
            foreach (var decl in _m.File.Decls)
                if (decl is FuncDecl fd) _funcs.TryAdd((fd.Name.Name, fd.Recv is not null), fd); // the first declaration, as the loop it replaces
        }
        return _funcs.GetValueOrDefault((name, fun is not Ident));
    }

    /// <summary>The function declaring parameter <paramref name="name"/> and its position among the parameters.</summary>
    private static (FuncDecl? Fn, int Index) ParamIndex(Def def, string name)
    {
        if (def.Node is not Field f || f.Parent is not FieldList fl || fl.Parent is not FuncType { Parent: FuncDecl fd } ft || ft.Params != fl) return (null, -1);
        var index = 0;
        foreach (var field in fl.List)
        {
            foreach (var n in field.Names)
            {
                if (field == f && n.Name == name) return (fd, index);
                index++;
            }
            if (field.Names.Count == 0) index++;
        }
        return (null, -1);
    }

    /// <summary>True when a function brackets the host it returns: its body builds <c>"[" + h + "]"</c> or one of its results is bracketed.</summary>
    private bool FuncBrackets(FuncDecl fd, int depth, HashSet<Node> visited)
    {
        if (fd.Body is null || !visited.Add(fd)) return false;
        foreach (var n in AstWalker.Descendants(fd.Body))
        {
            if (n is BinaryExpr { Op: TokenKind.Add } add && add.Parent is not BinaryExpr { Op: TokenKind.Add } && IsBracketingConcat(add)) return true;
            if (n is ReturnStmt rs && rs.Results.Count > 0 && AstWalker.EnclosingFuncBody(rs) == fd.Body && HostIsBracketed(rs.Results[0], depth + 1, visited)) return true;
        }
        return false;
    }

    /// <summary>True for a concatenation that starts with a "[" literal and has a "]…" literal later.</summary>
    private static bool IsBracketingConcat(BinaryExpr add)
    {
        var terms = new List<Expr>();
        Expr cur = add;
        while (cur is BinaryExpr { Op: TokenKind.Add } b)
        {
            terms.Add(FileModel.Unparen(b.Y));
            cur = FileModel.Unparen(b.X);
        }
        terms.Add(cur);
        terms.Reverse();
        var open = false;
        foreach (var t in terms)
        {
            if (t is not BasicLit { Kind: TokenKind.String } lit || Values.Unquote(lit.Raw) is not { } s) continue;
            if (s.EndsWith('[')) open = true;
            else if (open && s.StartsWith(']')) return true;
        }
        return false;
    }

    private void CheckConcat(BinaryExpr top)
    {
        // flatten the left-deep chain a + b + c (iteratively)
        var terms = new List<Expr>();
        Expr cur = top;
        var rights = new Stack<Expr>();
        while (cur is BinaryExpr { Op: TokenKind.Add } b)
        {
            rights.Push(b.Y);
            cur = b.X;
        }
        terms.Add(cur);
        while (rights.Count > 0) terms.Add(rights.Pop());
        for (var i = 1; i < terms.Count; i++)
        {
            if (terms[i] is not BasicLit { Kind: TokenKind.String } lit) continue;
            var v = Values.Unquote(lit.Raw);
            if (v is null || !v.StartsWith(':')) continue;
            var host = terms[i - 1];
            if (host is BasicLit) continue;
            var hostValue = _e.String(host);
            if (IsConstant(host) && Evaluator.IsFullyKnown(hostValue) && !hostValue!.Contains(':')) continue;
            if (hostValue is not null && hostValue.EndsWith(':')) continue;
            var rest = v.Substring(1);
            var digits = new string(rest.TakeWhile(char.IsAsciiDigit).ToArray());
            Expr? port = null;
            if (rest.Length == 0)
            {
                if (i + 1 >= terms.Count) continue;
                port = terms[i + 1];
            }
            else if (digits.Length == 0) continue; // "key: value" text, not a port
            var hostish = AddressText.IsHostLikeName(NameOf(host));
            var portNamed = port is not null && AddressText.IsPortLikeName(NameOf(port));
            var url = i >= 2 && terms[i - 2] is BasicLit prevLit && (Values.Unquote(prevLit.Raw) ?? "").EndsWith("://", StringComparison.Ordinal);
            if (!(hostish || portNamed || url || FlowsToSink(top))) continue;
            if (BracketsHostsNearby(top)) return;
            if (HostIsBracketed(host)) continue;
            var end = port ?? (Expr)lit;
            Fix? fix = null;
            if (ImportNames(top, out var netName, out _))
            {
                string join;
                if (port is not null) join = netName + ".JoinHostPort(" + Text(host) + ", " + Text(port) + ")";
                else
                {
                    join = netName + ".JoinHostPort(" + Text(host) + ", \"" + digits + "\")";
                    var tail = rest.Substring(digits.Length);
                    if (tail.Length > 0)
                    {
                        // gofmt spaces every '+' of one chain alike: reuse the spacing the chain already has
                        var between = _src.Substring(host.End, lit.Pos - host.End);
                        var op = between.Trim() == "+" && !between.Contains('\n') ? between : " + ";
                        join += op + Values.Quote(tail);
                    }
                }
                var edits = new List<TextEdit> { new(host.Pos, end.End - host.Pos, join) };
                edits.AddRange(ImportEditor.Edits(_m.File, new[] { Net }, Array.Empty<string>()));
                fix = new Fix("Use net.JoinHostPort", FixSafety.Safe, Normalize(edits));
            }
            var span = new BinaryExpr { Pos = host.Pos, End = end.End };
            Report(RuleCatalog.V6005, span, "'" + _src.Substring(host.Pos, end.End - host.Pos) + "'", fix);
            return;
        }
    }

    // ---------- V6006 ----------

    private void CheckSplit(CallExpr call, string name)
    {
        var sep = _e.String(call.Args[1]);
        if (name is "IndexByte" or "IndexRune")
        {
            if (call.Args[1] is not BasicLit { Kind: TokenKind.Char } ch || ch.Raw != "':'") return;
        }
        else if (sep != ":") return;
        var subject = FileModel.Unparen(call.Args[0]);
        var parsedPort = false;
        if (!IsAddressExpr(subject))
        {
            // name-free: the second part of the split is read as a number (strconv.Atoi(parts[1])), so it is a host:port split
            if (name is not ("Split" or "SplitN") || !SecondPartParsedAsPort(call)) return;
            parsedPort = true;
        }
        // strings.Index(host, ":") >= 0 asks whether there is a colon (an IPv6 test), it does not split
        if (name.StartsWith("Index", StringComparison.Ordinal) && call.Parent is BinaryExpr { Op: TokenKind.Geq or TokenKind.Lss or TokenKind.Eql or TokenKind.Neq or TokenKind.Gtr or TokenKind.Leq } cmp
            && (cmp.X == call ? cmp.Y : cmp.X) is var other && (other is BasicLit { Raw: "0" } || other is UnaryExpr { Op: TokenKind.Sub, X: BasicLit { Raw: "1" } }))
            return;
        Report(RuleCatalog.V6006, call, Snippet(call) + (parsedPort ? " (its second part is parsed as a port)" : ""), SplitFix(call, name, subject));
    }

    /// <summary>
    /// True when element [1] of the split is given to strconv.Atoi/ParseInt/ParseUint: directly
    /// (<c>strconv.Atoi(strings.Split(s, ":")[1])</c>), through the variable holding the parts (<c>parts := …;
    /// strconv.Atoi(parts[1])</c>), or through one more variable (<c>p := parts[1]; strconv.Atoi(p)</c>).
    /// </summary>
    private bool SecondPartParsedAsPort(CallExpr split)
    {
        Node holder = split;
        while (holder.Parent is ParenExpr) holder = holder.Parent;
        if (holder.Parent is IndexExpr ix && ix.X == holder) return IsSecond(ix) && ParsedAsNumber(ix, 0);
        if (holder.Parent is AssignStmt { Lhs.Count: 1, Rhs.Count: 1 } a && a.Rhs[0] == holder && a.Lhs[0] is Ident parts && parts.Name != "_")
        {
            // a time "10:30" or "10:30:00" has its first part (or a third) read as a number too: not host:port
            var port = false;
            foreach (var use in _m.UsesOf(parts.Name, a))
            {
                if (use.Parent is not IndexExpr uix || uix.X != use || uix.Indices.Count != 1) continue;
                var index = _e.Int(uix.Index);
                if (index >= 2 || index == 0 && ParsedAsNumber(uix, 0)) return false;
                if (index == 1 && ParsedAsNumber(uix, 0)) port = true;
            }
            return port;
        }
        return false;
    }

    private bool IsSecond(IndexExpr ix) => ix.Indices.Count == 1 && _e.Int(ix.Index) == 1;

    private bool ParsedAsNumber(Expr e, int depth)
    {
        Node n = e;
        while (n.Parent is ParenExpr) n = n.Parent;
        if (n.Parent is CallExpr c && c.Args.Count >= 1 && c.Args[0] == n &&
            _m.ResolvePackageMember(c.Fun) is ("strconv", "Atoi" or "ParseInt" or "ParseUint"))
            return true;
        if (depth == 0 && n.Parent is AssignStmt { Lhs.Count: 1, Rhs.Count: 1 } a && a.Rhs[0] == n && a.Lhs[0] is Ident v && v.Name != "_")
        {
            foreach (var use in _m.UsesOf(v.Name, a))
                if (ParsedAsNumber(use, depth + 1)) return true;
        }
        return false;
    }

    private bool IsAddressExpr(Expr e)
    {
        e = FileModel.Unparen(e);
        if (e is CallExpr { Args.Count: >= 1 } wrap && _m.ResolvePackageMember(wrap.Fun) is ("strings", "TrimSpace" or "ToLower" or "TrimPrefix" or "TrimSuffix" or "Trim"))
            return IsAddressExpr(wrap.Args[0]);
        if (e is CallExpr { Args.Count: 0 } c && FileModel.Unparen(c.Fun) is SelectorExpr { Sel.Name: "String" } s)
        {
            if (FileModel.Unparen(s.X) is CallExpr { Fun: SelectorExpr { Sel.Name: "LocalAddr" or "RemoteAddr" or "Addr" } }) return true;
            return IsAddressExpr(s.X);
        }
        if (e is SelectorExpr { Sel.Name: "RemoteAddr" or "Host" or "Addr" or "Address" }) return true;
        var name = NameOf(e);
        if (name.Length > 0 && AddressText.IsAddressLikeName(name)) return true;
        if (IsEndpointFlag(e)) return true;
        var v = _e.String(e);
        if (v is not null && Evaluator.IsFullyKnown(v))
        {
            var (host, port) = AddressText.HostPort(v);
            if (port is not null && port.Length > 0 && port.All(char.IsAsciiDigit) && host.Length > 0) return true;
        }
        return false;
    }

    /// <summary>
    /// A variable set by a command-line flag whose usage text says it holds an address and port ("ADDRESS:PORT of the
    /// server", "host:port"): <c>ps := flag.String("ps", "", "ADDRESS:PORT …")</c>, <c>flag.StringVar(&amp;ps, …)</c>, pflag's
    /// …P forms and FlagSet methods. The usage is the call's last argument.
    /// </summary>
    private bool IsEndpointFlag(Expr e)
    {
        e = FileModel.Unparen(e);
        if (e is StarExpr st) e = FileModel.Unparen(st.X);
        if (e is not Ident id) return false;
        foreach (var d in _m.DefsOf(id.Name, id))
        {
            var call = d.Kind == DefKind.Flag ? d.Node as CallExpr : d.Value is { } value ? FileModel.Unparen(value) as CallExpr : null;
            if (call is null || call.Args.Count < 3 || FileModel.Unparen(call.Fun) is not SelectorExpr { Sel.Name: "String" or "StringP" or "StringVar" or "StringVarP" })
                continue;
            if (AddressText.IsEndpointUsage(_e.String(call.Args[^1]))) return true;
        }
        // a package variable set by flag.StringVar(&v, …) in another function (init, main)
        if (_m.DefsOf(id.Name, id) is { Count: > 0 } defs && defs.All(d => d.Node is ValueSpec { Parent: GenDecl { Parent: GoFile } }))
        {
            foreach (var n in AstWalker.Descendants(_m.File))
                if (n is CallExpr { Args.Count: >= 3 } c && FileModel.Unparen(c.Args[0]) is UnaryExpr { Op: TokenKind.And, X: Ident target } && target.Name == id.Name &&
                    FileModel.Unparen(c.Fun) is SelectorExpr { Sel.Name: "StringVar" or "StringVarP" } && AddressText.IsEndpointUsage(_e.String(c.Args[^1])))
                    return true;
        }
        return false;
    }

    private Fix? SplitFix(CallExpr call, string name, Expr subject)
    {
        if (name is not ("Split" or "SplitN")) return null;
        if (name == "SplitN" && _e.Int(call.Args[2]) != 2) return null;
        if (call.Parent is not IndexExpr ix || ix.X != call || ix.Indices.Count != 1) return null;
        var index = _e.Int(ix.Index);
        if (index is not (0 or 1)) return null;
        if (ix.Parent is not AssignStmt a || a.Lhs.Count != 1 || a.Rhs.Count != 1 || a.Rhs[0] != ix || a.Lhs[0] is not Ident target) return null;
        if (a.Tok is not (TokenKind.Define or TokenKind.Assign)) return null;
        if (!ImportNames(call, out var netName, out _)) return null;
        var lhs = index == 0 ? target.Name + ", _, _" : "_, " + target.Name + ", _";
        var op = a.Tok == TokenKind.Define ? ":=" : "=";
        var text = lhs + " " + op + " " + netName + ".SplitHostPort(" + Text(subject) + ")";
        var edits = new List<TextEdit> { new(a.Pos, a.End - a.Pos, text) };
        var stringsName = _m.LocalNameOf("strings");
        var remove = new List<string>();
        if (stringsName is not null && PackageUsesExcept("strings", call.Fun) == 0)
            remove.Add("strings");
        edits.AddRange(ImportEditor.Edits(_m.File, new[] { Net }, remove));
        // the address of a connection or request always carries a port; elsewhere a port-less value now gives an error
        var safe = subject is CallExpr { Fun: SelectorExpr { Sel.Name: "String" } } || subject is SelectorExpr { Sel.Name: "RemoteAddr" };
        return new Fix("Use net.SplitHostPort", safe ? FixSafety.Safe : FixSafety.Unsafe, Normalize(edits));
    }

    // ---------- V6008 ----------

    private void CheckTo4(CallExpr call)
    {
        // a nil comparison is a family check with a fallback
        if (IsNilCompared(call)) return;
        // len(ip.To4()) is 0 for an IPv6 address: a family check too
        if (call.Parent is CallExpr { Fun: Ident { Name: "len" } }) return;
        // net.IPv4(…).To4(), net.ParseIP("10.0.0.1").To4(), net.IPv4zero.To4(): never nil
        if (call.Fun is SelectorExpr recv && AddressText.IsIPv4(IpOf(recv.X, 0))) return;
        var target = AssignedTo(call);
        if (target is not null)
        {
            if (target.Name == "_") return;
            if (_m.UsesOf(target.Name, call).Any(u => IsNilCompared(u) || u.Parent is CallExpr { Fun: Ident { Name: "len" } })) return;
        }
        Report(RuleCatalog.V6008, call, Snippet(call) + " without a nil check (IPv6 gives nil)");
    }

    private static bool IsNilCompared(Expr e) =>
        e.Parent is BinaryExpr { Op: TokenKind.Eql or TokenKind.Neq } b && (b.X is Ident { Name: "nil" } || b.Y is Ident { Name: "nil" });

    private void CheckLenCompare(BinaryExpr cmp)
    {
        Expr? lenArg = null;
        Expr? other = null;
        if (cmp.X is CallExpr { Fun: Ident { Name: "len" }, Args.Count: 1 } lx) { lenArg = lx.Args[0]; other = cmp.Y; }
        else if (cmp.Y is CallExpr { Fun: Ident { Name: "len" }, Args.Count: 1 } ly) { lenArg = ly.Args[0]; other = cmp.X; }
        if (lenArg is null || other is null) return;
        var isIPv4Len = _m.Is(other, Net, "IPv4len");
        if (!isIPv4Len)
        {
            if (other is not BasicLit { Kind: TokenKind.Int } lit || lit.Raw != "4") return;
            var words = AddressText.Words(NameOf(lenArg));
            if (!(words.Contains("ip") || words.Contains("addr") || words.Contains("address"))) return;
        }
        // code that also handles 16-byte addresses has a fallback
        var scope = (Node?)AstWalker.EnclosingFuncBody(cmp) ?? _m.File;
        foreach (var n in AstWalker.Descendants(scope))
        {
            if (n is SelectorExpr { Sel.Name: "IPv6len" or "To16" }) return;
            if (n is BasicLit { Kind: TokenKind.Int, Raw: "16" }) return;
        }
        Report(RuleCatalog.V6008, cmp, Snippet(cmp));
    }

    private static readonly Regex s_dottedQuad = new(@"(\\d|\[0-9\])(\{1,3\}|\+)?\)?(\\\.|\[\.\])", RegexOptions.CultureInvariant);

    private void CheckRegexp(Expr pattern)
    {
        var p = _e.String(pattern);
        if (!Evaluator.IsFullyKnown(p)) return;
        var dots = Regex.Matches(p!, @"\\\.|\[\.\]").Count;
        var repeated = p!.Contains("{3}") || p.Contains("){3") || dots >= 3;
        if (!repeated || !s_dottedQuad.IsMatch(p)) return;
        if (!(p.Contains("{1,3}") || p.Contains("25[0-5]") || p.Contains("\\d+") || p.Contains("[0-9]+"))) return;
        if (p.Contains(':') && (p.Contains("[0-9a-fA-F]") || p.Contains("[0-9a-f]") || p.Contains("[a-fA-F0-9]"))) return; // also matches IPv6
        Report(RuleCatalog.V6008, pattern, "dotted-quad regular expression");
    }

    // ---------- V6009 ----------

    private bool IsLookupCall(Expr? e)
    {
        if (e is not CallExpr call) return false;
        if (_m.ResolvePackageMember(call.Fun) is (Net, "LookupIP" or "LookupHost")) return true;
        return FileModel.Unparen(call.Fun) is SelectorExpr { Sel.Name: "LookupIPAddr" or "LookupHost" or "LookupIP" or "LookupNetIP" } sel
               && _m.ResolvePackageMember(sel) is null && call.Args.Count >= 2;
    }

    /// <summary>True when the name is the first result of a resolver lookup.</summary>
    private bool IsLookupResult(Ident id)
    {
        var defs = _m.DefsOf(id.Name, id);
        return defs.Any(d => d.Kind == DefKind.Value && d.Index == 0 && d.ValueCount == 2 && IsLookupCall(d.Value));
    }

    private void CheckFirstAddress(IndexExpr ix)
    {
        if (ix.Indices.Count != 1 || ix.Index is not BasicLit { Kind: TokenKind.Int, Raw: "0" }) return;
        if (FileModel.Unparen(ix.X) is not Ident id || !IsLookupResult(id)) return;
        Report(RuleCatalog.V6009, ix, Snippet(ix));
    }

    private void CheckRangeFilter(RangeStmt rs)
    {
        if (FileModel.Unparen(rs.X) is not Ident list || !IsLookupResult(list)) return;
        var valueName = (rs.Value as Ident)?.Name;
        if (valueName is null) return;
        foreach (var n in AstWalker.Descendants(rs.Body))
        {
            if (n is CallExpr { Fun: SelectorExpr { Sel.Name: "To4" } sel } to4 && FileModel.Unparen(sel.X) is Ident { } x && (x.Name == valueName || sel.X is SelectorExpr)
                && IsNilCompared(to4))
            {
                Report(RuleCatalog.V6009, to4.Parent!, Snippet(to4.Parent!));
                return;
            }
        }
    }
}

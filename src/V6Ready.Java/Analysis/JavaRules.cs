using V6Ready.Core;
using V6Ready.Core.Models;
using V6Ready.Java.Syntax;
using V6Ready.Rules;

namespace V6Ready.Java.Analysis;

/// <summary>A finding before it is turned into a <see cref="Finding"/>: rule, span, message subject, fix.</summary>
public sealed record JavaFinding(RuleDescriptor Rule, int Start, int Length, string Subject, Fix? Fix = null, Confidence Confidence = Confidence.High);

/// <summary>
/// The Java detectors. Calls and constructors are matched to rows of <c>rules/models/jvm.json</c> (module = package,
/// receiver = type, name = method or "new"); the row's params say which argument carries the host, address, URL or
/// family, and the runtime model's verdicts decide. Java's bind to 0.0.0.0 is dual-stack (measured), so V6001 never
/// fires here.
/// </summary>
public sealed class JavaRules
{
    private readonly CompilationUnit _cu;
    private readonly string _path;
    private readonly JavaModel _m;
    private readonly RuntimeModel _rt;
    private readonly bool _isTest;
    private readonly List<JavaFinding> _out = new();
    private readonly HashSet<(string, int)> _seen = new();

    public JavaRules(CompilationUnit cu, string path, SpringConfig? config)
    {
        _cu = cu;
        _path = path.Replace('\\', '/');
        _m = new JavaModel(cu, config);
        _rt = _m.Runtime;
        _isTest = IsTestPath(_path);
    }

    /// <summary>
    /// Test sources: <c>test/</c>, <c>tests/</c>, Gradle/Maven test source sets under <c>src/</c> (<c>src/test</c>,
    /// <c>src/intTest</c>, <c>src/dockerTest</c>, <c>src/testFixtures</c>, <c>src/integrationTest</c>, <c>src/it</c>),
    /// test modules (<c>…-test</c>, <c>…-tests</c> folders) and <c>*Test.java</c>, <c>*Tests.java</c>, <c>*IT.java</c>.
    /// </summary>
    public static bool IsTestPath(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return false;
        var name = segments[^1];
        if (name.EndsWith("Test.java", StringComparison.Ordinal) || name.EndsWith("Tests.java", StringComparison.Ordinal) || name.EndsWith("IT.java", StringComparison.Ordinal)) return true;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var s = segments[i];
            if (s is "test" or "tests" || s.EndsWith("-test", StringComparison.Ordinal) || s.EndsWith("-tests", StringComparison.Ordinal)) return true;
            if (i > 0 && segments[i - 1] == "src" && (s == "it" || s.StartsWith("test", StringComparison.Ordinal) || s.EndsWith("Test", StringComparison.Ordinal) || s.EndsWith("Tests", StringComparison.Ordinal))) return true;
        }
        return false;
    }

    public List<JavaFinding> Run(CancellationToken ct)
    {
        var count = 0;
        foreach (var n in _cu.DescendantsAndSelf())
        {
            if ((++count & 1023) == 0) ct.ThrowIfCancellationRequested();
            switch (n)
            {
                case NewObject no:
                    CheckApi(no, no.Type.ToStringName(), "new", no.Args, isStatic: true);
                    break;
                case CallExpr call:
                    CheckCall(call);
                    break;
                case BinaryExpr { Op: "+" } b when b.Parent is not BinaryExpr { Op: "+" }:
                    CheckConcat(b);
                    break;
                case CastExpr ce when IsInet4(ce.Type):
                    if (!HasIpv6Branch(ce)) Add(RuleCatalog.V6008, ce.Start, ce.End - ce.Start, "a cast to Inet4Address");
                    break;
                case InstanceOfExpr io when IsInet4(io.Type):
                    CheckInstanceOfInet4(io);
                    break;
                case MethodRef { Name: "isInstance" or "cast", Target: ClassLit cl } mr when IsInet4(cl.Type):
                    if (InFilter(mr)) Add(RuleCatalog.V6009, mr.Start, mr.End - mr.Start, "a filter that keeps only Inet4Address results");
                    break;
                case IndexExpr ix:
                    CheckFirstAddress(ix);
                    break;
                case Literal { IsString: true } lit when lit.Value!.Contains("java.net.preferIPv4Stack=true", StringComparison.Ordinal):
                    Add(RuleCatalog.V6007, lit.Start, lit.End - lit.Start, "-Djava.net.preferIPv4Stack=true (every socket of the JVM becomes IPv4-only)");
                    break;
            }
        }
        _out.Sort((a, b) => a.Start.CompareTo(b.Start));
        return _out;
    }

    private void Add(RuleDescriptor rule, int start, int length, string subject, Fix? fix = null, Confidence confidence = Confidence.High)
    {
        // joins and splits in test sources build addresses of test fixtures (containers, mock servers): not reported, as in the other languages
        if (_isTest && rule.Id is "V6005" or "V6006") return;
        if (!_seen.Add((rule.Id, start))) return;
        _out.Add(new JavaFinding(rule, start, Math.Max(1, length), subject, fix, confidence));
    }

    private string Text(Node n) => _cu.Source.Substring(n.Start, n.End - n.Start);

    // ---- model rows ----

    private void CheckCall(CallExpr call)
    {
        var owner = call.Target is null ? _m.StaticImportOwner(call.Name) : Parser.DottedName(call.Target);
        var isStatic = owner is not null && LooksLikeType(owner, call);
        if (isStatic) CheckApi(call, owner!, call.Name, call.Args, isStatic: true);
        else CheckApi(call, ReceiverType(call.Target), call.Name, call.Args, isStatic: false);

        switch (call.Name)
        {
            case "put" or "setProperty" when call.Args.Count == 2 && !(owner == "System"):
                CheckConfigPut(call);
                break;
            case "split":
                CheckSplit(call);
                break;
            case "indexOf":
                CheckIndexOf(call);
                break;
            case "format" or "formatted":
                CheckFormat(call);
                break;
            case "append" when call.Args.Count == 1:
                CheckBuilderJoin(call);
                break;
            case "compile" or "matches" when call.Args.Count >= 1:
                CheckRegex(call);
                break;
            case "getByAddress":
                CheckGetByAddress(call);
                break;
        }
    }

    /// <summary>A dotted name that designates a type (capitalised last segment, not a variable in scope).</summary>
    private bool LooksLikeType(string dotted, Node at)
    {
        var last = dotted[(dotted.LastIndexOf('.') + 1)..];
        if (last.Length == 0 || !char.IsUpper(last[0])) return false;
        if (!dotted.Contains('.') && _m.FindDeclaration(dotted, at) is not null) return false;
        return true;
    }

    /// <summary>The declared type of a receiver expression when it is evident (a variable, a field, a call chain on a builder), else null.</summary>
    private string? ReceiverType(Expr? target)
    {
        switch (target)
        {
            case NameExpr n:
                return _m.TypeOfName(n.Name, n)?.Name;
            case FieldAccess { Target: NameExpr { Name: "this" } } fa:
                return _m.TypeOfName(fa.Name, fa)?.Name;
            case NewObject no:
                return no.Type.Name;
            case CallExpr c when c.Target is not null:
                // Undertow.builder().addHttpListener(..): builder() of a type returns its Builder
                if (c.Name == "builder" && Parser.DottedName(c.Target) is { } t && LooksLikeType(t, c)) return t + ".Builder";
                if (c.Name.StartsWith("add", StringComparison.Ordinal) || c.Name.StartsWith("set", StringComparison.Ordinal)) return ReceiverType(c.Target);
                if (c.Name is "createHttpServer") return "io.vertx.core.http.HttpServer";
                return null;
        }
        return null;
    }

    private IEnumerable<ApiModel> Rows(string? type, string name, bool isStatic, Node at)
    {
        foreach (var row in _rt.Apis)
        {
            if (row.Module is "env" or "file" or "jvm-options" or "spring-boot" || row.Receiver == "properties") continue;
            if (row.Name != name && row.Name != "*") continue;
            if (type is not null)
            {
                var simple = type.Contains('.') ? type[(type.LastIndexOf('.') + 1)..] : type;
                if (type.EndsWith(".Builder", StringComparison.Ordinal)) simple = "Builder";
                if (row.Receiver != simple) continue;
                if (type.EndsWith(".Builder", StringComparison.Ordinal) ? !_m.ImportsPackage(row.Module) : !_m.IsType(type, row.Module, simple)) continue;
                yield return row;
            }
            else if (!isStatic && row.Name != "new" && row.Name != "*" && _m.ImportsPackage(row.Module) && row.Kind is ApiKind.Listen)
            {
                // receiver type unknown: an instance method of an imported package's listener type
                yield return row;
            }
        }
    }

    private void CheckApi(Expr node, string? type, string name, List<Expr> args, bool isStatic)
    {
        foreach (var row in Rows(type, name, isStatic, node))
        {
            switch (row.Kind)
            {
                case ApiKind.Listen:
                    CheckListen(row, node, args);
                    break;
                case ApiKind.Dial:
                    CheckDial(row, node, args);
                    break;
                case ApiKind.Socket:
                    CheckSocket(row, node, args);
                    break;
            }
        }
    }

    private void CheckListen(ApiModel row, Expr node, List<Expr> args)
    {
        if (_isTest) return;
        foreach (var p in row.Params)
        {
            if (p.Arg is not { } i || i >= args.Count || p.Role is not ("host" or "address")) continue;
            // netty bind(host, port) vs bind(address): a host role needs the two-argument form
            if (p.Role == "host" && row.Params.Any(q => q.Role == "port") && args.Count < 2) continue;
            var host = _m.EvalHost(args[i], out var conf);
            if (host is null) continue;
            var cls = RuntimeModels.Classify(host, mayHavePort: false);
            var verdict = _rt.VerdictFor(row, cls);
            var what = $"{node switch { NewObject no => "new " + no.Type.SimpleName, CallExpr c => c.Name, _ => row.Name }}(…) on {host}{(conf ? " (the configured default)" : "")}";
            if (verdict == Verdict.Ipv4Only && cls == HostClass.Ipv4Loopback)
                Add(RuleCatalog.V6002, args[i].Start, args[i].End - args[i].Start, what);
            else if (verdict == Verdict.FirstAddress && cls == HostClass.Localhost)
                Add(RuleCatalog.V6002, args[i].Start, args[i].End - args[i].Start, what + ", which Java resolves to 127.0.0.1 first", confidence: Confidence.Low);
            return;
        }
    }

    private void CheckDial(ApiModel row, Expr node, List<Expr> args)
    {
        if (_isTest) return;
        var positional = row.Params.Where(p => p.Arg is not null).ToList();
        var candidates = positional.Count > 0
            ? positional.Where(p => p.Arg < args.Count).Select(p => (p.Role, Arg: args[p.Arg!.Value]))
            : row.Params.SelectMany(p => args.Select(a => (p.Role, Arg: a)));
        foreach (var (role, arg) in candidates)
        {
            if (role is not ("host" or "url" or "address")) continue;
            var value = _m.Eval(arg, out var conf);
            if (value is null) continue;
            if (CheckTargetValue(role, value, arg, conf)) return;
        }
    }

    /// <summary>Reports V6003 when a host / URL / address list value is an IPv4 literal other than loopback and the wildcard.</summary>
    private bool CheckTargetValue(string role, string value, Expr at, bool conf)
    {
        IEnumerable<string> hosts = role switch
        {
            "url" => new[] { JavaModel.UrlHost(value) },
            "address" => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(JavaModel.UrlHost),
            _ => new[] { value },
        };
        foreach (var h in hosts)
        {
            if (RuntimeModels.Classify(h, mayHavePort: role != "host") != HostClass.Ipv4Literal) continue;
            var literal = RuntimeModels.StripPort(h);
            if (LocalAddressProbe(at) is { } probe)
            {
                Add(RuleCatalog.V6004, at.Start, at.End - at.Start, $"{literal}, then {probe}");
                return true;
            }
            Add(RuleCatalog.V6003, at.Start, at.End - at.Start, $"{literal}{(conf ? " (the configured default)" : "")}");
            return true;
        }
        return false;
    }

    // ---- V6004: connect to an IPv4 literal, then read the socket's local address ----

    private static bool IsLocalAddressRead(string name) => name is "getLocalAddress" or "getLocalSocketAddress";

    /// <summary>
    /// The IPv4 target at <paramref name="at"/> is what a socket connects to (<c>s.connect(InetAddress.getByName("8.8.8.8"), 53)</c>,
    /// <c>new Socket("8.8.8.8", 53)</c>, directly or through a local variable) and the same method reads that socket's
    /// local address (<c>s.getLocalAddress()</c>): the "which interface routes out" trick. Returns the read, or null.
    /// </summary>
    private string? LocalAddressProbe(Expr at)
    {
        var scope = (Node?)at.Ancestor<MethodDecl>() ?? (Node?)at.Ancestor<LambdaExpr>() ?? at.Ancestor<Initializer>();
        if (scope is null) return null;
        // climb the expression the target is part of
        Node n = at;
        while (n.Parent is Expr p and not LambdaExpr and not ConditionalExpr)
        {
            if (p is CallExpr { Name: "connect" } c && c.Target is not null && c.Args.Contains(n)) return ReadOf(NameOf(c.Target), scope);
            if (p is NewObject no && no.Args.Contains(n) && no.Type.SimpleName is "Socket" or "DatagramSocket")
                return no.Parent is CallExpr r && r.Target == no && IsLocalAddressRead(r.Name) ? r.Name + "()" : ReadOf(DeclaredName(no), scope);
            n = p;
        }
        // InetAddress target = InetAddress.getByName("8.8.8.8"); … s.connect(target, 53)
        var variable = DeclaredName(n);
        if (variable is null) return null;
        foreach (var d in scope.DescendantsAndSelf())
        {
            if (d is CallExpr { Name: "connect" } c && c.Target is not null && c.Args.Any(a => a.DescendantsAndSelf().Any(x => x is NameExpr ne && ne.Name == variable)) &&
                ReadOf(NameOf(c.Target), scope) is { } read) return read;
            if (d is NewObject { Type.SimpleName: "Socket" or "DatagramSocket" } no && no.Args.Any(a => a is NameExpr ne && ne.Name == variable) &&
                ReadOf(DeclaredName(no), scope) is { } read2) return read2;
        }
        return null;
    }

    private static string? DeclaredName(Node n) => n.Parent switch
    {
        VarDeclarator v => v.Name,
        AssignExpr { Target: NameExpr t } a when a.Value == n => t.Name,
        _ => null,
    };

    private static string? ReadOf(string? socket, Node scope)
    {
        if (socket is null) return null;
        foreach (var d in scope.DescendantsAndSelf())
            if (d is CallExpr c && IsLocalAddressRead(c.Name) && c.Target is not null && NameOf(c.Target) == socket) return $"{socket}.{c.Name}()";
        return null;
    }

    /// <summary>props.put("bootstrap.servers", "10.0.0.5:9092") and the …_CONFIG constants of client config classes.</summary>
    private void CheckConfigPut(CallExpr call)
    {
        if (_isTest) return;
        var key = _m.Eval(call.Args[0]);
        if (key is null && call.Args[0] is FieldAccess { Name: var constName } && constName.EndsWith("_CONFIG", StringComparison.Ordinal))
            key = constName[..^"_CONFIG".Length].ToLowerInvariant().Replace('_', '.');
        if (key is null) return;
        foreach (var row in _rt.Apis.Where(r => r.Receiver == "properties" && r.Kind == ApiKind.Dial && r.Module != "spring-boot" && r.Name == key))
        {
            var value = _m.Eval(call.Args[1], out var conf);
            if (value is null) continue;
            CheckTargetValue(row.Params.FirstOrDefault()?.Role ?? "address", value, call.Args[1], conf);
        }
    }

    private void CheckSocket(ApiModel row, Expr node, List<Expr> args)
    {
        if (row.Id == "jvm.java.lang.System.setProperty")
        {
            if (args.Count != 2) return;
            var flag = _rt.Apis.First(r => r.Id == "jvm.option.preferIPv4Stack");
            if (_m.Eval(args[0]) != flag.Name) return;
            var v = _m.Eval(args[1]);
            var values = flag.Params[0].Values!;
            if (v is null || !values.TryGetValue(v.Trim().ToLowerInvariant(), out var fam) || fam != "ipv4") return;
            Fix? fix = null;
            if (node.Parent is ExprStmt st && st.Parent is Block) fix = new Fix("Remove the java.net.preferIPv4Stack=true setting (check why it was set first)", FixSafety.Unsafe, new[] { RemoveLine(st) });
            Add(RuleCatalog.V6007, node.Start, node.End - node.Start, "System.setProperty(\"java.net.preferIPv4Stack\", \"true\") (every socket of the JVM becomes IPv4-only)", fix);
            return;
        }
        foreach (var p in row.Params)
        {
            if (p.Role != "family" || p.Arg is not { } i || i >= args.Count || p.Values is null) continue;
            var written = args[i] switch { FieldAccess fa => fa.Name, NameExpr n => n.Name, _ => null };
            if (written is null || !p.Values.TryGetValue(written, out var fam) || fam != "ipv4") continue;
            var six = p.Values.FirstOrDefault(kv => kv.Value == "dual").Key;
            var nameStart = args[i] is FieldAccess f2 ? f2.NameStart : args[i].Start;
            Fix? fix = six is null ? null : new Fix($"Use {six} (accepts IPv4-mapped addresses too)", FixSafety.Unsafe, new[] { new TextEdit(nameStart, written.Length, six) });
            Add(RuleCatalog.V6007, args[i].Start, args[i].End - args[i].Start, $"{Text(args[i])}", fix);
        }
    }

    private TextEdit RemoveLine(Node st)
    {
        var src = _cu.Source;
        var start = st.Start;
        while (start > 0 && src[start - 1] is ' ' or '\t') start--;
        var end = st.End;
        while (end < src.Length && src[end] is ' ' or '\t') end++;
        if (end < src.Length && src[end] == '\r') end++;
        if (end < src.Length && src[end] == '\n') end++;
        if (start > 0 && src[start - 1] != '\n') start = st.Start; // not alone on its line
        return new TextEdit(start, end - start, "");
    }

    // ---- V6005: joins ----

    private static bool IsHostName(string name)
    {
        var n = name.ToLowerInvariant();
        if (n.StartsWith("get", StringComparison.Ordinal)) n = n[3..];
        return n.EndsWith("host", StringComparison.Ordinal) || n.EndsWith("hostname", StringComparison.Ordinal) || n.EndsWith("hoststring", StringComparison.Ordinal) ||
               n.EndsWith("hostaddress", StringComparison.Ordinal) || n is "ip" or "addr" or "address" or "ipaddress" or "ipaddr" or "server" or "serverhost" or "domain" ||
               n.EndsWith("ip", StringComparison.Ordinal) && n.Length <= 12 && !n.EndsWith("ship", StringComparison.Ordinal) && !n.EndsWith("zip", StringComparison.Ordinal) && !n.EndsWith("skip", StringComparison.Ordinal) && !n.EndsWith("tip", StringComparison.Ordinal) && !n.EndsWith("clip", StringComparison.Ordinal) && !n.EndsWith("chip", StringComparison.Ordinal) && !n.EndsWith("strip", StringComparison.Ordinal) && !n.EndsWith("flip", StringComparison.Ordinal) ||
               n.EndsWith("addr", StringComparison.Ordinal);
    }

    private static string? NameOf(Expr e) => e switch
    {
        NameExpr n => n.Name,
        FieldAccess f => f.Name,
        CallExpr { Args.Count: 0 } c => c.Name,
        ParenExpr p => NameOf(p.Inner),
        _ => null,
    };

    private bool IsHostLike(Expr e)
    {
        var name = NameOf(e);
        if (name is null || !IsHostName(name)) return false;
        // a constant host without a colon (a name like "redis") cannot be IPv6
        var v = _m.Eval(e);
        if (v is not null && !v.Contains(':')) return false;
        return true;
    }

    private bool IsPortLike(Expr e)
    {
        if (e is Literal { Kind: TokenKind.Int }) return true;
        var name = NameOf(e);
        if (name is not null && IsPortWord(name)) return true;
        if (e is CallExpr { Name: "valueOf" or "toString", Args: [var a] }) return IsPortLike(a);
        if (e is CallExpr c)
        {
            // container.getMappedPort(5672), service.ports().get(PORT)
            if (IsPortWord(c.Name)) return true;
            if (c.Name == "get" && c.Args.Count == 1 && c.Target is not null && NameOf(c.Target) is { } rn && IsPortWord(rn)) return true;
        }
        return false;
    }

    private static readonly string[] NotPortWords = { "report", "support", "import", "export", "transport", "passport", "portal", "portion", "portrait", "portable", "portfolio" };

    /// <summary>
    /// A name that says "port": one of its camelCase/snake_case words is port or ports (getMappedPort, cartsPort,
    /// PORT_KEY), or a one-word lower-case name contains it (serverport) — not report, support, transport….
    /// </summary>
    internal static bool IsPortWord(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] is '_' or '$' || char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || i + 1 < name.Length && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1])) || char.IsAsciiDigit(name[i]) != char.IsAsciiDigit(name[i - 1]))
            {
                var w = name[start..i].Trim('_', '$');
                if (w.Length > 0) words.Add(w.ToLowerInvariant());
                start = i;
            }
        }
        if (words.Any(w => w is "port" or "ports")) return true;
        if (words.Count != 1) return false;
        var n = words[0];
        foreach (var w in NotPortWords) n = n.Replace(w, "", StringComparison.Ordinal);
        return n.Contains("port", StringComparison.Ordinal);
    }

    /// <summary>Fix text for a host expression: bracket it when it contains ':' and is not bracketed yet (IPv4 and names are unchanged).</summary>
    private string? BracketedHost(Expr host)
    {
        if (host is not (NameExpr or FieldAccess or CallExpr { Args.Count: 0 })) return null;
        if (host is FieldAccess fa && fa.Target is not (NameExpr or FieldAccess)) return null;
        if (host is CallExpr c && !(c.Name.StartsWith("get", StringComparison.Ordinal) && IsHostName(c.Name))) return null;
        if (host is NameExpr n && _m.TypeOfName(n.Name, n) is { } t && t.Name is not ("String" or "var")) return null;
        var h = Text(host);
        return $"({h}.indexOf(':') >= 0 && !{h}.startsWith(\"[\") ? \"[\" + {h} + \"]\" : {h})";
    }

    private bool IsLoggingOrMessage(Node n)
    {
        for (var p = n.Parent; p != null && p is not Stmt && p is not Member; p = p.Parent)
        {
            if (p is CallExpr c)
            {
                if (c.Name is "info" or "debug" or "warn" or "error" or "trace" or "fine" or "finer" or "severe" or "warning" or "log" or "println" or "print" or "printf") return true;
            }
            if (p is NewObject no && (no.Type.SimpleName.EndsWith("Exception", StringComparison.Ordinal) || no.Type.SimpleName.EndsWith("Error", StringComparison.Ordinal))) return true;
        }
        return false;
    }

    private bool ChecksForIpv6(Expr host, Node at)
    {
        var name = NameOf(host);
        var method = (Node?)at.Ancestor<MethodDecl>() ?? at.Ancestor<TypeDecl>();
        if (method is null || name is null) return false;
        var checks = Ipv6ChecksIn(method);
        if (checks.Inet6) return true;
        return checks.ByName.TryGetValue(name, out var calls) && calls.Any(c => c != at);
    }

    // Per method (or type): the calls x.contains/indexOf/startsWith(":" or "[") by receiver name, and whether it tests
    // `instanceof Inet6Address`: computed once per scope instead of once per finding (a class with many findings at
    // field level walked the whole class for each).
    private readonly Dictionary<Node, (Dictionary<string, List<CallExpr>> ByName, bool Inet6)> _ipv6Checks = new(ReferenceEqualityComparer.Instance);

    private (Dictionary<string, List<CallExpr>> ByName, bool Inet6) Ipv6ChecksIn(Node scope)
    {
        if (_ipv6Checks.TryGetValue(scope, out var found)) return found;
        var byName = new Dictionary<string, List<CallExpr>>(StringComparer.Ordinal);
        var inet6 = false;
        foreach (var d in scope.DescendantsAndSelf())
        {
            if (d is CallExpr { Name: "contains" or "indexOf" or "startsWith" } c && c.Target is not null && NameOf(c.Target) is { } receiver &&
                c.Args.Count == 1 && _m.Eval(c.Args[0]) is ":" or "[")
            {
                if (!byName.TryGetValue(receiver, out var list)) byName[receiver] = list = new List<CallExpr>();
                list.Add(c);
            }
            if (d is InstanceOfExpr io && io.Type.SimpleName == "Inet6Address") inet6 = true;
        }
        return _ipv6Checks[scope] = (byName, inet6);
    }

    private void CheckConcat(BinaryExpr top)
    {
        var ops = new List<Expr>();
        Flatten(top, ops);
        for (var i = 0; i + 1 < ops.Count; i++)
        {
            if (!IsHostLike(ops[i])) continue;
            if (ops[i + 1] is not Literal { IsString: true } sep) continue;
            var sv = sep.Value!;
            bool portFollows;
            if (sv == ":") portFollows = i + 2 < ops.Count && IsPortLike(ops[i + 2]);
            else portFollows = sv.Length > 1 && sv[0] == ':' && char.IsAsciiDigit(sv[1]);
            if (!portFollows) continue;
            if (i > 0 && ops[i - 1] is Literal { IsString: true } prev && prev.Value!.EndsWith('[')) continue;
            if (IsLoggingOrMessage(top) || ChecksForIpv6(ops[i], top) || IsLastColonSplitHost(ops[i])) continue;
            var end = sv == ":" ? ops[i + 2].End : sep.End;
            var repl = BracketedHost(ops[i]);
            var fix = repl is null ? null : new Fix("Bracket the host when it is an IPv6 literal", FixSafety.Safe, new[] { new TextEdit(ops[i].Start, ops[i].End - ops[i].Start, repl) });
            Add(RuleCatalog.V6005, ops[i].Start, end - ops[i].Start, $"{Text(ops[i])} + \":\" + …", fix);
        }
    }

    private static void Flatten(Expr e, List<Expr> ops)
    {
        if (e is BinaryExpr { Op: "+" } b)
        {
            Flatten(b.Left, ops);
            Flatten(b.Right, ops);
        }
        else ops.Add(e);
    }

    private void CheckFormat(CallExpr call)
    {
        Expr? fmtExpr;
        List<Expr> args;
        if (call.Name == "format" && call.Target is NameExpr { Name: "String" } && call.Args.Count >= 1) { fmtExpr = call.Args[0]; args = call.Args.Skip(1).ToList(); }
        else if (call.Name == "formatted" && call.Target is not null) { fmtExpr = call.Target; args = call.Args; }
        else return;
        var fmt = _m.Eval(fmtExpr);
        if (fmt is null) return;
        // find %s:%d / %s:%s and the argument index of the host
        var specIndex = 0;
        for (var i = 0; i < fmt.Length - 1; i++)
        {
            if (fmt[i] != '%') continue;
            var spec = fmt[i + 1];
            if (spec == '%' || spec == 'n') { i++; continue; }
            if (spec == 's' && i + 4 < fmt.Length && fmt[i + 2] == ':' && fmt[i + 3] == '%' && fmt[i + 4] is 'd' or 's')
            {
                var bracketed = i > 0 && fmt[i - 1] == '[';
                if (!bracketed && specIndex + 1 < args.Count && !IsLoggingOrMessage(call))
                {
                    var host = args[specIndex];
                    var port = args[specIndex + 1];
                    var hostLike = IsHostLike(host) || IsPortLike(port) && NameOf(host) is { } hn && !hn.Contains("key", StringComparison.OrdinalIgnoreCase) && !hn.Contains("name", StringComparison.OrdinalIgnoreCase) && _m.Eval(host) is null;
                    if (hostLike && IsPortLike(port) && !ChecksForIpv6(host, call))
                    {
                        var repl = BracketedHost(host);
                        var fix = repl is null ? null : new Fix("Bracket the host when it is an IPv6 literal", FixSafety.Safe, new[] { new TextEdit(host.Start, host.End - host.Start, repl) });
                        Add(RuleCatalog.V6005, call.Start, call.End - call.Start, $"{call.Name}(\"…%s:%{fmt[i + 4]}…\")", fix);
                    }
                }
            }
            specIndex++;
            i++;
        }
    }

    /// <summary>sb.append(host).append(":").append(port).</summary>
    private void CheckBuilderJoin(CallExpr sepCall)
    {
        if (_m.Eval(sepCall.Args[0]) != ":") return;
        if (sepCall.Target is not CallExpr { Name: "append", Args: [var host] }) return;
        if (sepCall.Parent is not FieldAccess && sepCall.Parent is not CallExpr { Name: "append" }) return;
        var next = sepCall.Parent as CallExpr;
        if (next is null || next.Target != sepCall || next.Args.Count != 1 || !IsPortLike(next.Args[0])) return;
        if (!IsHostLike(host) || IsLoggingOrMessage(sepCall) || ChecksForIpv6(host, sepCall)) return;
        var repl = BracketedHost(host);
        var fix = repl is null ? null : new Fix("Bracket the host when it is an IPv6 literal", FixSafety.Safe, new[] { new TextEdit(host.Start, host.End - host.Start, repl) });
        Add(RuleCatalog.V6005, host.Start, next.End - host.Start, $"append({Text(host)}).append(\":\")", fix);
    }

    // ---- V6006: splits ----

    private static bool IsAddressName(string? name)
    {
        if (name is null) return false;
        var n = name.ToLowerInvariant();
        return IsHostName(name) || n.Contains("address") || n.Contains("endpoint") || n.Contains("hostport") || n.Contains("authority") || n.EndsWith("addr") ||
               n.Contains("server") || n.Contains("broker") || n.Contains("target") || n.Contains("peer") || n.Contains("node") && n.Contains("addr");
    }

    private void CheckSplit(CallExpr call)
    {
        if (call.Target is null || call.Args.Count is < 1 or > 2) return;
        if (_m.Eval(call.Args[0]) != ":") return;
        var receiverName = NameOf(call.Target);
        var assigned = call.Parent switch
        {
            VarDeclarator v => v.Name,
            AssignExpr { Target: NameExpr n } => n.Name,
            _ => null,
        };
        if (!IsAddressName(receiverName) && !IsAddressName(assigned) && !ResultUsedAsPort(call, assigned)) return;
        var lit = call.Args[0];
        var edits = new List<TextEdit>
        {
            new(call.Target.End, 0, ".replaceFirst(\"^\\\\[\", \"\")"),
            new(lit.Start, lit.End - lit.Start, "\"\\\\]?:(?=[^:]*$)\""),
        };
        var fix = call.Target is NameExpr or FieldAccess or CallExpr { Args.Count: 0 }
            ? new Fix("Split on the last ':' and strip the brackets of [IPv6]:port", FixSafety.Safe, edits)
            : null;
        Add(RuleCatalog.V6006, call.Start, call.End - call.Start, $"{Text(call.Target)}.split(\":\")", fix);
    }

    /// <summary>String[] parts = s.split(":"); … Integer.parseInt(parts[1]).</summary>
    private bool ResultUsedAsPort(Node at, string? variable)
    {
        if (variable is null) return false;
        var scope = (Node?)at.Ancestor<MethodDecl>() ?? at.Ancestor<LambdaExpr>();
        if (scope is null) return false;
        return scope.DescendantsAndSelf().Any(d => d is CallExpr { Name: "parseInt" or "valueOf", Args: [IndexExpr { Target: NameExpr t, Index: Literal { Raw: "1" } }] } && t.Name == variable);
    }

    private void CheckIndexOf(CallExpr call)
    {
        if (call.Target is null || call.Args.Count != 1) return;
        var v = _m.Eval(call.Args[0]);
        if (v != ":") return;
        var receiver = NameOf(call.Target);
        if (!IsAddressName(receiver)) return;
        // used as a split point: a substring of the same receiver in the method
        var scope = (Node?)call.Ancestor<MethodDecl>() ?? call.Ancestor<TypeDecl>();
        if (scope is null || !scope.DescendantsAndSelf().Any(d => d is CallExpr { Name: "substring" } s && s.Target is not null && NameOf(s.Target) == receiver)) return;
        if (ChecksForIpv6(call.Target, call) || GuardedBySchemePrefix(call.Target, call)) return;
        var fix = new Fix("Split on the last ':' (lastIndexOf); InetAddress.getByName accepts the bracketed [IPv6] host", FixSafety.Safe,
            new[] { new TextEdit(call.NameStart, "indexOf".Length, "lastIndexOf") });
        Add(RuleCatalog.V6006, call.Start, call.End - call.Start, $"{Text(call.Target)}.indexOf(':')", fix);
    }

    /// <summary>
    /// <c>if (target.startsWith("tcp:")) … target.indexOf(':')</c>: the receiver is known to begin with a scheme, so its
    /// first colon is the scheme's, not a host/port separator.
    /// </summary>
    private bool GuardedBySchemePrefix(Expr receiver, Node at)
    {
        var name = NameOf(receiver);
        if (name is null) return false;
        for (var p = at.Parent; p != null && p is not MethodDecl && p is not LambdaExpr; p = p.Parent)
        {
            var cond = p switch
            {
                IfStmt s when IsWithin(at, s.Then) => s.Cond,
                ConditionalExpr c when IsWithin(at, c.Then) => c.Cond,
                _ => null,
            };
            if (cond is null) continue;
            foreach (var d in cond.DescendantsAndSelf())
                if (d is CallExpr { Name: "startsWith", Args: [var a] } sw && sw.Target is not null && NameOf(sw.Target) == name &&
                    _m.Eval(a) is { Length: > 1 } prefix && prefix[^1] == ':' && prefix[..^1].All(char.IsAsciiLetterOrDigit))
                    return true;
        }
        return false;
    }

    private static bool IsWithin(Node n, Node outer) => n.Start >= outer.Start && n.End <= outer.End;

    /// <summary>
    /// <c>parsed.host + ":" + parsed.port</c> where the class of <c>parsed</c> sets <c>host</c> from
    /// <c>input.substring(0, input.lastIndexOf(':'))</c>: a split on the last colon keeps the brackets of
    /// <c>[v6]:port</c>, so joining the parts again gives the same, unambiguous text.
    /// </summary>
    private bool IsLastColonSplitHost(Expr host)
    {
        if (host is ParenExpr pe) return IsLastColonSplitHost(pe.Inner);
        if (host is not FieldAccess fa) return false;
        TypeDecl? owner = null;
        if (fa.Target is NameExpr { Name: "this" }) owner = fa.Ancestor<TypeDecl>();
        else
        {
            TypeRef? t = fa.Target switch
            {
                NameExpr n => _m.TypeOfName(n.Name, n),
                FieldAccess { Target: NameExpr { Name: "this" } } f2 => _m.TypeOfName(f2.Name, f2),
                _ => null,
            };
            if (t is null) return false;
            var simple = t.SimpleName;
            if (_typesByName is null)
            {
                _typesByName = new Dictionary<string, TypeDecl>(StringComparer.Ordinal);
                foreach (var d in _cu.DescendantsAndSelf().OfType<TypeDecl>()) _typesByName.TryAdd(d.Name, d); // the first, as FirstOrDefault
            }
            owner = _typesByName.GetValueOrDefault(simple);
        }
        if (owner is null) return false;
        return LastColonSplitFields(owner).Contains(fa.Name);
    }

    // Per file: type declarations by name; per type: the fields assigned `x.substring(0, <last colon>)` in it (both
    // were whole-file/whole-class walks per finding).
    private Dictionary<string, TypeDecl>? _typesByName;
    private readonly Dictionary<TypeDecl, HashSet<string>> _lastColonSplitFields = new(ReferenceEqualityComparer.Instance);

    private HashSet<string> LastColonSplitFields(TypeDecl owner)
    {
        if (_lastColonSplitFields.TryGetValue(owner, out var found)) return found;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in owner.DescendantsAndSelf())
        {
            if (d is not AssignExpr { Op: "=" } a) continue;
            var targetName = a.Target switch { FieldAccess { Target: NameExpr { Name: "this" } } f => f.Name, NameExpr n => n.Name, _ => null };
            if (targetName is null || names.Contains(targetName) || d.Ancestor<TypeDecl>() != owner) continue;
            if (a.Value is CallExpr { Name: "substring", Args: [Literal { Raw: "0" }, var end] } && IsLastColonIndex(end)) names.Add(targetName);
        }
        return _lastColonSplitFields[owner] = names;
    }

    private bool IsLastColonIndex(Expr e)
    {
        if (e is NameExpr n && _m.FindDeclaration(n.Name, n) is { Init: { } init }) e = init;
        return e is CallExpr { Name: "lastIndexOf", Args: [var a] } && _m.Eval(a) == ":";
    }

    // ---- V6008 ----

    private bool IsInet4(TypeRef t) => t.Dims == 0 && _m.IsType(t.Name, "java.net", "Inet4Address");

    private bool HasIpv6Branch(Node at)
    {
        var scope = (Node?)at.Ancestor<MethodDecl>() ?? at.Ancestor<TypeDecl>();
        return scope is not null && scope.DescendantsAndSelf().Any(d =>
            d is TypeRef { SimpleName: "Inet6Address" } || d is InstanceOfExpr { Type.SimpleName: "Inet6Address" } || d is NameExpr { Name: "Inet6Address" } ||
            d is FieldAccess { Name: "Inet6Address" });
    }

    private bool InFilter(Node n)
    {
        for (var p = n.Parent; p != null && p is not Stmt; p = p.Parent)
            if (p is CallExpr { Name: "filter" or "anyMatch" or "takeWhile" or "removeIf" }) return true;
        return false;
    }

    private void CheckInstanceOfInet4(InstanceOfExpr io)
    {
        if (InFilter(io)) { Add(RuleCatalog.V6009, io.Start, io.End - io.Start, "a filter that keeps only Inet4Address results"); return; }
        if (!HasIpv6Branch(io)) Add(RuleCatalog.V6008, io.Start, io.End - io.Start, "instanceof Inet4Address with no IPv6 branch");
    }

    private void CheckRegex(CallExpr call)
    {
        var arg = call.Name == "compile" ? (Parser.DottedName(call.Target ?? new NameExpr { Name = "" }) == "Pattern" ? call.Args[0] : null) : call.Args.Count == 1 ? call.Args[0] : null;
        if (arg is null) return;
        var re = _m.Eval(arg);
        if (re is null || !IsDottedQuadRegex(re)) return;
        Add(RuleCatalog.V6008, arg.Start, arg.End - arg.Start, "a dotted-quad regular expression");
    }

    /// <summary>A regex that matches four dot-separated decimal groups: \d{1,3}\. ×3, [0-9]{1,3}, 25[0-5]|2[0-4]\d…</summary>
    public static bool IsDottedQuadRegex(string re)
    {
        if (!re.Contains("\\.", StringComparison.Ordinal)) return false;
        var groups = CountOccurrences(re, "{1,3}") + CountOccurrences(re, "25[0-5]");
        var dots = CountOccurrences(re, "\\.");
        return groups >= 1 && (dots >= 3 || re.Contains("{3}", StringComparison.Ordinal)) && !re.Contains("a-f", StringComparison.OrdinalIgnoreCase);
    }

    private static int CountOccurrences(string s, string sub)
    {
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private void CheckGetByAddress(CallExpr call)
    {
        if (call.Args.Count == 0) return;
        var arr = call.Args[^1];
        if (arr is NameExpr n && _m.FindDeclaration(n.Name, n) is { Init: { } init }) arr = init;
        var four = arr switch
        {
            NewArray { Init.Items.Count: 4 } => true,
            NewArray { DimExprs: [Literal { Raw: "4" }] } => true,
            _ => false,
        };
        if (four) Add(RuleCatalog.V6008, call.Start, call.End - call.Start, "InetAddress.getByAddress with a 4-byte array");
    }

    // ---- V6009 ----

    private void CheckFirstAddress(IndexExpr ix)
    {
        if (ix.Index is not Literal { Raw: "0" }) return;
        var target = ix.Target;
        if (target is NameExpr n && _m.FindDeclaration(n.Name, n) is { Init: { } init } && !_m.IsReassigned(n.Name)) target = init;
        if (target is CallExpr { Name: "getAllByName" } c && (c.Target is null || Parser.DottedName(c.Target) is "InetAddress" or "java.net.InetAddress"))
            Add(RuleCatalog.V6009, ix.Start, ix.End - ix.Start, "InetAddress.getAllByName(…)[0] (IPv4 comes first by default)");
    }
}

internal static class TypeRefExtensions
{
    public static string ToStringName(this TypeRef t) => t.Name;
}

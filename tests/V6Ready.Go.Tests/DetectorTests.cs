using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>Each rule: positives and negatives (including Go's dual-stack look-alikes).</summary>
public class DetectorTests
{
    [Theory]
    // V6007: IPv4-only networks
    [InlineData("net.Listen(\"tcp4\", \":8080\")", "V6007")]
    [InlineData("net.Dial(\"udp4\", \"db:53\")", "V6007")]
    [InlineData("net.ListenPacket(\"ip4:icmp\", \"0.0.0.0\")", "V6007")]
    [InlineData("net.ListenTCP(\"tcp4\", &net.TCPAddr{IP: net.IPv4zero, Port: 80})", "V6007")]
    [InlineData("net.ResolveUDPAddr(\"udp4\", \"db:53\")", "V6007")]
    [InlineData("var d net.Dialer\nd.DialContext(nil, \"tcp4\", \"db:80\")", "V6007")]
    [InlineData("const network = \"tcp4\"\nnet.Listen(network, \":80\")", "V6007")]
    // V6002: loopback listeners (Go takes 127.0.0.1 for "localhost" too)
    [InlineData("net.Listen(\"tcp\", \"127.0.0.1:8080\")", "V6002")]
    [InlineData("net.Listen(\"tcp\", \"localhost:8080\")", "V6002")]
    [InlineData("http.ListenAndServe(\"127.0.0.1:9090\", nil)", "V6002")]
    [InlineData("srv := &http.Server{Addr: \"localhost:8080\"}\n_ = srv", "V6002")]
    [InlineData("addr := os.Getenv(\"ADDR\")\nif addr == \"\" {\n\taddr = \"127.0.0.1:8080\"\n}\nnet.Listen(\"tcp\", addr)", "V6002")]
    [InlineData("net.Listen(\"tcp\", fmt.Sprintf(\"127.0.0.1:%d\", port))", "V6002")]
    [InlineData("net.ListenTCP(\"tcp\", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: port})", "V6002")]
    [InlineData("net.Listen(\"tcp\", \"127.0.0.1:\"+strconv.Itoa(port))", "V6002")]
    // V6003: literal IPv4 dial targets
    [InlineData("net.Dial(\"tcp\", \"10.0.0.12:27017\")", "V6003")]
    [InlineData("http.Get(\"http://192.168.1.10:8080/health\")", "V6003")]
    [InlineData("http.NewRequest(\"GET\", \"http://52.1.2.3/x\", nil)", "V6003")]
    [InlineData("const upstream = \"172.16.0.5:443\"\nnet.DialTimeout(\"tcp\", upstream, d)", "V6003")]
    [InlineData("net.DialTCP(\"tcp\", nil, &net.TCPAddr{IP: net.ParseIP(\"10.1.2.3\"), Port: 80})", "V6003")]
    [InlineData("net.Dial(\"udp\", \"8.8.8.8:53\")", "V6003")]
    [InlineData("_ = &redisOptions{Addr: \"10.1.2.3:6379\"}", "V6003")]
    [InlineData("_ = grpcTarget(grpc.Dial(\"10.0.0.7:50051\"))", "V6003")]
    // V6007: raw sockets
    [InlineData("syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)", "V6007")]
    // V6004: the 8.8.8.8 trick
    [InlineData("conn, _ := net.Dial(\"udp\", \"8.8.8.8:80\")\n_ = conn.LocalAddr()", "V6004")]
    [InlineData("c, _ := net.DialUDP(\"udp\", nil, &net.UDPAddr{IP: net.IPv4(1, 1, 1, 1), Port: 80})\n_ = c.LocalAddr().String()", "V6004")]
    [InlineData("raddr, _ := net.ResolveUDPAddr(\"udp\", \"8.8.8.8:80\")\nc, _ := net.DialUDP(\"udp\", nil, raddr)\n_ = c.LocalAddr()", "V6004")]
    // V6005: host:port joins
    [InlineData("_ = fmt.Sprintf(\"%s:%d\", host, port)", "V6005")]
    [InlineData("_ = fmt.Sprintf(\"%s:%s\", host, sport)", "V6005")]
    [InlineData("_ = fmt.Sprintf(\"http://%s:%d/metrics\", host, port)", "V6005")]
    [InlineData("_ = host + \":\" + sport", "V6005")]
    [InlineData("_ = \"http://\" + host + \":\" + sport + \"/x\"", "V6005")]
    [InlineData("_ = host + \":8080\"", "V6005")]
    [InlineData("h := os.Getenv(\"DB_HOST\")\n_ = h + \":\" + sport", "V6005")]
    [InlineData("a := fmt.Sprintf(\"%s:%s\", x, y)\nnet.Dial(\"tcp\", a)", "V6005")]
    [InlineData("net.Dial(\"tcp\", fmt.Sprintf(\"%v:%v\", a, b))", "V6005")]
    [InlineData("h := getEnv(\"HOST\", \"0.0.0.0\")\n_ = h + \":\" + sport", "V6005")]
    // V6006: splitting on ':'
    [InlineData("_ = strings.Split(addr, \":\")[0]", "V6006")]
    [InlineData("parts := strings.SplitN(hostPort, \":\", 2)\n_ = parts", "V6006")]
    [InlineData("i := strings.Index(r.Host, \":\")\n_ = i", "V6006")]
    [InlineData("h, p, _ := strings.Cut(serverAddr, \":\")\n_, _ = h, p", "V6006")]
    [InlineData("c, _ := net.Dial(\"tcp\", \"db:1\")\n_ = strings.Split(c.RemoteAddr().String(), \":\")", "V6006")]
    // V6008
    [InlineData("_ = ip.To4()[0]", "V6008")]
    [InlineData("v4 := ip.To4()\n_ = v4[3]", "V6008")]
    [InlineData("if len(ip) == 4 {\n}", "V6008")]
    [InlineData("if len(ip) != net.IPv4len {\n}", "V6008")]
    [InlineData("_ = regexp.MustCompile(`^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$`)", "V6008")]
    [InlineData("_ = regexp.MustCompile(\"^([0-9]{1,3}\\\\.){3}[0-9]{1,3}$\")", "V6008")]
    // V6009
    [InlineData("ips, _ := net.LookupIP(host)\n_ = ips[0]", "V6009")]
    [InlineData("addrs, _ := net.DefaultResolver.LookupHost(nil, host)\n_ = addrs[0]", "V6009")]
    [InlineData("_, _ = net.DefaultResolver.LookupIP(nil, \"ip4\", host)", "V6009")]
    [InlineData("ips, _ := net.LookupIP(host)\nfor _, a := range ips {\n\tif a.To4() != nil {\n\t\t_ = a\n\t}\n}", "V6009")]
    public void Positive(string body, string rule)
    {
        var code = InFunc(body + "\n_ = d\n_ = ip\n_ = sport\n_ = port\n_ = host") + Helpers;
        var ids = RuleIds(code);
        Assert.True(ids.Contains(rule), $"expected {rule}, got [{string.Join(", ", ids)}] for:\n{body}");
    }

    private const string Helpers = "\nvar addr, hostPort, serverAddr, x, y, a, b string\nvar r *http.Request\n\nfunc getEnv(k, fallback string) string {\n\tif v := os.Getenv(k); v != \"\" {\n\t\treturn v\n\t}\n\treturn fallback\n}\n";

    [Theory]
    // Go's dual-stack look-alikes
    [InlineData("net.Listen(\"tcp\", \":8080\")")]
    [InlineData("net.Listen(\"tcp\", \"0.0.0.0:8080\")")]
    [InlineData("net.Listen(\"tcp\", \"[::]:8080\")")]
    [InlineData("http.ListenAndServe(\":8080\", nil)")]
    [InlineData("http.ListenAndServe(\"0.0.0.0:8080\", nil)")]
    [InlineData("http.ListenAndServe(fmt.Sprintf(\":%d\", port), nil)")]
    [InlineData("net.ListenTCP(\"tcp\", &net.TCPAddr{IP: net.IPv4zero, Port: 80})")]
    [InlineData("net.ListenPacket(\"udp\", \":8125\")")]
    [InlineData("net.Listen(\"tcp6\", \"[::1]:80\")")]
    [InlineData("net.Listen(\"tcp\", \"[::1]:8080\")")]
    [InlineData("_ = net.JoinHostPort(host, sport)")]
    [InlineData("h, p, _ := net.SplitHostPort(addr)\n_, _ = h, p")]
    [InlineData("net.Dial(\"tcp\", net.JoinHostPort(host, strconv.Itoa(port)))")]
    // connecting to loopback or a name is fine
    [InlineData("net.Dial(\"tcp\", \"127.0.0.1:6379\")")]
    [InlineData("net.Dial(\"tcp\", \"localhost:6379\")")]
    [InlineData("http.Get(\"http://catalogue/health\")")]
    // versions, masks and non-address text
    [InlineData("_ = \"1.2.3.4\"")]
    [InlineData("m := net.IPv4Mask(255, 255, 255, 0)\n_ = m")]
    [InlineData("_ = net.ParseIP(\"255.255.255.0\")")]
    [InlineData("_ = fmt.Sprintf(\"%02d:%02d\", 1, 2)")]
    [InlineData("_ = fmt.Sprintf(\"%d:%d\", port, port)")]
    [InlineData("_ = fmt.Sprintf(\"%s: %v\", key, value)")]
    [InlineData("_ = fmt.Sprintf(\"%s:%s\", user, password)")]
    [InlineData("_ = fmt.Sprintf(\"%s.%s:%d\", id, host, port)")]
    [InlineData("network := \"unix\"\nnet.Dial(\"tcp\", fmt.Sprintf(\"%s:%s\", network, addr))")]
    [InlineData("_ = \"key: \" + value")]
    [InlineData("_ = name + \": \" + value")]
    [InlineData("_ = \":\" + sport")]
    [InlineData("_ = \"localhost:\" + sport")]
    [InlineData("const h = \"db\"\n_ = h + \":\" + sport")]
    [InlineData("_ = strings.Split(line, \":\")")]
    [InlineData("_ = strings.Split(addr, \",\")")]
    [InlineData("_ = strings.LastIndex(addr, \":\")")]
    // To4 with a fallback is a family check
    [InlineData("if ip.To4() != nil {\n}")]
    [InlineData("_ = net.IPv4(10, 0, 0, 1).To4()[0]")]
    [InlineData("v4 := net.ParseIP(\"192.0.2.1\").To4()\n_ = v4[0]")]
    [InlineData("if strings.IndexByte(host, ':') >= 0 {\n\t_ = \"[\" + host + \"]:\" + sport\n} else {\n\t_ = host + \":\" + sport\n}")]
    [InlineData("if len(ip.To4()) == net.IPv4len {\n} else if len(ip) == net.IPv6len {\n}")]
    [InlineData("if v4 := ip.To4(); v4 != nil {\n\t_ = v4[0]\n}")]
    [InlineData("v4 := ip.To4()\nif v4 == nil {\n\treturn\n}\n_ = v4[0]")]
    [InlineData("if len(ip) == net.IPv4len {\n} else if len(ip) == net.IPv6len {\n}")]
    [InlineData("_ = regexp.MustCompile(`^[a-z]+\\.[a-z]+$`)")]
    // lookups that keep every address
    [InlineData("ips, _ := net.LookupIP(host)\nfor _, a := range ips {\n\t_ = a\n}")]
    [InlineData("ips := []string{\"a\"}\n_ = ips[0]")]
    // client configuration by name, and server Addr fields that Go binds dual-stack
    [InlineData("_ = &redisOptions{Addr: \"redis:6379\"}")]
    [InlineData("_ = &redisOptions{Addr: \"127.0.0.1:6379\"}")]
    [InlineData("_ = &http.Server{Addr: \"0.0.0.0:80\"}")]
    [InlineData("_ = &net.TCPAddr{IP: net.ParseIP(\"10.0.0.1\")}")]
    [InlineData("syscall.Socket(syscall.AF_INET6, syscall.SOCK_STREAM, 0)")]
    // tcp/udp (both families) networks
    [InlineData("net.Dial(\"tcp\", \"db:80\")")]
    [InlineData("net.Dial(\"udp\", \"db:53\")")]
    public void Negative(string body)
    {
        var code = InFunc(body + "\n_ = d\n_ = ip\n_ = sport\n_ = port\n_ = host") + Helpers + "\nvar key, value, user, password, line, name, id string\n";
        var result = Scan(code);
        Assert.Empty(result.ParseErrors);
        Assert.True(result.Findings.Count == 0, $"expected nothing, got [{string.Join(", ", result.Findings.Select(f => f.RuleId + ": " + f.Message))}] for:\n{body}");
    }

    [Fact]
    public void NamesAreImportAware()
    {
        // net imported under another name
        var aliased = "package p\n\nimport stdnet \"net\"\n\nfunc f() {\n\tstdnet.Listen(\"tcp4\", \":80\")\n}\n";
        Assert.Equal(new[] { "V6007@6" }, Ids(aliased));
        // dot import
        var dot = "package p\n\nimport . \"net\"\n\nfunc f() {\n\tListen(\"tcp4\", \":80\")\n}\n";
        Assert.Equal(new[] { "V6007@6" }, Ids(dot));
        // a different package called net is not "net"
        var other = "package p\n\nimport net \"example.com/fake\"\n\nfunc f() {\n\tnet.Listen(\"tcp4\", \":80\")\n}\n";
        Assert.Empty(Ids(other));
        // a local variable that shadows the package name
        var shadow = "package p\n\nimport \"net\"\n\nfunc f() {\n\tnet := fake{}\n\tnet.Listen(\"tcp4\", \":80\")\n}\n";
        Assert.Empty(Ids(shadow));
        // not imported at all
        var none = "package p\n\nfunc f() {\n\tnet.Listen(\"tcp4\", \":80\")\n}\n";
        Assert.Empty(Ids(none));
    }

    [Fact]
    public void ConstantsFlagDefaultsAndEnvFallbacks()
    {
        var code = @"package main

import (
	""flag""
	""net""
	""os""
)

const (
	listenHost = ""127.0.0.1""
	network    = ""udp4""
)

var addr = flag.String(""addr"", ""localhost:9000"", ""listen address"")

func env(key, def string) string {
	v := os.Getenv(key)
	if v == """" {
		return def
	}
	return v
}

func main() {
	flag.Parse()
	net.Listen(""tcp"", *addr)
	net.Listen(""tcp"", listenHost+"":8080"")
	net.ListenPacket(network, "":53"")
	net.Listen(""tcp"", env(""ADMIN_ADDR"", ""127.0.0.1:8081""))
	var target = ""10.9.8.7:80""
	net.Dial(""tcp"", target)
}
";
        Assert.Equal(new[] { "V6002@26", "V6002@27", "V6007@28", "V6002@29", "V6003@31" }, Ids(code));
    }

    [Fact]
    public void LocalsOfPackageLevelFunctionLiteralsAreFollowed()
    {
        var code = "package p\n\nimport \"net\"\n\nvar start = func() {\n\taddr := \"127.0.0.1:8080\"\n\tnet.Listen(\"tcp\", addr)\n}\n";
        Assert.Equal(new[] { "V6002@7" }, Ids(code));
    }

    [Fact]
    public void TestFilesSkipLoopbackAndLiteralTargets()
    {
        var code = "package p\n\nimport \"net\"\n\nfunc TestX() {\n\tnet.Listen(\"tcp\", \"127.0.0.1:0\")\n\tnet.Dial(\"tcp\", \"10.0.0.1:80\")\n\tnet.Listen(\"tcp4\", \":0\")\n}\n";
        Assert.Equal(new[] { "V6007@8" }, Ids(code, "x_test.go"));
        Assert.Equal(new[] { "V6002@6", "V6003@7", "V6007@8" }, Ids(code, "x.go"));
    }

    [Fact]
    public void SprintfWithoutHostPortShapeIsNotFlagged()
    {
        Assert.Empty(Ids(InFunc("_ = fmt.Sprintf(\"%s:%d\", file, lineNo)\n_ = d\n_ = ip\n_ = sport\n_ = port\n_ = host") + "\nvar file string\nvar lineNo int\n"));
    }

    [Fact]
    public void V6004SuppressesV6003OnTheSameDial()
    {
        var code = InFunc("conn, _ := net.Dial(\"udp\", \"8.8.8.8:80\")\nlocal := conn.LocalAddr()\n_ = local\n_ = d\n_ = ip\n_ = sport\n_ = port\n_ = host");
        Assert.Equal(new[] { "V6004" }, RuleIds(code));
    }

    [Fact]
    public void FindingsCarryPositionsSubjectAndLanguage()
    {
        var code = "package p\n\nimport \"net\"\n\nfunc f() {\n\tnet.Listen(\"tcp4\", \":80\")\n}\n";
        var f = Assert.Single(Scan(code).Findings);
        Assert.Equal("go", f.Language);
        Assert.Equal(6, f.Line);
        Assert.Equal(13, f.Column);
        Assert.Equal(6, f.EndLine);
        Assert.Equal(19, f.EndColumn);
        Assert.Contains("\"tcp4\"", f.Message);
        Assert.Equal("\"tcp4\"", code.Substring(f.Offset, f.Length));
    }
}

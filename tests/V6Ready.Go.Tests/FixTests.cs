using V6Ready.Rules;
using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>Fixes: minimal edits with import management; the output re-parses and re-scans clean (and is gofmt-clean when gofmt is installed).</summary>
public class FixTests
{
    private static void AssertFixed(string before, string rule, string expected, bool includeUnsafe = false)
    {
        var after = ApplyAll(before, rule, includeUnsafe);
        Assert.Equal(expected.ReplaceLineEndings("\n"), after);
        Assert.Empty(Parse(after).Errors);
        var again = Scan(after);
        Assert.DoesNotContain(again.Findings, f => f.RuleId == rule);
        Assert.Empty(again.ParseErrors);
        if (GofmtClean(after) is { } clean) Assert.True(clean, "gofmt -l reports the fixed file:\n" + after);
    }

    [Fact]
    public void SprintfBecomesJoinHostPortWithStrconvAddedAndFmtRemoved()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n)\n\nfunc dial(host string, port int) {\n\tnet.Dial(\"tcp\", fmt.Sprintf(\"%s:%d\", host, port))\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"net\"\n\t\"strconv\"\n)\n\nfunc dial(host string, port int) {\n\tnet.Dial(\"tcp\", net.JoinHostPort(host, strconv.Itoa(port)))\n}\n");
    }

    [Fact]
    public void SprintfWithStringPortKeepsFmtWhenStillUsed()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n)\n\nfunc addr(host, port string) string {\n\tfmt.Println(\"joining\")\n\treturn fmt.Sprintf(\"%s:%s\", host, port)\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n)\n\nfunc addr(host, port string) string {\n\tfmt.Println(\"joining\")\n\treturn net.JoinHostPort(host, port)\n}\n");
    }

    [Fact]
    public void SprintfInsideAUrlKeepsTheRestOfTheFormat()
    {
        AssertFixed(
            "package main\n\nimport \"fmt\"\n\nfunc url(host string, port int) string {\n\treturn fmt.Sprintf(\"http://%s:%d/metrics\", host, port)\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"strconv\"\n)\n\nfunc url(host string, port int) string {\n\treturn fmt.Sprintf(\"http://%s/metrics\", net.JoinHostPort(host, strconv.Itoa(port)))\n}\n");
    }

    [Fact]
    public void MysqlDsnFixesTheHostPortPairNotTheCredentials()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc dsn(user, password string) string {\n\thost := os.Getenv(\"DB_HOST\")\n\tport := os.Getenv(\"DB_PORT\")\n\treturn fmt.Sprintf(\"%s:%s@tcp(%s:%s)/socksdb\", user, password, host, port)\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"os\"\n)\n\nfunc dsn(user, password string) string {\n\thost := os.Getenv(\"DB_HOST\")\n\tport := os.Getenv(\"DB_PORT\")\n\treturn fmt.Sprintf(\"%s:%s@tcp(%s)/socksdb\", user, password, net.JoinHostPort(host, port))\n}\n");
    }

    [Fact]
    public void ConcatenationBecomesJoinHostPortAndNetIsImported()
    {
        AssertFixed(
            "package main\n\nimport \"os\"\n\nfunc addr() string {\n\thost := os.Getenv(\"DB_HOST\")\n\tport := os.Getenv(\"DB_PORT\")\n\treturn host + \":\" + port\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"net\"\n\t\"os\"\n)\n\nfunc addr() string {\n\thost := os.Getenv(\"DB_HOST\")\n\tport := os.Getenv(\"DB_PORT\")\n\treturn net.JoinHostPort(host, port)\n}\n");
    }

    [Fact]
    public void ConcatenationWithLiteralPortAndPrefix()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc get() {\n\thost := os.Getenv(\"API_HOST\")\n\thttp.Get(\"http://\" + host + \":8080/health\")\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"net\"\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc get() {\n\thost := os.Getenv(\"API_HOST\")\n\thttp.Get(\"http://\" + net.JoinHostPort(host, \"8080\") + \"/health\")\n}\n");
    }

    [Fact]
    public void ConcatenationInAnArgumentListKeepsGofmtSpacing()
    {
        // gofmt writes a '+' chain inside a multi-argument call without spaces; the tail added by the fix follows suit
        AssertFixed(
            "package main\n\nimport \"os\"\n\nfunc push(p *os.File, svc struct{ Name string }) {\n\tremoteWrite(p, \"https://\"+svc.Name+\":9090/api/v1/write\")\n}\n\nfunc remoteWrite(p *os.File, url string) {}\n",
            "V6005",
            "package main\n\nimport (\n\t\"net\"\n\t\"os\"\n)\n\nfunc push(p *os.File, svc struct{ Name string }) {\n\tremoteWrite(p, \"https://\"+net.JoinHostPort(svc.Name, \"9090\")+\"/api/v1/write\")\n}\n\nfunc remoteWrite(p *os.File, url string) {}\n");
    }

    [Fact]
    public void ImportsAddedAfterAGroupThatHeldOnlyFmtStaySorted()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/dial\"\n)\n\nfunc addr(host string, port int) {\n\tdial.Dial(\"tcp\", fmt.Sprintf(\"%s:%d\", host, port))\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"net\"\n\t\"strconv\"\n\n\t\"example.com/dial\"\n)\n\nfunc addr(host string, port int) {\n\tdial.Dial(\"tcp\", net.JoinHostPort(host, strconv.Itoa(port)))\n}\n");
    }

    [Fact]
    public void HostFromAFunctionThatBracketsIsNotAFinding()
    {
        // a helper returns "[" + addr + "]" for IPv6 literals; joining its result with JoinHostPort would double the brackets
        const string code = "package main\n\nimport \"net\"\n\nfunc formatIP(addr string) (string, bool) {\n\tip := net.ParseIP(addr)\n\tif ip == nil {\n\t\treturn \"\", false\n\t}\n\tif ip.To4() != nil {\n\t\treturn addr, true\n\t}\n\treturn \"[\" + addr + \"]\", true\n}\n\n"
            + "func resolve(hosts, ports []string) []string {\n\tvar out []string\n\tfor i, host := range hosts {\n\t\tif ipStr, ok := formatIP(host); ok {\n\t\t\tout = append(out, ipStr+\":\"+ports[i])\n\t\t}\n\t}\n\treturn out\n}\n";
        Assert.DoesNotContain(Scan(code).Findings, f => f.RuleId == "V6005");
    }

    [Fact]
    public void ParameterWhoseCallersPassABracketedHostIsNotAFinding()
    {
        // hostWithPort(host, port) joins with Sprintf; its only caller passes a host from a method that brackets IPv6
        const string code = "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"net/http\"\n)\n\ntype probe struct{}\n\n"
            + "func hostWithPort(host string, port int) string {\n\tif port == 0 {\n\t\treturn host\n\t}\n\treturn fmt.Sprintf(\"%s:%d\", host, port)\n}\n\n"
            + "func handleIPv6(host string) string {\n\tif ip := net.ParseIP(host); ip != nil && ip.To4() == nil {\n\t\treturn \"[\" + host + \"]\"\n\t}\n\treturn host\n}\n\n"
            + "func (p *probe) urlHost(host string) (string, error) {\n\treturn handleIPv6(host), nil\n}\n\n"
            + "func (p *probe) request(host string, port int) (*http.Request, error) {\n\turlHost, err := p.urlHost(host)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn http.NewRequest(\"GET\", \"http://\"+hostWithPort(urlHost, port)+\"/\", nil)\n}\n";
        Assert.DoesNotContain(Scan(code).Findings, f => f.RuleId == "V6005");
    }

    [Fact]
    public void ParameterWhoseCallersPassAPlainHostIsStillAFinding()
    {
        const string code = "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\n"
            + "func hostWithPort(host string, port int) string {\n\treturn fmt.Sprintf(\"%s:%d\", host, port)\n}\n\n"
            + "func request(host string, port int) (*http.Request, error) {\n\treturn http.NewRequest(\"GET\", \"http://\"+hostWithPort(host, port)+\"/\", nil)\n}\n";
        var f = Assert.Single(Scan(code).Findings, x => x.RuleId == "V6005");
        Assert.NotNull(f.Fix);
    }

    [Fact]
    public void NoImportsAtAllGetsAnImportDeclaration()
    {
        AssertFixed(
            "package main\n\nfunc addr(host, port string) string {\n\treturn host + \":\" + port\n}\n",
            "V6005",
            "package main\n\nimport \"net\"\n\nfunc addr(host, port string) string {\n\treturn net.JoinHostPort(host, port)\n}\n");
    }

    [Fact]
    public void AliasedNetImportIsReused()
    {
        AssertFixed(
            "package main\n\nimport stdnet \"net\"\n\nfunc addr(host, port string) (stdnet.Conn, error) {\n\treturn stdnet.Dial(\"tcp\", host+\":\"+port)\n}\n",
            "V6005",
            "package main\n\nimport stdnet \"net\"\n\nfunc addr(host, port string) (stdnet.Conn, error) {\n\treturn stdnet.Dial(\"tcp\", stdnet.JoinHostPort(host, port))\n}\n");
    }

    [Fact]
    public void NoFixWhenAnotherPackageIsCalledNet()
    {
        var code = "package main\n\nimport net \"example.com/fake/net\"\n\nfunc addr(host, port string) string {\n\tnet.Use()\n\treturn host + \":\" + port\n}\n";
        var f = Assert.Single(Scan(code).Findings);
        Assert.Equal("V6005", f.RuleId);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void NoFixWhenALocalNameHidesNet()
    {
        var code = "package main\n\nfunc addr(host, port string, net bool) string {\n\t_ = net\n\treturn host + \":\" + port\n}\n";
        var f = Assert.Single(Scan(code).Findings);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void NoFixWhenTheTypesAreUnknown()
    {
        var code = "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n)\n\nfunc dial(c cfg) {\n\tnet.Dial(\"tcp\", fmt.Sprintf(\"%s:%d\", c.Host(), c.Port()))\n}\n";
        var f = Assert.Single(Scan(code).Findings);
        Assert.Equal("V6005", f.RuleId);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void SplitIndexZeroBecomesSplitHostPortAndStringsIsRemovedWhenUnused()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"net\"\n\t\"strings\"\n)\n\nfunc local() string {\n\tconn, _ := net.Dial(\"udp\", \"db:53\")\n\tlocalAddr := conn.LocalAddr()\n\thost := strings.Split(localAddr.String(), \":\")[0]\n\treturn host\n}\n",
            "V6006",
            "package main\n\nimport (\n\t\"net\"\n)\n\nfunc local() string {\n\tconn, _ := net.Dial(\"udp\", \"db:53\")\n\tlocalAddr := conn.LocalAddr()\n\thost, _, _ := net.SplitHostPort(localAddr.String())\n\treturn host\n}\n");
    }

    [Fact]
    public void SplitIndexOneOnRemoteAddrKeepsStringsWhenUsed()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"net/http\"\n\t\"strings\"\n)\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tvar port string\n\tport = strings.Split(r.RemoteAddr, \":\")[1]\n\t_ = strings.ToUpper(port)\n}\n",
            "V6006",
            "package main\n\nimport (\n\t\"net\"\n\t\"net/http\"\n\t\"strings\"\n)\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tvar port string\n\t_, port, _ = net.SplitHostPort(r.RemoteAddr)\n\t_ = strings.ToUpper(port)\n}\n");
    }

    [Fact]
    public void SplitOfAnArbitraryAddressIsAnUnsafeFix()
    {
        var code = "package main\n\nimport (\n\t\"net\"\n\t\"strings\"\n)\n\nfunc host(addr string) string {\n\th := strings.Split(addr, \":\")[0]\n\treturn h\n}\n\nvar _ = net.IPv6len\n";
        var f = Assert.Single(Scan(code).Findings);
        Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety);
        AssertFixed(code, "V6006",
            "package main\n\nimport (\n\t\"net\"\n)\n\nfunc host(addr string) string {\n\th, _, _ := net.SplitHostPort(addr)\n\treturn h\n}\n\nvar _ = net.IPv6len\n", includeUnsafe: true);
    }

    [Fact]
    public void ImportsUsedInsideTheKeptArgumentsStay()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"strings\"\n)\n\nfunc dial(host string, port int) {\n\tnet.Dial(\"tcp\", fmt.Sprintf(\"%s:%d\", strings.TrimSpace(host), port))\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"net\"\n\t\"strconv\"\n\t\"strings\"\n)\n\nfunc dial(host string, port int) {\n\tnet.Dial(\"tcp\", net.JoinHostPort(strings.TrimSpace(host), strconv.Itoa(port)))\n}\n");
        AssertFixed(
            "package main\n\nimport (\n\t\"net\"\n\t\"strings\"\n)\n\nfunc host(c net.Conn) string {\n\th := strings.Split(strings.TrimSpace(c.RemoteAddr().String()), \":\")[0]\n\treturn h\n}\n",
            "V6006",
            "package main\n\nimport (\n\t\"net\"\n\t\"strings\"\n)\n\nfunc host(c net.Conn) string {\n\th, _, _ := net.SplitHostPort(strings.TrimSpace(c.RemoteAddr().String()))\n\treturn h\n}\n",
            includeUnsafe: true);
    }

    [Fact]
    public void SplitWithoutAStatementShapeHasNoFix()
    {
        var code = "package main\n\nimport \"strings\"\n\nfunc host(addr string) []string {\n\treturn strings.Split(addr, \":\")\n}\n";
        var f = Assert.Single(Scan(code).Findings);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void Tcp4BecomesTcp()
    {
        AssertFixed(
            "package main\n\nimport \"net\"\n\nfunc main() {\n\tnet.Listen(\"tcp4\", \":8080\")\n\tnet.ListenPacket(\"udp4\", \":53\")\n}\n",
            "V6007",
            "package main\n\nimport \"net\"\n\nfunc main() {\n\tnet.Listen(\"tcp\", \":8080\")\n\tnet.ListenPacket(\"udp\", \":53\")\n}\n");
    }

    [Fact]
    public void ImportIsInsertedInSortedPositionOfTheFirstGroup()
    {
        AssertFixed(
            "package main\n\nimport (\n\t\"errors\"\n\t\"os\"\n\n\t\"example.com/x/y\"\n)\n\nfunc addr() (string, error) {\n\th := os.Getenv(\"HOST\")\n\tif h == \"\" {\n\t\treturn \"\", errors.New(y.Msg)\n\t}\n\treturn h + \":\" + os.Getenv(\"PORT\"), nil\n}\n",
            "V6005",
            "package main\n\nimport (\n\t\"errors\"\n\t\"net\"\n\t\"os\"\n\n\t\"example.com/x/y\"\n)\n\nfunc addr() (string, error) {\n\th := os.Getenv(\"HOST\")\n\tif h == \"\" {\n\t\treturn \"\", errors.New(y.Msg)\n\t}\n\treturn net.JoinHostPort(h, os.Getenv(\"PORT\")), nil\n}\n");
    }

    [Fact]
    public void FixesOfTheSampleServiceRescanClean()
    {
        var path = Path.Combine(RepoRoot(), "samples", "shop", "user-go", "main.go");
        var code = File.ReadAllText(path).ReplaceLineEndings("\n");
        foreach (var rule in new[] { "V6005", "V6006" })
        {
            code = ApplyAll(code, rule);
            Assert.Empty(Parse(code).Errors);
            Assert.DoesNotContain(Scan(code).Findings, f => f.RuleId == rule);
        }
        Assert.Contains("host, _, _ := net.SplitHostPort(localAddr.String())", code);
        Assert.Contains("recorder := net.JoinHostPort(host, port)", code);
        Assert.DoesNotContain("\"strings\"", code);
        if (GofmtClean(code) is { } clean) Assert.True(clean, code);
    }
}

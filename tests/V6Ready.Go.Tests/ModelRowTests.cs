using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>Go libraries known only from rows of rules/models/go.json: a positive and a dual-stack negative for each.</summary>
public class ModelRowTests
{
    private static string File(string imports, string body) =>
        "package main\n\nimport (\n" + imports + "\n)\n\nfunc main() {\n" + body + "\n}\n";

    [Fact]
    public void Fasthttp_ListenAndServe_listens_on_tcp4_whatever_the_address()
    {
        var code = File("\t\"github.com/valyala/fasthttp\"", "\tfasthttp.ListenAndServe(\":8080\", handler)");
        var f = Assert.Single(Scan(code).Findings);
        Assert.Equal("V6007", f.RuleId);
        Assert.Contains("tcp4", f.Message);
        Assert.Equal(["V6007@8"], Ids(File("\t\"github.com/valyala/fasthttp\"", "\tfasthttp.ListenAndServeTLS(addr, \"c\", \"k\", handler)")));
    }

    [Fact]
    public void Implied_tcp4_is_not_reported_in_test_files_but_an_explicit_tcp4_is()
    {
        var code = File("\t\"net\"\n\t\"github.com/valyala/fasthttp\"", "\tfasthttp.ListenAndServe(\":8080\", handler)\n\tnet.Listen(\"tcp4\", \":8081\")");
        Assert.Equal(["V6007@9", "V6007@10"], Ids(code));
        Assert.Equal(["V6007@10"], Ids(code, "server_test.go"));
    }

    [Fact]
    public void Fasthttp_Server_method_is_tcp4_and_Serve_on_a_tcp_listener_is_not()
    {
        Assert.Equal(["V6007@9"], RuleIdsAt(File("\t\"github.com/valyala/fasthttp\"", "\ts := &fasthttp.Server{Handler: handler}\n\ts.ListenAndServe(\":8080\")")));
        var dual = File("\t\"net\"\n\t\"github.com/valyala/fasthttp\"", "\tln, _ := net.Listen(\"tcp\", \":8080\")\n\ts := &fasthttp.Server{Handler: handler}\n\ts.Serve(ln)");
        Assert.Empty(Scan(dual).Findings);
    }

    [Fact]
    public void Fasthttp_on_loopback_is_also_V6002()
    {
        var ids = RuleIds(File("\t\"github.com/valyala/fasthttp\"", "\tfasthttp.ListenAndServe(\"127.0.0.1:8080\", handler)"));
        Assert.Equal(["V6002", "V6007"], ids.OrderBy(x => x).ToList());
    }

    [Fact]
    public void Fiber_v2_Listen_defaults_to_tcp4_unless_Config_Network_says_tcp()
    {
        const string imp = "\t\"github.com/gofiber/fiber/v2\"";
        Assert.Equal(["V6007"], RuleIds(File(imp, "\tapp := fiber.New()\n\tapp.Listen(\":3000\")")));
        Assert.Empty(RuleIds(File(imp, "\tapp := fiber.New(fiber.Config{Network: \"tcp\"})\n\tapp.Listen(\":3000\")")));
        // an explicit "tcp4" in the config is the ordinary V6007 on the literal
        var explicitTcp4 = Scan(File(imp, "\tapp := fiber.New(fiber.Config{Network: \"tcp4\"})\n\tapp.Listen(\":3000\")")).Findings;
        Assert.Equal("V6007", Assert.Single(explicitTcp4).RuleId);
        Assert.Equal(8, explicitTcp4[0].Line);
    }

    [Fact]
    public void Fiber_v3_Listen_defaults_to_tcp4_unless_ListenConfig_sets_the_network()
    {
        const string imp = "\t\"github.com/gofiber/fiber/v3\"";
        Assert.Equal(["V6007"], RuleIds(File(imp, "\tapp := fiber.New()\n\tlog(app.Listen(\":3000\"))")));
        Assert.Empty(RuleIds(File(imp, "\tapp := fiber.New()\n\tapp.Listen(\":3000\", fiber.ListenConfig{ListenerNetwork: fiber.NetworkTCP})")));
        Assert.Empty(RuleIds(File(imp, "\tapp := fiber.New()\n\tapp.Listen(\":3000\", fiber.ListenConfig{ListenerNetwork: \"tcp\"})")));
    }

    [Fact]
    public void Gin_Run_and_echo_Start_are_dual_stack_on_the_wildcard_and_ipv4_only_on_loopback()
    {
        const string gin = "\t\"github.com/gin-gonic/gin\"";
        Assert.Empty(RuleIds(File(gin, "\tr := gin.Default()\n\tr.Run(\":8080\")")));
        Assert.Empty(RuleIds(File(gin, "\tr := gin.New()\n\tr.Run(\"0.0.0.0:8080\")")));
        Assert.Empty(RuleIds(File(gin, "\tr := gin.New()\n\tr.Run()")));
        Assert.Equal(["V6002"], RuleIds(File(gin, "\tr := gin.Default()\n\tr.Run(\"127.0.0.1:8080\")")));
        const string echo = "\t\"github.com/labstack/echo/v4\"";
        Assert.Empty(RuleIds(File(echo, "\te := echo.New()\n\te.Start(\":1323\")")));
        Assert.Equal(["V6002"], RuleIds(File(echo, "\te := echo.New()\n\te.Start(\"localhost:1323\")")));
    }

    [Fact]
    public void A_joined_address_that_reaches_a_modelled_listener_is_V6005_without_a_telling_name()
    {
        const string imp = "\t\"github.com/gin-gonic/gin\"";
        var ids = RuleIds(File(imp, "\tr := gin.Default()\n\ta, b := cfg()\n\tr.Run(a + \":\" + b)"));
        Assert.Equal(["V6005"], ids);
        Assert.Empty(RuleIds(File(imp, "\ta, b := cfg()\n\tfmt.Println(a + \":\" + b)")));
    }

    [Fact]
    public void Resolver_and_socket_rows_still_decide_V6009_and_V6007()
    {
        Assert.Equal(["V6009"], RuleIds(InFunc("\tvar r net.Resolver\n\tr.LookupIP(ctx, \"ip4\", host)")));
        Assert.Empty(RuleIds(InFunc("\tvar r net.Resolver\n\tr.LookupIP(ctx, \"ip\", host)")));
        Assert.Equal(["V6007"], RuleIds(InFunc("\tsyscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)")));
        Assert.Empty(RuleIds(InFunc("\tsyscall.Socket(syscall.AF_INET6, syscall.SOCK_STREAM, 0)")));
    }

    private static List<string> RuleIdsAt(string code) => Ids(code);
}

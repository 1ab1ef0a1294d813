using V6Ready.Core;
using V6Ready.Core.Index;

namespace V6Ready.Go.Tests;

/// <summary>Package-level values of the other files of a package, through the project index.</summary>
public sealed class CrossFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "v6-go-xfile-" + Guid.NewGuid().ToString("N")[..8]);

    public CrossFileTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, true);

    private void Write(string rel, string text)
    {
        var full = Path.Combine(_root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private List<Finding> Scan(string rel, bool index = true)
    {
        var full = Path.Combine(_root, rel);
        var doc = new SourceDocument(rel, File.ReadAllText(full), full);
        return new GoFrontEnd().Analyze(doc, new AnalysisContext { Index = index ? new ProjectIndex(_root) : null }).Findings;
    }

    private const string Main = "package svc\n\nimport (\n\t\"net\"\n\t\"net/http\"\n)\n\n";

    [Fact]
    public void A_constant_of_another_file_reaches_a_listener_and_the_message_says_where()
    {
        Write("svc/consts.go", "package svc\n\nconst (\n\tadminAddr = \"127.0.0.1:9000\"\n)\n");
        Write("svc/main.go", Main + "func run() {\n\thttp.ListenAndServe(adminAddr, nil)\n}\n");
        var f = Assert.Single(Scan("svc/main.go"));
        Assert.Equal("V6002", f.RuleId);
        Assert.Contains("(via svc/consts.go:4)", f.Message);
        Assert.Empty(Scan("svc/main.go", index: false));
    }

    [Fact]
    public void Struct_fields_of_a_package_literal_flag_defaults_and_constant_functions_are_followed()
    {
        Write("svc/config.go", "package svc\n\nimport \"flag\"\n\nvar cfg = &Config{Upstream: \"10.1.2.3:6379\"}\n\nvar bind = flag.String(\"bind\", \"localhost:8080\", \"HOST:PORT\")\n\nfunc peer() string { return \"192.168.7.7:53\" }\n");
        Write("svc/main.go", Main + "func run() {\n\tnet.Dial(\"tcp\", cfg.Upstream)\n\tnet.Listen(\"tcp\", *bind)\n\tnet.Dial(\"udp\", peer())\n}\n");
        var ids = Scan("svc/main.go").Select(f => f.RuleId + "@" + f.Line).OrderBy(x => x).ToList();
        Assert.Equal(["V6002@10", "V6003@11", "V6003@9"], ids);
    }

    [Fact]
    public void Only_the_same_package_counts_and_test_files_are_not_read()
    {
        Write("svc/other.go", "package other\n\nconst adminAddr = \"127.0.0.1:9000\"\n");
        Write("svc/x_test.go", "package svc\n\nconst testAddr = \"127.0.0.1:9001\"\n");
        Write("svc/main.go", Main + "func run() {\n\thttp.ListenAndServe(adminAddr, nil)\n\thttp.ListenAndServe(testAddr, nil)\n}\n");
        Assert.Empty(Scan("svc/main.go"));
    }

    [Fact]
    public void A_dual_stack_value_from_another_file_is_not_reported()
    {
        Write("svc/consts.go", "package svc\n\nconst listenAddr = \"0.0.0.0:8080\"\nconst bad = \"127.0.0.1\n");
        Write("svc/main.go", Main + "func run() {\n\tnet.Listen(\"tcp\", listenAddr)\n}\n");
        Assert.Empty(Scan("svc/main.go"));
    }

    [Fact]
    public void A_local_definition_wins_over_the_package()
    {
        Write("svc/consts.go", "package svc\n\nconst addr = \"127.0.0.1:9000\"\n");
        Write("svc/main.go", Main + "func run() {\n\taddr := \":9000\"\n\thttp.ListenAndServe(addr, nil)\n}\n");
        Assert.Empty(Scan("svc/main.go"));
    }

    [Fact]
    public void A_tcp4_network_constant_of_another_file_says_where_it_comes_from()
    {
        Write("svc/consts.go", "package svc\n\nconst network = \"tcp4\"\n");
        Write("svc/main.go", Main + "func run() {\n\tnet.Listen(network, \":9000\")\n}\n");
        var f = Assert.Single(Scan("svc/main.go"));
        Assert.Equal("V6007", f.RuleId);
        Assert.Contains("(via svc/consts.go:3)", f.Message);
    }
}

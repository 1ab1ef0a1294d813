using static V6Ready.Java.Tests.TestUtil;

namespace V6Ready.Java.Tests;

/// <summary>Each rule: positives (the rule fires on the first body line, line 9) and dual-stack look-alikes that must stay quiet.</summary>
public class DetectorTests
{
    private const int Line = 9;
    private const string Netty = "import io.netty.bootstrap.ServerBootstrap;\n";

    private static void Fires(string rule, string body, string imports = "")
    {
        var code = InMethod(body, imports);
        var found = Scan(code).Findings;
        Assert.True(found.Any(f => f.RuleId == rule && f.Line == Line + (imports.Length > 0 ? imports.Count(c => c == '\n') : 0)),
            $"{rule} expected in:\n{body}\nfound: " + string.Join(", ", found.Select(f => f.RuleId + "@" + f.Line + " " + f.Message)));
    }

    private static void Quiet(string rule, string body, string imports = "", string path = "src/main/java/App.java")
    {
        var found = Scan(InMethod(body, imports), path).Findings.Where(f => f.RuleId == rule).ToList();
        Assert.True(found.Count == 0, $"{rule} not expected in:\n{body}\nfound: " + string.Join(", ", found.Select(f => f.Message)));
    }

    [Theory]
    [InlineData("new ServerSocket(8080, 50, InetAddress.getByName(\"127.0.0.1\"));")]
    [InlineData("ServerSocket s = new ServerSocket(); s.bind(new InetSocketAddress(\"127.0.0.1\", 8080));")]
    [InlineData("ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9090));")]
    [InlineData("final String LOOP = \"127.0.0.\" + 1; new ServerSocket(80, 0, InetAddress.getByName(LOOP));")]
    [InlineData("com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(\"127.0.0.1\", 8000), 0);")]
    [InlineData("new ServerBootstrap().bind(\"127.0.0.1\", 8080);", Netty)]
    [InlineData("InetSocketAddress a = new InetSocketAddress(\"127.0.0.1\", 80); new ServerSocket().bind(a);")]
    public void V6002_positive(string body, string imports = "") => Fires("V6002", body, imports);

    [Theory]
    [InlineData("new ServerSocket(8080, 50, InetAddress.getByName(\"0.0.0.0\"));")]
    [InlineData("new ServerSocket().bind(new InetSocketAddress(\"::\", 8080));")]
    [InlineData("new ServerSocket().bind(new InetSocketAddress(8080));")]
    [InlineData("new ServerBootstrap().bind(8080);", Netty)]
    [InlineData("new ServerSocket().bind(new InetSocketAddress(\"0.0.0.0\", 80));")]
    [InlineData("new Socket(\"127.0.0.1\", 80);")]
    public void V6002_negative(string body, string imports = "") => Quiet("V6002", body, imports);

    [Fact]
    public void V6002_not_in_tests() =>
        Quiet("V6002", "new ServerSocket().bind(new InetSocketAddress(\"127.0.0.1\", 80));", path: "src/test/java/AppTest.java");

    [Fact]
    public void Java_never_reports_V6001_for_the_IPv4_wildcard() =>
        Quiet("V6001", "new ServerSocket().bind(new InetSocketAddress(\"0.0.0.0\", 80)); new ServerSocket(80, 0, InetAddress.getByName(\"0.0.0.0\"));");

    [Theory]
    [InlineData("new Socket(\"10.0.0.7\", 80);")]
    [InlineData("new URL(\"http://172.16.0.9:8080/x\");")]
    [InlineData("java.sql.DriverManager.getConnection(\"jdbc:postgresql://10.0.0.5:5432/shop\");")]
    [InlineData("URI u = URI.create(\"http://192.168.1.20/api\");")]
    [InlineData("Properties p = new Properties(); p.put(\"bootstrap.servers\", \"10.0.0.9:9092,kafka:9092\");")]
    [InlineData("String h = System.getProperty(\"db.host\", \"10.1.1.1\"); new Socket(h, 5432);")]
    [InlineData("new InetSocketAddress(\"10.2.3.4\", 6379);")]
    public void V6003_positive(string body) => Fires("V6003", body);

    [Theory]
    [InlineData("new Socket(\"db.internal\", 5432);")]
    [InlineData("new Socket(\"127.0.0.1\", 80);")]
    [InlineData("new URL(\"http://[2001:db8::1]:8080/x\");")]
    [InlineData("String version = \"1.2.3.4\"; System.out.println(version);")]
    [InlineData("log(\"10.0.0.1\");")]
    [InlineData("String mask = \"255.255.255.0\";")]
    public void V6003_negative(string body) => Quiet("V6003", body);

    [Fact]
    public void V6003_not_in_tests() => Quiet("V6003", "new Socket(\"10.0.0.7\", 80);", path: "src/test/java/ClientTest.java");

    [Theory]
    [InlineData("DatagramSocket s = new DatagramSocket(); s.connect(InetAddress.getByName(\"8.8.8.8\"), 10002); String ip = s.getLocalAddress().getHostAddress();")]
    [InlineData("try (DatagramSocket s = new DatagramSocket()) { s.connect(new InetSocketAddress(\"8.8.8.8\", 53)); return; } finally { }")]
    [InlineData("Socket s = new Socket(\"1.1.1.1\", 53); InetAddress me = s.getLocalAddress();")]
    [InlineData("InetAddress target = InetAddress.getByName(\"8.8.4.4\"); DatagramSocket s = new DatagramSocket(); s.connect(target, 53); var me = s.getLocalAddress();")]
    [InlineData("DatagramChannel ch = DatagramChannel.open(); ch.connect(new InetSocketAddress(\"10.255.255.255\", 1)); var me = ch.getLocalAddress();")]
    [InlineData("String me = new Socket(\"8.8.8.8\", 53).getLocalAddress().getHostAddress();")]
    public void V6004_positive(string body)
    {
        // the try-with-resources case reads the address in a second statement of the same method
        body = body.Replace("return; } finally { }", "System.out.println(s.getLocalSocketAddress()); }");
        var found = Scan(InMethod(body)).Findings;
        Assert.True(found.Count(f => f.RuleId == "V6004" && f.Line == Line) == 1, "V6004 once expected; found: " + string.Join(", ", found.Select(f => f.RuleId + "@" + f.Line + " " + f.Message)));
        Assert.DoesNotContain(found, f => f.RuleId == "V6003");
    }

    [Theory]
    [InlineData("DatagramSocket s = new DatagramSocket(); s.connect(InetAddress.getByName(\"8.8.8.8\"), 53);")]
    [InlineData("DatagramSocket s = new DatagramSocket(); s.connect(InetAddress.getByName(\"dns.example\"), 53); var me = s.getLocalAddress();")]
    [InlineData("DatagramSocket s = new DatagramSocket(); s.connect(InetAddress.getByName(\"127.0.0.1\"), 53); var me = s.getLocalAddress();")]
    [InlineData("Socket a = new Socket(\"8.8.8.8\", 53); Socket b = new Socket(); var me = b.getLocalAddress();")]
    [InlineData("String me = System.getenv(\"POD_IP\");")]
    [InlineData("String me = InetAddress.getLocalHost().getHostAddress();")]
    public void V6004_negative(string body) => Quiet("V6004", body);

    [Fact]
    public void V6004_without_the_local_address_read_is_V6003() =>
        Fires("V6003", "DatagramSocket s = new DatagramSocket(); s.connect(InetAddress.getByName(\"8.8.8.8\"), 53);");

    [Theory]
    [InlineData("String url = \"http://\" + host + \":\" + port + \"/api\";")]
    [InlineData("String a = String.format(\"%s:%d\", host, port);")]
    [InlineData("StringBuilder sb = new StringBuilder(); sb.append(host).append(\":\").append(port);")]
    [InlineData("new URL(\"http://\" + host + \":\" + port);")]
    [InlineData("String a = addr + \":\" + port;")]
    [InlineData("String a = host + \":8080\";")]
    [InlineData("String a = \"%s:%d\".formatted(host, port);")]
    [InlineData("String u = \"tcp://\" + container.getHost() + \":\" + container.getMappedPort(61616);")]
    [InlineData("String u = \"jdbc:oracle:thin:@\" + service.host() + \":\" + service.ports().get(1521) + \"/db\";")]
    [InlineData("String u = \"http://\" + host + \":\" + ports.get(PORT_KEY);")]
    [InlineData("String u = \"http://\" + host + \":\" + getHTTPPort();")]
    [InlineData("String u = \"http://\" + host + \":\" + cartsPort;")]
    public void V6005_positive(string body) => Fires("V6005", body);

    [Theory]
    [InlineData("String t = hours + \":\" + minutes;")]
    [InlineData("String u = \"http://[\" + host + \"]:\" + port;")]
    [InlineData("final String REDIS = \"redis\"; String a = REDIS + \":\" + port;")]
    [InlineData("System.out.println(host + \":\" + port);")]
    [InlineData("String k = String.format(\"%s: %s\", key, value);")]
    [InlineData("if (host.contains(\":\")) { host = \"[\" + host + \"]\"; } String a = host + \":\" + port;")]
    [InlineData("throw new IllegalStateException(\"cannot reach \" + host + \":\" + port);")]
    [InlineData("String a = host + \":\" + getTransport();")]
    [InlineData("String a = host + \":\" + report.get(KEY);")]
    public void V6005_negative(string body) => Quiet("V6005", body);

    // Found on spring-boot: a class that splits "host:port" on the last colon (keeping [v6] brackets) and joins the parts again
    private const string LastColonSplit = """
        import java.util.*;
        class Props {
          private String host;
          private Address parsed;
          String one() { return this.host + ":" + 5672; }
          String two() { return this.parsed.host + ":" + this.parsed.port; }
          List<String> all(List<Address> list) {
            List<String> out = new ArrayList<>();
            for (Address a : list) out.add(a.host + ":" + a.port);
            return out;
          }
          private static final class Address {
            private String host;
            private int port;
            Address(String input) {
              int colonIndex = input.lastIndexOf(':');
              this.host = input.substring(0, colonIndex);
              this.port = Integer.parseInt(input.substring(colonIndex + 1));
            }
          }
        }
        """;

    [Fact]
    public void V6005_rejoining_a_last_colon_split_is_quiet_but_a_configured_host_is_not()
    {
        var lines = Scan(LastColonSplit, "src/main/java/Props.java").Findings.Where(f => f.RuleId == "V6005").Select(f => f.Line).ToList();
        Assert.Equal(new[] { 5 }, lines);
    }

    [Theory]
    [InlineData("src/test/java/a/ClientTest.java")]
    [InlineData("module/x/src/dockerTest/java/a/Client.java")]
    [InlineData("module/x/src/intTest/java/a/Client.java")]
    [InlineData("module/x/src/testFixtures/java/a/Client.java")]
    [InlineData("integration-test/app-integration-tests/src/main/java/a/Client.java")]
    public void V6005_V6006_not_in_test_sources(string path)
    {
        Quiet("V6005", "String u = \"http://\" + host + \":\" + port;", path: path);
        Quiet("V6006", "String[] parts = addr.split(\":\");", path: path);
    }

    [Theory]
    [InlineData("src/main/java/a/Client.java")]
    [InlineData("src/main/java/testing/Client.java")]
    [InlineData("contest/src/main/java/Client.java")]
    public void V6005_in_main_sources(string path) =>
        Assert.Contains("V6005", RuleIds(InMethod("String u = \"http://\" + host + \":\" + port;"), path));

    [Theory]
    [InlineData("String[] parts = addr.split(\":\");")]
    [InlineData("String[] hp = line.split(\":\"); int p = Integer.parseInt(hp[1]);")]
    [InlineData("int i = addr.indexOf(':'); String h = addr.substring(0, i);")]
    [InlineData("String[] p = endpoint.split(\":\", 2);")]
    [InlineData("String h = hostPort.split(\":\")[0];")]
    public void V6006_positive(string body) => Fires("V6006", body.Replace("endpoint", "addr").Replace("hostPort", "addr"));

    [Theory]
    [InlineData("String[] kv = line.split(\":\");")]
    [InlineData("String[] parts = addr.split(\",\");")]
    [InlineData("int i = addr.lastIndexOf(':'); String h = addr.substring(0, i);")]
    [InlineData("int i = addr.indexOf(':');")]
    [InlineData("String[] t = time.split(\":\");")]
    [InlineData("if (target.startsWith(\"static:\") || target.startsWith(\"tcp:\")) { String rest = target.substring(target.indexOf(\":\") + 1); }")]
    [InlineData("String rest = target.startsWith(\"dns:\") ? target.substring(target.indexOf(':') + 1) : target;")]
    public void V6006_negative(string body) => Quiet("V6006", body);

    [Fact]
    public void V6006_scheme_guard_covers_only_its_branch() =>
        Fires("V6006", "if (target.startsWith(\"tcp:\")) { } int i = target.indexOf(':'); String h = target.substring(0, i);");

    [Theory]
    [InlineData("System.setProperty(\"java.net.preferIPv4Stack\", \"true\");")]
    [InlineData("DatagramChannel.open(StandardProtocolFamily.INET);")]
    [InlineData("ServerSocketChannel.open(StandardProtocolFamily.INET);")]
    [InlineData("new ProcessBuilder(\"java\", \"-Djava.net.preferIPv4Stack=true\", \"-jar\", \"app.jar\");")]
    [InlineData("final String K = \"java.net.preferIPv4Stack\"; System.setProperty(K, Boolean.TRUE.toString().isEmpty() ? \"x\" : \"true\"); System.setProperty(K, \"true\");")]
    [InlineData("SocketChannel.open(StandardProtocolFamily.INET);")]
    public void V6007_positive(string body) => Fires("V6007", body);

    [Theory]
    [InlineData("System.setProperty(\"java.net.preferIPv4Stack\", \"false\");")]
    [InlineData("System.setProperty(\"java.net.preferIPv6Addresses\", \"true\");")]
    [InlineData("DatagramChannel.open(StandardProtocolFamily.INET6);")]
    [InlineData("DatagramChannel.open();")]
    [InlineData("String doc = \"never set java.net.preferIPv4Stack\";")]
    public void V6007_negative(string body) => Quiet("V6007", body);

    [Theory]
    [InlineData("Inet4Address v4 = (Inet4Address) ia;")]
    [InlineData("if (ia instanceof Inet4Address) { }")]
    [InlineData("Pattern p = Pattern.compile(\"^\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}$\");")]
    [InlineData("boolean ok = addr.matches(\"(25[0-5]|2[0-4]\\\\d|1?\\\\d?\\\\d)(\\\\.(25[0-5]|2[0-4]\\\\d|1?\\\\d?\\\\d)){3}\");")]
    [InlineData("InetAddress a = InetAddress.getByAddress(new byte[] { 10, 0, 0, 1 });")]
    [InlineData("byte[] b = new byte[4]; InetAddress a = InetAddress.getByAddress(b);")]
    public void V6008_positive(string body) => Fires("V6008", body);

    [Theory]
    [InlineData("if (ia instanceof Inet4Address) { } else if (ia instanceof Inet6Address) { }")]
    [InlineData("Pattern p = Pattern.compile(\"^[a-z]+\\\\.[a-z]+$\");")]
    [InlineData("InetAddress a = InetAddress.getByAddress(new byte[16]);")]
    [InlineData("boolean v6 = ia instanceof Inet6Address;")]
    [InlineData("String s = \"Inet4Address\";")]
    public void V6008_negative(string body) => Quiet("V6008", body);

    [Theory]
    [InlineData("InetAddress a = InetAddress.getAllByName(host)[0];")]
    [InlineData("InetAddress[] all = InetAddress.getAllByName(host); InetAddress a = all[0];")]
    [InlineData("List<InetAddress> v4 = Arrays.stream(InetAddress.getAllByName(host)).filter(x -> x instanceof Inet4Address).collect(Collectors.toList());")]
    [InlineData("Optional<InetAddress> v4 = Arrays.stream(InetAddress.getAllByName(host)).filter(Inet4Address.class::isInstance).findFirst();")]
    [InlineData("InetAddress a = java.net.InetAddress.getAllByName(host)[0];")]
    public void V6009_positive(string body) => Fires("V6009", body);

    [Theory]
    [InlineData("InetAddress[] all = InetAddress.getAllByName(host);")]
    [InlineData("InetAddress a = InetAddress.getByName(host);")]
    [InlineData("for (InetAddress a : InetAddress.getAllByName(host)) { }")]
    [InlineData("InetAddress a = InetAddress.getAllByName(host)[1];")]
    [InlineData("String first = names[0];")]
    public void V6009_negative(string body) => Quiet("V6009", body);

    [Fact]
    public void Values_come_from_at_value_defaults_and_static_finals()
    {
        var code = Imports + "import org.springframework.beans.factory.annotation.Value;\nclass App {\n  static final String BIND = \"127.0.0.1\";\n  @Value(\"${grpc.host:127.0.0.1}\") String grpcHost;\n  void f() throws Exception {\n    new ServerSocket(1, 0, InetAddress.getByName(grpcHost));\n    new ServerSocket(2, 0, InetAddress.getByName(App.BIND));\n  }\n}\n";
        var found = Scan(code).Findings.Where(f => f.RuleId == "V6002").ToList();
        Assert.Equal(2, found.Count);
        Assert.Contains("configured default", found[0].Message);
    }

    [Fact]
    public void Env_and_property_defaults_are_followed()
    {
        var code = InMethod("String h = Optional.ofNullable(System.getenv(\"DB\")).orElse(\"10.9.8.7\"); new Socket(h, 1);\nString g = System.getenv(\"X\") != null ? System.getenv(\"X\") : \"10.9.8.6\"; new Socket(g, 1);\nString k = System.getenv().getOrDefault(\"Y\", \"10.9.8.5\"); new Socket(k, 1);");
        Assert.Equal(new[] { "V6003@9", "V6003@10", "V6003@11" }, Ids(code));
    }

    [Fact]
    public void String_format_and_builders_are_evaluated()
    {
        var code = InMethod("String u = String.format(\"http://%s:%d/\", \"10.0.0.3\", 80); new URL(u);\nString v = new StringBuilder(\"http://\").append(\"10.0.0.4\").append(\"/x\").toString(); new URL(v);");
        Assert.Equal(new[] { "V6003@9", "V6003@10" }, Ids(code));
    }
}

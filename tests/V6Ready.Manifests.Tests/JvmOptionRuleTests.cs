namespace V6Ready.Manifests.Tests;

/// <summary>V6007 for -Djava.net.preferIPv4Stack=true outside Java code (rows of rules/models/jvm.json): env, commands, build files.</summary>
public class JvmOptionRuleTests
{
    private const string Flag = "-Djava.net.preferIPv4Stack=true";

    private static string Deployment(string envName, string value) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: carts
        spec:
          selector:
            matchLabels: { name: carts }
          template:
            metadata:
              labels: { name: carts }
            spec:
              containers:
                - name: carts
                  image: weaveworksdemos/carts:0.4.8
                  env:
                    - name: {{envName}}
                      value: "{{value}}"
        """;

    public static IEnumerable<object[]> Positives() => new[]
    {
        new object[] { "k8s/carts.yaml", Deployment("JAVA_OPTS", "-Xmx128m " + Flag), 17 },
        new object[] { "k8s/carts.yaml", Deployment("JAVA_TOOL_OPTIONS", Flag), 17 },
        new object[] { "k8s/carts.yaml", Deployment("JDK_JAVA_OPTIONS", Flag + " -Dfoo=bar"), 17 },
        new object[] { "docker-compose.yml", "services:\n  orders:\n    image: orders\n    environment:\n      - JAVA_OPTS=-Xmx1g " + Flag + "\n", 5 },
        new object[] { "Dockerfile", "FROM eclipse-temurin:17\nENV JAVA_OPTS=\"" + Flag + "\"\nCMD [\"sh\", \"-c\", \"java $JAVA_OPTS -jar app.jar\"]\n", 2 },
        new object[] { "Dockerfile", "FROM eclipse-temurin:17\nENTRYPOINT [\"java\", \"" + Flag + "\", \"-jar\", \"/app.jar\"]\n", 2 },
        new object[] { ".mvn/jvm.config", "-Xmx2g\n" + Flag + "\n", 2 },
        new object[] { "gradle.properties", "# build\norg.gradle.jvmargs=-Xmx2g " + Flag + "\n", 2 },
        new object[] { "gradle.properties", "systemProp.java.net.preferIPv4Stack=true\n", 1 },
        new object[] { "pom.xml", "<project>\n  <build><plugins><plugin><configuration>\n    <argLine>" + Flag + "</argLine>\n  </configuration></plugin></plugins></build>\n</project>\n", 3 },
        new object[] { "build.gradle", "application {\n    applicationDefaultJvmArgs = ['-Xmx1g', '" + Flag + "']\n}\n", 2 },
        new object[] { "build.gradle.kts", "tasks.test {\n    systemProperty(\"java.net.preferIPv4Stack\", \"true\")\n}\n", 2 },
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Flag_is_V6007_where_the_JVM_reads_it(string path, string text, int line)
    {
        var found = TestUtil.Findings(path, text);
        Assert.Contains(found, f => f.RuleId == "V6007" && f.Line == line);
        Assert.DoesNotContain(found, f => f.RuleId == "V6104" && f.Message.Contains("preferIPv4Stack"));
    }

    public static IEnumerable<object[]> Negatives() => new[]
    {
        new object[] { "k8s/carts.yaml", Deployment("JAVA_OPTS", "-Xmx128m -Djava.net.preferIPv4Stack=false") },
        new object[] { "k8s/carts.yaml", Deployment("JAVA_OPTS", "-Djava.net.preferIPv6Addresses=true") },
        new object[] { "k8s/carts.yaml", Deployment("NOTES", "never use " + Flag) },
        new object[] { ".mvn/jvm.config", "-Xmx2g -Djava.security.egd=file:/dev/urandom\n" },
        new object[] { "gradle.properties", "org.gradle.jvmargs=-Xmx2g\n# " + Flag + " was removed\n" },
        new object[] { "pom.xml", "<project>\n  <description>" + Flag + " is not needed</description>\n</project>\n" },
        new object[] { "build.gradle", "// " + Flag + "\nversion = '1.0'\n" },
        new object[] { "Dockerfile", "FROM eclipse-temurin:17\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\", \"--server.address=0.0.0.0\"]\n" },
    };

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Look_alikes_are_not_reported(string path, string text)
    {
        var found = TestUtil.Findings(path, text).Where(f => f.RuleId is "V6007" or "V6104").ToList();
        Assert.True(found.Count == 0, string.Join("; ", found.Select(f => f.RuleId + " " + f.Message)));
    }

    [Fact]
    public void The_env_fix_removes_the_flag_and_is_unsafe()
    {
        var text = Deployment("JAVA_OPTS", "-Xmx128m " + Flag);
        var f = TestUtil.Findings("k8s/carts.yaml", text).Single(x => x.RuleId == "V6007");
        Assert.NotNull(f.Fix);
        Assert.Equal(V6Ready.Rules.FixSafety.Unsafe, f.Fix!.Safety);
        var fixedText = TestUtil.ApplyFixes(text, new[] { f });
        Assert.Contains("value: \"-Xmx128m\"", fixedText);
        Assert.DoesNotContain(TestUtil.Findings("k8s/carts.yaml", fixedText), x => x.RuleId == "V6007");
    }

    [Fact]
    public void Build_files_are_detected_by_name()
    {
        Assert.Equal("jvm-config", TestUtil.FrontEnd.Detect(".mvn/jvm.config", null));
        Assert.Equal("jvm-config", TestUtil.FrontEnd.Detect("svc/gradle.properties", null));
        Assert.Equal("jvm-config", TestUtil.FrontEnd.Detect("svc/pom.xml", null));
        Assert.Null(TestUtil.FrontEnd.Detect("conf/jvm.config", null));
    }

    [Fact]
    public void A_broken_pom_is_a_parse_error_not_a_crash()
    {
        var r = TestUtil.Analyze("pom.xml", "<project><build>");
        Assert.NotEmpty(r.ParseErrors);
    }
}

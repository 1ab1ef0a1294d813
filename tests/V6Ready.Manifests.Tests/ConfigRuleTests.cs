using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

public class ConfigRuleTests
{
    [Fact]
    public void V6201_fix_keeps_a_trailing_comment_on_its_line()
    {
        const string conf = "server {\n    listen 80; # public port\n    server_name shop;\n}\n";
        var fixedText = TestUtil.FixAndRescan("nginx/nginx.conf", conf, "V6201");
        Assert.Equal("server {\n    listen 80; # public port\n    listen [::]:80;\n    server_name shop;\n}\n", fixedText);
    }

    [Fact]
    public void V6201_nginx_listen_without_ipv6_and_fix()
    {
        const string conf = "http {\n    server {\n        listen 80 default_server;\n        listen 127.0.0.1:8081;\n        listen 443 ssl;\n        listen [::]:443 ssl;\n    }\n}\n";
        var found = TestUtil.Findings("nginx/nginx.conf", conf, "V6201");
        Assert.Equal(new[] { 3, 4 }, found.Select(f => f.Line).ToArray());
        // The wildcard reaches outside clients (sure); the loopback status server only local ones (low), and its counterpart is [::1].
        Assert.Equal(Confidence.High, found[0].Confidence);
        Assert.Contains("'listen [::]:80'", found[0].Message);
        Assert.Equal(Confidence.Low, found[1].Confidence);
        Assert.Contains("'listen [::1]:8081'", found[1].Message);
        var fixedText = TestUtil.FixAndRescan("nginx/nginx.conf", conf, "V6201");
        Assert.Contains("        listen 80 default_server;\n        listen [::]:80 default_server;\n", fixedText);
        Assert.Contains("listen [::1]:8081;", fixedText);
    }

    [Theory]
    [InlineData("server {\n  listen [::]:80 ipv6only=off;\n}\n")]
    [InlineData("server {\n  listen 80;\n  listen [::]:80;\n}\n")]
    [InlineData("server {\n  listen 80;\n  include /etc/nginx/listen-v6.conf;\n}\n")]
    [InlineData("server {\n  listen unix:/run/app.sock;\n}\n")]
    public void V6201_negatives(string conf) => Assert.Empty(TestUtil.Findings("conf.d/default.conf", "# nginx\n" + conf.Replace("server {", "server {"), "V6201"));

    [Fact]
    public void Nginx_detection_by_name_folder_and_content()
    {
        Assert.Equal("nginx", TestUtil.FrontEnd.Detect("etc/nginx.conf", null));
        Assert.Equal("nginx", TestUtil.FrontEnd.Detect("nginx/conf.d/app.conf", "x"));
        Assert.Equal("nginx", TestUtil.FrontEnd.Detect("conf/site.conf", "# site\nserver {\n listen 80;\n}\n"));
        Assert.Null(TestUtil.FrontEnd.Detect("conf/app.conf", "key = value\n"));
    }

    [Fact]
    public void V6202_redis_bind()
    {
        Assert.Single(TestUtil.Findings("redis.conf", "bind 0.0.0.0\n", "V6202"));
        Assert.Single(TestUtil.Findings("redis-6380.conf", "bind 127.0.0.1\n", "V6202"));
        Assert.Single(TestUtil.Findings("redis.conf", "bind *\n", "V6202"));
        Assert.Empty(TestUtil.Findings("redis.conf", "bind 127.0.0.1 -::1\n", "V6202"));
        Assert.Empty(TestUtil.Findings("redis.conf", "bind * -::*\n", "V6202"));
        Assert.Empty(TestUtil.Findings("redis.conf", "# bind 0.0.0.0\n", "V6202"));
        Assert.Empty(TestUtil.Findings("redis.conf", "bind redis.internal\n", "V6202"));
        Assert.Equal("bind 0.0.0.0 -::\n", TestUtil.FixAndRescan("redis.conf", "bind 0.0.0.0\n", "V6202"));
        Assert.Equal("bind 127.0.0.1 -::1\r\n", TestUtil.FixAndRescan("redis.conf", "bind 127.0.0.1\r\n", "V6202"));
    }

    [Fact]
    public void V6203_mongod_conf()
    {
        const string conf = "net:\n  port: 27017\n  bindIp: 0.0.0.0\n";
        var f = Assert.Single(TestUtil.Findings("mongod.conf", conf, "V6203"));
        Assert.Equal(3, f.Line);
        var fixedText = TestUtil.FixAndRescan("mongod.conf", conf, "V6203");
        Assert.Equal("net:\n  ipv6: true\n  port: 27017\n  bindIp: \"::,0.0.0.0\"\n", fixedText);
        Assert.Single(TestUtil.Findings("mongod.conf", "net:\n  ipv6: true\n  bindIp: 127.0.0.1,10.0.0.5\n", "V6203"));
        Assert.Single(TestUtil.Findings("mongod.conf", "net:\n  bindIp: \"::,0.0.0.0\"\n", "V6203"));
        // bindIpAll / bindIp "*" bind '::' only with net.ipv6: true.
        Assert.Equal("net:\n  ipv6: true\n  bindIpAll: true\n", TestUtil.FixAndRescan("mongod.conf", "net:\n  bindIpAll: true\n", "V6203"));
        Assert.Equal("net:\n  ipv6: true\n  bindIp: \"*\"\n", TestUtil.FixAndRescan("mongod.conf", "net:\n  ipv6: false\n  bindIp: \"*\"\n", "V6203"));
        Assert.Empty(TestUtil.Findings("mongod.conf", "net:\n  bindIpAll: true\n  ipv6: true\n", "V6203"));
        Assert.Single(TestUtil.Findings("mongod.conf", "bind_ip_all = true\n", "V6203"));
        Assert.Empty(TestUtil.Findings("mongod.conf", "bind_ip_all = true\nipv6 = true\n", "V6203"));
        Assert.Empty(TestUtil.Findings("mongod.conf", "net:\n  ipv6: true\n  bindIp: \"::,0.0.0.0\"\n", "V6203"));
        Assert.Empty(TestUtil.Findings("mongod.conf", "net:\n  port: 27017\n", "V6203"));
        Assert.Single(TestUtil.Findings("mongod.conf", "# legacy\nbind_ip = 0.0.0.0\nport = 27017\n", "V6203"));
    }

    [Fact]
    public void V6108_and_V6104_compose()
    {
        const string compose = "services:\n  web:\n    image: nginx\n    ports:\n      - \"0.0.0.0:80:80\"\n      - 127.0.0.1:8080:8080\n      - \"[::]:81:81\"\n      - 82:82\n      - target: 83\n        host_ip: 0.0.0.0\n    environment:\n      FLASK_RUN_HOST: 0.0.0.0\n  api:\n    image: shop/api\n    command: gunicorn -b 0.0.0.0:8000 app:app\nnetworks:\n  front:\n  back:\n    driver: bridge\n  ext:\n    external: true\n  v6:\n    enable_ipv6: true\n";
        var found = TestUtil.Findings("docker-compose.yml", compose);
        Assert.Equal(2, found.Count(f => f.RuleId == "V6108" && f.Message.Contains("Network")));
        Assert.Equal(3, found.Count(f => f.RuleId == "V6108" && f.Message.Contains("port")));
        Assert.Equal(2, found.Count(f => f.RuleId == "V6104"));
        var fixedText = TestUtil.ApplyFixes(compose, found);
        Assert.Contains("      - \"80:80\"\n", fixedText);
        Assert.Contains("  front:\n    enable_ipv6: true\n", fixedText);
        Assert.Contains("  back:\n    enable_ipv6: true\n    driver: bridge\n", fixedText);
        Assert.Contains("FLASK_RUN_HOST: \"::\"", fixedText);
        Assert.Contains("command: gunicorn -b '[::]:8000' app:app", fixedText);
        var after = TestUtil.Analyze("docker-compose.yml", fixedText);
        Assert.Empty(after.ParseErrors);
        Assert.Equal(2, after.Findings.Count(f => f.RuleId == "V6108")); // the two without a safe fix (127.0.0.1, host_ip)
        Assert.DoesNotContain(after.Findings, f => f.RuleId == "V6104");
    }

    [Fact]
    public void Dockerfile_exec_shell_and_env_forms()
    {
        const string df = "FROM python:3.12\n# comment\nENV GUNICORN_CMD_ARGS=\"--bind=0.0.0.0:8000 --workers=2\" \\\n    OTHER=1\nENV HOST 0.0.0.0\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\"]\nFROM eclipse-temurin:21\nCMD [\"java\", \"-jar\", \"/app.jar\", \"--server.address=0.0.0.0\"]\nFROM node:20\nENV HOST=0.0.0.0\nENTRYPOINT node server.js --host 0.0.0.0\n";
        var found = TestUtil.Findings("Dockerfile", df, "V6104");
        Assert.Equal(new[] { 3, 5, 6, 10, 11 }, found.Select(f => f.Line).OrderBy(x => x).ToArray());
        Assert.Equal(Confidence.Medium, found.Single(f => f.Line == 11).Confidence); // node script: depends on the script
        Assert.Equal(Confidence.High, found.Single(f => f.Line == 6).Confidence);    // uvicorn
        var fixedText = TestUtil.ApplyFixes(df, found);
        Assert.Contains("CMD [\"uvicorn\", \"app:app\", \"--host\", \"::\"]", fixedText);
        Assert.Contains("--bind=[::]:8000", fixedText);
        Assert.Equal("dockerfile", TestUtil.FrontEnd.Detect("svc/api.Dockerfile", null));
        Assert.Equal("dockerfile", TestUtil.FrontEnd.Detect("svc/Dockerfile.prod", null));
    }

    [Fact]
    public void V6107_daemon_json_and_kubeadm()
    {
        Assert.Single(TestUtil.Findings("etc/docker/daemon.json", "{\"log-driver\": \"json-file\"}", "V6107"));
        Assert.Single(TestUtil.Findings("etc/docker/daemon.json", "{\"ipv6\": false}", "V6107"));
        Assert.Empty(TestUtil.Findings("etc/docker/daemon.json", "{\"ipv6\": true, \"fixed-cidr-v6\": \"fd00::/80\"}", "V6107"));
        var r = TestUtil.Analyze("etc/docker/daemon.json", "{\"ipv6\": tru");
        Assert.NotEmpty(r.ParseErrors);
        const string kubeadm = "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: fd00::/108\napiServer:\n  extraArgs:\n    service-cluster-ip-range: 10.96.0.0/12\n";
        Assert.Equal(2, TestUtil.Findings("kubeadm.yaml", kubeadm, "V6107").Count);
        var staticPod = "apiVersion: v1\nkind: Pod\nmetadata: {name: kube-controller-manager}\nspec:\n  containers:\n    - name: kcm\n      image: registry.k8s.io/kube-controller-manager:v1.30.0\n      command:\n        - kube-controller-manager\n        - --cluster-cidr=10.244.0.0/16\n        - --service-cluster-ip-range=10.96.0.0/12,fd00::/108\n        - --bind-address=0.0.0.0\n";
        Assert.Single(TestUtil.Findings("manifests/kcm.yaml", staticPod, "V6107"));
        Assert.Empty(TestUtil.Findings("manifests/kcm.yaml", staticPod, "V6104")); // Go: 0.0.0.0 is dual-stack
    }

    [Fact]
    public void Detection_claims_known_files_only()
    {
        var fe = TestUtil.FrontEnd;
        Assert.Null(fe.Detect("cluster/prod.snapshot.json", "{\"apiVersion\":\"v1\",\"kind\":\"List\"}"));
        Assert.Null(fe.Detect("config/app.yaml", "name: x\nreplicas: 3\n"));
        Assert.Null(fe.Detect("data/x.json", "{\"a\": 1}"));
        Assert.Equal("compose", fe.Detect("docker-compose.override.yml", null));
        Assert.Equal("compose", fe.Detect("stack/app.yaml", "version: '3'\nservices:\n  a:\n    image: x\n"));
        Assert.Equal("kubernetes", fe.Detect("k8s/a.yml", "---\napiVersion: v1\nkind: Service\n"));
        Assert.Equal("helm", fe.Detect("chart/templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n"));
        Assert.Equal("helm-values", fe.Detect("chart/values.yaml", "a: 1\n")); // read with the chart's templates
        Assert.Null(fe.Detect("chart/values-prod.yaml", "a: 1\n"));
        Assert.Equal("redis", fe.Detect("redis/redis.conf", null));
        Assert.Equal("mongod", fe.Detect("db/mongod.conf", "net:\n"));
        Assert.Equal("msbuild", fe.Detect("src/App/App.csproj", null));
        Assert.Equal("json", fe.Detect("web/package.json", null));
        Assert.Equal("gomod", fe.Detect("go.mod", null));
        Assert.True(fe.NeedsContent("a/b.yaml") && fe.NeedsContent("x.json") && fe.NeedsContent("y.conf") && !fe.NeedsContent("Dockerfile"));
    }
}

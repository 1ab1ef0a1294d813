using V6Ready.Core;

namespace V6Ready.Manifests.Tests;

/// <summary>
/// Scripts run by a shell inside other files (container command/args, compose, Dockerfile RUN/CMD/ENTRYPOINT) are
/// shell regions: heredocs, echo/printf/tee into a config file and nested sh -c are read, and findings and fixes land
/// at the host's line and column.
/// </summary>
public class ShellRegionTests
{
    private static string Pod(string container) =>
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n" + container;

    private static Finding One(string path, string text, string rule, int line, int column)
    {
        var result = TestUtil.Analyze(path, text);
        Assert.Empty(result.ParseErrors);
        var f = Assert.Single(result.Findings, x => x.RuleId == rule);
        Assert.Equal((line, column), (f.Line, f.Column));
        return f;
    }

    private static string Column(string text, int line, string find) => text.Split('\n')[line - 1].IndexOf(find, StringComparison.Ordinal) is var i && i >= 0 ? (i + 1).ToString() : "not found";

    [Fact]
    public void Kubernetes_flow_list_sh_c_is_read_and_fixed_in_place()
    {
        var text = Pod("      command: [\"sh\", \"-c\", \"exec gunicorn --bind 0.0.0.0:8000 app:app\"]\n");
        var f = One("pod.yaml", text, "V6104", 9, int.Parse(Column(text, 9, "0.0.0.0:8000")));
        Assert.NotNull(f.Fix);
        var fixedText = TestUtil.FixAndRescan("pod.yaml", text, "V6104");
        Assert.Contains("\"exec gunicorn --bind '[::]:8000' app:app\"", fixedText);
    }

    [Fact]
    public void Script_in_args_after_bin_sh_ec_with_a_heredoc_writing_redis_conf()
    {
        var text = Pod("      command: [\"/bin/sh\", \"-ec\"]\n      args:\n        - |\n          cat > /etc/redis/redis.conf <<EOF\n          port 6379\n          bind 0.0.0.0\n          EOF\n          exec redis-server /etc/redis/redis.conf\n");
        var f = One("pod.yaml", text, "V6202", 14, 11);
        Assert.NotNull(f.Fix);
        var fixedText = TestUtil.FixAndRescan("pod.yaml", text, "V6202");
        Assert.Contains("          bind 0.0.0.0 -::\n          EOF\n", fixedText);
    }

    [Fact]
    public void Echo_append_and_tee_into_a_known_config_are_regions()
    {
        var append = Pod("      command: [\"bash\", \"-c\"]\n      args: [\"echo 'bind 0.0.0.0' >> /opt/valkey/etc/valkey.conf && valkey-server /opt/valkey/etc/valkey.conf\"]\n");
        One("pod.yaml", append, "V6202", 10, int.Parse(Column(append, 10, "bind 0.0.0.0")));
        var tee = "#!/bin/sh\necho bind 0.0.0.0 | sudo tee -a /etc/redis/redis.conf\n";
        One("run.sh", tee, "V6202", 2, 6);
        var fixedTee = TestUtil.FixAndRescan("run.sh", tee, "V6202");
        Assert.Equal("#!/bin/sh\necho bind 0.0.0.0 -:: | sudo tee -a /etc/redis/redis.conf\n", fixedTee);
    }

    [Fact]
    public void Compose_string_command_and_entrypoint_list_run_shells()
    {
        var text = "services:\n  api:\n    image: python:3.12\n    command: sh -c \"pip install -r req.txt && uvicorn app:app --host 0.0.0.0 --port 80\"\n" +
                   "  web:\n    image: nginx:1.27\n    entrypoint: [\"/bin/bash\", \"-c\"]\n    command:\n      - |\n        printf 'server {\\n  listen 8080;\\n}\\n' > /etc/nginx/conf.d/default.conf\n        exec nginx -g 'daemon off;'\n";
        var result = TestUtil.Analyze("docker-compose.yml", text);
        Assert.Empty(result.ParseErrors);
        var uv = Assert.Single(result.Findings, f => f.RuleId == "V6104");
        Assert.Equal((4, int.Parse(Column(text, 4, "0.0.0.0"))), (uv.Line, uv.Column));
        var nginx = Assert.Single(result.Findings, f => f.RuleId == "V6201");
        Assert.Equal(10, nginx.Line);
        Assert.Null(nginx.Fix); // the fix adds a line, which the printf string cannot hold as written
        // '::' followed by the host's space would be ": " inside a plain YAML scalar: the fix is dropped there.
        Assert.Null(uv.Fix);
        var quoted = text.Replace("command: sh -c \"pip install -r req.txt && uvicorn app:app --host 0.0.0.0 --port 80\"", "command: 'sh -c \"uvicorn app:app --host 0.0.0.0 --port 80\"'");
        var fixedText = TestUtil.ApplyFixes(quoted, TestUtil.Analyze("docker-compose.yml", quoted).Findings.Where(f => f.RuleId == "V6104"));
        Assert.Contains("command: 'sh -c \"uvicorn app:app --host :: --port 80\"'", fixedText);
        var after = TestUtil.Analyze("docker-compose.yml", fixedText);
        Assert.Empty(after.ParseErrors);
        Assert.DoesNotContain(after.Findings, f => f.RuleId == "V6104");
    }

    [Fact]
    public void Dockerfile_run_cmd_and_exec_form_sh_c()
    {
        var text = "FROM python:3.12\n" +
                   "RUN echo 'bind 0.0.0.0' > /etc/redis/redis.conf \\\n    && pip install gunicorn\n" +
                   "RUN cat > /etc/nginx/conf.d/app.conf <<EOF\nserver {\n    listen 8080;\n}\nEOF\n" +
                   "COPY <<EOF /etc/mongod.conf\nnet:\n  bindIp: 0.0.0.0\nEOF\n" +
                   "CMD [\"sh\", \"-c\", \"gunicorn --bind 0.0.0.0:8000 app:app\"]\n";
        var result = TestUtil.Analyze("Dockerfile", text);
        Assert.Empty(result.ParseErrors);
        var redis = Assert.Single(result.Findings, f => f.RuleId == "V6202");
        Assert.Equal((2, 11), (redis.Line, redis.Column));
        var nginx = Assert.Single(result.Findings, f => f.RuleId == "V6201");
        Assert.Equal((6, 5), (nginx.Line, nginx.Column));
        var mongo = Assert.Single(result.Findings, f => f.RuleId == "V6203");
        Assert.Equal(11, mongo.Line);
        var guni = Assert.Single(result.Findings, f => f.RuleId == "V6104");
        Assert.Equal((13, int.Parse(Column(text, 13, "0.0.0.0:8000"))), (guni.Line, guni.Column));
        Assert.NotNull(guni.Fix);
        var fixedText = TestUtil.ApplyFixes(text, result.Findings.Where(f => f.RuleId is "V6104" or "V6201" or "V6202"));
        Assert.Contains("CMD [\"sh\", \"-c\", \"gunicorn --bind '[::]:8000' app:app\"]\n", fixedText);
        Assert.Contains("    listen 8080;\n    listen [::]:8080;\n}\nEOF\n", fixedText);
        Assert.Contains("RUN echo 'bind 0.0.0.0 -::' > /etc/redis/redis.conf \\\n", fixedText);
        var after = TestUtil.Analyze("Dockerfile", fixedText);
        Assert.DoesNotContain(after.Findings, f => f.RuleId is "V6104" or "V6201" or "V6202");
    }

    [Fact]
    public void Dockerfile_shell_form_cmd_over_continuation_lines_maps_each_word()
    {
        var text = "FROM python:3.12\nCMD uvicorn app:app \\\n    --host 0.0.0.0 \\\n    --port 80\n";
        var f = One("Dockerfile", text, "V6104", 3, 12);
        Assert.NotNull(f.Fix);
        var fixedText = TestUtil.FixAndRescan("Dockerfile", text, "V6104");
        Assert.Equal("FROM python:3.12\nCMD uvicorn app:app \\\n    --host :: \\\n    --port 80\n", fixedText);
    }

    [Fact]
    public void Run_heredoc_body_is_the_script()
    {
        var text = "FROM python:3.12\nRUN <<EOF\nset -e\nprintf 'bind 0.0.0.0\\n' > /etc/redis.conf\nEOF\n";
        One("Dockerfile", text, "V6202", 4, 9);
    }

    [Fact]
    public void Nested_sh_c_in_a_shell_script_and_in_a_heredoc_of_a_configmap()
    {
        var script = "#!/bin/sh\nexec sh -c 'bash -c \"uvicorn main:app --host 0.0.0.0\"'\n";
        One("start.sh", script, "V6104", 2, int.Parse(Column(script, 2, "0.0.0.0")));
        var cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  start.sh: |\n    cat > /run.sh <<'EOF'\n    sh -c \"echo 'bind 0.0.0.0' > /etc/redis.conf\"\n    EOF\n";
        One("cm.yaml", cm, "V6202", 7, int.Parse(Column(cm, 7, "bind 0.0.0.0")));
    }

    [Theory]
    [InlineData("      command: [\"sh\", \"-c\", \"exec gunicorn --bind '[::]:8000' app:app\"]\n")]
    [InlineData("      command: [\"sh\", \"-c\", \"java -jar app.jar --server.address=0.0.0.0\"]\n")]
    [InlineData("      command: [\"sh\", \"-c\", \"/prometheus --web.listen-address=0.0.0.0:9090\"]\n")]
    [InlineData("      command: [\"sh\", \"-c\"]\n      args: [\"echo 'bind * -::*' >> /etc/redis.conf; mongod --bind_ip_all --ipv6\"]\n")]
    [InlineData("      command: [\"sh\", \"-c\"]\n      args:\n        - |\n          cat > /etc/nginx/conf.d/x.conf <<EOF\n          server { listen 80; listen [::]:80; }\n          EOF\n")]
    [InlineData("      command: [\"sh\", \"-c\", \"echo 0.0.0.0 > /tmp/addr.txt; curl http://10.0.0.1/ # 0.0.0.0\"]\n")]
    public void Kubernetes_dual_stack_look_alikes_are_clean(string container) =>
        Assert.Empty(TestUtil.Analyze("pod.yaml", Pod(container)).Findings);

    [Theory]
    [InlineData("FROM python:3.12\nCMD uvicorn app:app --host :: --port 80\n")]
    [InlineData("FROM eclipse-temurin:21\nCMD [\"sh\", \"-c\", \"java -jar app.jar --server.address=0.0.0.0\"]\n")]
    [InlineData("FROM redis:7\nRUN echo 'bind * -::*' > /usr/local/etc/redis/redis.conf\n")]
    [InlineData("FROM nginx:1.27\nCOPY <<EOF /etc/nginx/conf.d/default.conf\nserver {\n    listen 80;\n    listen [::]:80;\n}\nEOF\n")]
    [InlineData("FROM debian:12\nRUN echo '0.0.0.0 blocked.example' >> /etc/hosts\n")]
    public void Dockerfile_dual_stack_look_alikes_are_clean(string text) =>
        Assert.Empty(TestUtil.Analyze("Dockerfile", text).Findings);

    [Fact]
    public void Helm_templated_script_keeps_the_values_path()
    {
        // A script with a template action is read directly (its value comes from values.yaml), not as a region.
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n      command: [\"sh\", \"-c\", \"gunicorn --bind {{ .Values.host }}:8000 app\"]\n";
        var result = TestUtil.Analyze("chart/templates/pod.yaml", text);
        Assert.Empty(result.Regions);
    }

    [Fact]
    public void Unterminated_heredoc_in_sh_c_is_a_parse_error_at_the_host_line()
    {
        var text = Pod("      command: [\"sh\", \"-c\"]\n      args:\n        - |\n          cat > /etc/redis.conf <<EOF\n          bind 0.0.0.0\n");
        var result = TestUtil.Analyze("pod.yaml", text);
        Assert.Contains(result.ParseErrors, p => p.Message.Contains("unterminated heredoc") && p.Line == 13);
        Assert.Contains(result.Findings, f => f.RuleId == "V6202" && f.Line == 13);
    }

    [Fact]
    public void Procfile_web_line_is_a_command_line_and_its_fix_keeps_the_variable_expanding()
    {
        var text = "# web and worker\nweb: gunicorn --bind 0.0.0.0:$PORT app:app\nworker: celery -A app worker\n";
        Assert.Equal("procfile", TestUtil.FrontEnd.Detect("Procfile", text));
        One("Procfile", text, "V6104", 2, 22);
        var fixedText = TestUtil.FixAndRescan("Procfile", text, "V6104");
        Assert.Contains("web: gunicorn --bind \"[::]:$PORT\" app:app\n", fixedText);
        Assert.Empty(TestUtil.Analyze("Procfile", "web: java -jar app.jar --server.address=0.0.0.0\nrelease: ./manage.py migrate\n").Findings);
    }

    [Fact]
    public void Supervisord_program_command_is_a_command_line()
    {
        var text = "[supervisord]\nnodaemon=true\n\n[program:api]\ncommand=uvicorn app:app --host 0.0.0.0 --port 8000 ; the API\nautorestart=true\n\n[program:jvm]\ncommand=java -jar app.jar --server.address=0.0.0.0\n";
        Assert.Equal("supervisord", TestUtil.FrontEnd.Detect("deploy/supervisord.conf", text));
        Assert.Equal("supervisord", TestUtil.FrontEnd.Detect("etc/supervisor/conf.d/app.ini", text));
        var f = One("deploy/supervisord.conf", text, "V6104", 5, 32);
        var fixedText = TestUtil.FixAndRescan("deploy/supervisord.conf", text, "V6104");
        Assert.Contains("command=uvicorn app:app --host :: --port 8000 ; the API\n", fixedText);
        // Outside a [program:…] section, command= is not a program's command.
        Assert.Empty(TestUtil.Analyze("supervisord.conf", "[supervisord]\ncommand=uvicorn app:app --host 0.0.0.0\n").Findings);
    }

    [Fact]
    public void Ignore_comment_in_a_procfile_suppresses()
    {
        var text = "# v6ready-ignore V6104 -- behind an IPv4-only router\nweb: gunicorn --bind 0.0.0.0:$PORT app:app\n";
        var dir = Directory.CreateTempSubdirectory("v6r-proc").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "Procfile"), text);
            var report = V6Ready.Core.Scanning.Scanner.Scan(new ScanOptions { Paths = new[] { dir }, BaseDirectory = dir, FrontEnds = new ILanguageFrontEnd[] { TestUtil.FrontEnd }, UseGitIgnore = false });
            Assert.Empty(report.Findings);
            Assert.Equal(1, report.Suppressed);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("init.sh")]
    [InlineData("chart/templates/init.sh")]
    public void Echo_lines_of_a_brace_group_redirected_to_a_config_are_one_region(string path)
    {
        // valkey-helm's init script before its IPv6 fix (8ac6756: "bind 0.0.0.0" became "bind * -::*")
        const string script = "#!/bin/sh\nVALKEY_CONFIG=${VALKEY_CONFIG_PATH:-/data/conf/valkey.conf}\n{\n  echo \"port 6379\"\n  echo \"protected-mode no\"\n  echo \"bind 0.0.0.0\"\n} >>\"$VALKEY_CONFIG\"\n" +
                              "{\n  echo \"bind * -::*\"\n} > /etc/valkey/valkey-dual.conf\n{ echo \"hello\"; } > /tmp/greeting\n";
        var r = TestUtil.Analyze(path, script);
        Assert.Empty(r.ParseErrors);
        var f = Assert.Single(r.Findings);
        Assert.Equal(("V6202", 6), (f.RuleId, f.Line));
        var fixedText = TestUtil.FixAndRescan(path, script, "V6202");
        Assert.Contains("echo \"bind", fixedText);
    }
}

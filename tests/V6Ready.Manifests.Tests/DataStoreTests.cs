using V6Ready.Core;

namespace V6Ready.Manifests.Tests;

/// <summary>
/// V6206 (postgres listen_addresses / -h), V6207 (pgbouncer listen_addr) and V6208 (memcached -l): config files,
/// command lines, ConfigMap data and heredocs; dual-stack look-alikes stay clean; fixes re-scan clean.
/// </summary>
public class DataStoreTests
{
    private static string Pod(string image, string container) =>
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: " + image + "\n" + container;

    private static Finding One(string path, string text, string rule, int line, int column)
    {
        var result = TestUtil.Analyze(path, text);
        Assert.Empty(result.ParseErrors);
        var f = Assert.Single(result.Findings, x => x.RuleId == rule);
        Assert.Equal((line, column), (f.Line, f.Column));
        return f;
    }

    private static int Col(string text, int line, string find)
    {
        var i = text.Split('\n')[line - 1].IndexOf(find, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{find}' not on line {line}");
        return i + 1;
    }

    private static void Clean(string path, string text, string rule)
    {
        var result = TestUtil.Analyze(path, text);
        Assert.Empty(result.ParseErrors);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == rule);
    }

    // ---- postgres -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("listen_addresses = '0.0.0.0'", "'*'")]
    [InlineData("listen_addresses='0.0.0.0,localhost'   # remote and local", "'*'")]
    [InlineData("LISTEN_ADDRESSES '0.0.0.0, 127.0.0.1'", "'*'")]
    [InlineData("listen_addresses = '10.0.0.5'", null)]
    public void Postgresql_conf_ipv4_only_lists_are_reported(string line, string? fixedValue)
    {
        var text = "# connections\nport = 5432\n" + line + "\nmax_connections = 100\n";
        var f = One("postgresql.conf", text, "V6206", 3, Col(text, 3, "'"));
        if (fixedValue is null) { Assert.Null(f.Fix); return; }
        var fixedText = TestUtil.FixAndRescan("postgresql.conf", text, "V6206");
        Assert.Contains(fixedValue, fixedText.Split('\n')[2]);
        Assert.Equal(text.Split('\n').Length, fixedText.Split('\n').Length);
    }

    [Theory]
    [InlineData("listen_addresses = '*'")]
    [InlineData("listen_addresses = '::'")] // IPv6 only (measured), not an IPv4-only listener
    [InlineData("listen_addresses = '0.0.0.0,::'")]
    [InlineData("listen_addresses = '::,0.0.0.0'")]
    [InlineData("listen_addresses = 'localhost'")]
    [InlineData("listen_addresses = '127.0.0.1'")]
    [InlineData("listen_addresses = ''")]
    [InlineData("#listen_addresses = '0.0.0.0'\t\t# what IP address(es) to listen on;")]
    [InlineData("listen_addresses = '*'  # was '0.0.0.0'")]
    [InlineData("listen_addresses = 0.0.0.0")] // unquoted: postgres refuses the file (measured), nothing listens
    [InlineData("listen_addresses = '0.0.0.0'\nlisten_addresses = '*'")] // the last setting wins
    public void Postgresql_conf_dual_stack_and_commented_forms_are_clean(string line) =>
        Clean("postgresql.conf", "port = 5432\n" + line + "\n", "V6206");

    [Fact]
    public void Postgresql_conf_last_setting_is_the_one_reported()
    {
        var text = "listen_addresses = '*'\ninclude_dir = 'conf.d'\nlisten_addresses = '0.0.0.0'\n";
        One("postgresql.conf", text, "V6206", 3, 20);
    }

    [Fact]
    public void Postgres_conf_is_detected_by_name_and_by_content()
    {
        Assert.Equal("postgres", TestUtil.FrontEnd.Detect("db/postgresql.auto.conf", "listen_addresses = '0.0.0.0'\n"));
        Assert.Equal("postgres", TestUtil.FrontEnd.Detect("conf.d/10-network.conf", "listen_addresses = '0.0.0.0'\n"));
        Assert.Null(TestUtil.FrontEnd.Detect("conf.d/10-other.conf", "shared_buffers = 128MB\n"));
        Assert.Null(TestUtil.FrontEnd.Detect("etc/pgpool-II/pgpool.conf", "listen_addresses = '0.0.0.0'\n"));
    }

    [Fact]
    public void Postgres_unterminated_quote_is_a_parse_error_not_a_crash()
    {
        var result = TestUtil.Analyze("postgresql.conf", "listen_addresses = '0.0.0.0\nport = 5432\n");
        Assert.Contains(result.ParseErrors, p => p.Line == 1 && p.Message.Contains("unterminated", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "V6206");
    }

    [Fact]
    public void Postgres_ignore_comment_on_the_line_suppresses()
    {
        var text = "listen_addresses = '0.0.0.0' # v6ready-ignore V6206 -- IPv4-only network\n";
        var result = TestUtil.Analyze("postgresql.conf", text);
        Assert.Contains(result.Comments, c => c.Text.Contains("v6ready-ignore V6206", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigMap_key_postgresql_conf_and_content_without_a_name()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pg\ndata:\n  postgresql.conf: |\n    shared_buffers = 128MB\n    listen_addresses = '0.0.0.0'\n  extra: |\n    # tuned\n    listen_addresses = '0.0.0.0,localhost'\n";
        var result = TestUtil.Analyze("pg.yaml", text);
        Assert.Empty(result.ParseErrors);
        var hits = result.Findings.Where(f => f.RuleId == "V6206").OrderBy(f => f.Line).ToList();
        Assert.Equal(2, hits.Count);
        Assert.Equal((8, 24), (hits[0].Line, hits[0].Column));
        Assert.Equal((11, 24), (hits[1].Line, hits[1].Column));
        var fixedText = TestUtil.FixAndRescan("pg.yaml", text, "V6206");
        Assert.Contains("    listen_addresses = '*'\n  extra:", fixedText);
        Assert.EndsWith("    listen_addresses = '*'\n", fixedText);
    }

    [Theory]
    [InlineData("      args: [\"-c\", \"listen_addresses=0.0.0.0\"]\n", "\"listen_addresses=0.0.0.0\"", "\"listen_addresses=0.0.0.0,::\"")]
    [InlineData("      command: [\"postgres\", \"-h\", \"0.0.0.0\"]\n", "\"0.0.0.0\"", "\"0.0.0.0,::\"")]
    [InlineData("      args:\n        - -c\n        - listen_addresses=0.0.0.0\n        - -c\n        - max_connections=200\n", "listen_addresses=0.0.0.0", "- \"listen_addresses=0.0.0.0,::\"")]
    public void Kubernetes_postgres_args_are_reported_and_fixed(string container, string at, string fixedPart)
    {
        var text = Pod("postgres:16", container);
        var line = text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(at, StringComparison.Ordinal)).i + 1;
        var f = One("pod.yaml", text, "V6206", line, Col(text, line, at));
        Assert.NotNull(f.Fix);
        var fixedText = TestUtil.FixAndRescan("pod.yaml", text, "V6206");
        Assert.Contains(fixedPart, fixedText);
    }

    [Theory]
    [InlineData("      args: [\"-c\", \"listen_addresses=*\"]\n")]
    [InlineData("      args: [\"-c\", \"listen_addresses=0.0.0.0,::\"]\n")]
    [InlineData("      command: [\"postgres\", \"-h\", \"::\"]\n")]
    [InlineData("      command: [\"postgres\", \"-i\"]\n")]
    [InlineData("      args: [\"-c\", \"listen_addresses=0.0.0.0\", \"-c\", \"listen_addresses=*\"]\n")]
    [InlineData("      command: [\"psql\", \"-h\", \"0.0.0.0\"]\n")] // a client, not the server
    public void Kubernetes_postgres_dual_stack_forms_are_clean(string container) =>
        Clean("pod.yaml", Pod("postgres:16", container), "V6206");

    [Fact]
    public void Compose_dockerfile_and_shell_postgres_command_lines()
    {
        var compose = "services:\n  db:\n    image: postgres:16\n    command: postgres -c listen_addresses=0.0.0.0 -c log_connections=on\n";
        One("compose.yaml", compose, "V6206", 4, Col(compose, 4, "listen_addresses"));
        var dockerfile = "FROM postgres:16\nCMD [\"postgres\", \"-c\", \"listen_addresses=0.0.0.0\"]\n";
        One("Dockerfile", dockerfile, "V6206", 2, Col(dockerfile, 2, "\"listen_addresses"));
        TestUtil.FixAndRescan("Dockerfile", dockerfile, "V6206");
        var entry = "services:\n  db:\n    image: postgres:16\n    entrypoint: [\"docker-entrypoint.sh\", \"postgres\", \"-h\", \"0.0.0.0\"]\n";
        One("compose.yaml", entry, "V6206", 4, Col(entry, 4, "\"0.0.0.0\""));
        var shell = "#!/bin/sh\nexec gosu postgres postgres -D \"$PGDATA\" --listen-addresses=0.0.0.0\n";
        One("start.sh", shell, "V6206", 2, Col(shell, 2, "--listen-addresses"));
        Assert.Contains("--listen-addresses=0.0.0.0,::", TestUtil.FixAndRescan("start.sh", shell, "V6206"));
    }

    [Theory]
    [InlineData("psql -h 0.0.0.0 -U app", false)] // clients connect to -h
    [InlineData("redis-cli -h 0.0.0.0 ping", false)]
    [InlineData("pg_isready -h 0.0.0.0", false)]
    [InlineData("flask run -h 0.0.0.0", true)] // flask run -h is --host
    public void Lowercase_h_is_a_bind_flag_for_flask_only(string line, bool reported) =>
        Assert.Equal(reported, TestUtil.Analyze("run.sh", "#!/bin/sh\n" + line + "\n").Findings.Any(f => f.RuleId == "V6104"));

    // ---- pgbouncer ------------------------------------------------------------------------------------------------

    private const string Bouncer = "[databases]\n* = host=db port=5432\n\n[pgbouncer]\n";

    [Theory]
    [InlineData("listen_addr = 0.0.0.0", true)]
    [InlineData("listen_addr=0.0.0.0,localhost", true)]
    [InlineData("LISTEN_ADDR = 0.0.0.0, 127.0.0.1  ", true)]
    [InlineData("listen_addr = 10.1.2.3", false)]
    public void Pgbouncer_ini_ipv4_only_lists_are_reported(string line, bool fixable)
    {
        var text = Bouncer + line + "\nlisten_port = 6432\n";
        var value = line[(line.IndexOf('=') + 1)..].Trim();
        var f = One("pgbouncer.ini", text, "V6207", 5, Col(text, 5, value));
        Assert.Equal(fixable, f.Fix is not null);
        if (fixable) Assert.Contains("\n" + line[..(line.IndexOf('=') + 1)] + line[(line.IndexOf('=') + 1)..].Replace(value, "*") + "\nlisten_port", TestUtil.FixAndRescan("pgbouncer.ini", text, "V6207"));
    }

    [Theory]
    [InlineData("listen_addr = *")]
    [InlineData("listen_addr = ::")]
    [InlineData("listen_addr = 0.0.0.0,::")]
    [InlineData("listen_addr = localhost")]
    [InlineData("listen_addr = 127.0.0.1")]
    [InlineData("listen_addr =")]
    [InlineData(";listen_addr = 0.0.0.0")]
    [InlineData("# listen_addr = 0.0.0.0")]
    [InlineData("listen_addr = '0.0.0.0'")] // quotes are kept by pgbouncer: it stops at startup (measured)
    [InlineData("listen_addr = 0.0.0.0 ; tcp")] // no trailing comments in pgbouncer.ini: same
    [InlineData("listen_addr = 0.0.0.0\nlisten_addr = *")]
    public void Pgbouncer_dual_stack_commented_and_invalid_forms_are_clean(string line) =>
        Clean("pgbouncer.ini", Bouncer + line + "\n", "V6207");

    [Fact]
    public void Pgbouncer_listen_addr_outside_its_section_is_a_database_name_not_a_setting() =>
        Clean("pgbouncer.ini", "[databases]\nlisten_addr = host=0.0.0.0\n[pgbouncer]\nlisten_port = 6432\n", "V6207");

    [Fact]
    public void Pgbouncer_ini_is_detected_by_name_and_section()
    {
        Assert.Equal("pgbouncer", TestUtil.FrontEnd.Detect("etc/pgbouncer/pgbouncer.ini", Bouncer));
        Assert.Equal("pgbouncer", TestUtil.FrontEnd.Detect("config/pooler.ini", Bouncer));
        Assert.Null(TestUtil.FrontEnd.Detect("config/tox.ini", "[tox]\nenvlist = py3\n"));
    }

    [Fact]
    public void ConfigMap_key_pgbouncer_ini_is_a_region()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pgb\ndata:\n  pgbouncer.ini: |\n    [databases]\n    app = host=postgres port=5432\n    [pgbouncer]\n    listen_addr = 0.0.0.0\n    listen_port = 6432\n";
        One("pgb.yaml", text, "V6207", 10, 19);
        var fixedText = TestUtil.FixAndRescan("pgb.yaml", text, "V6207");
        Assert.Contains("    listen_addr = *\n    listen_port = 6432\n", fixedText);
    }

    // ---- memcached ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("memcached -u memcache -l 0.0.0.0 -p 11211", "0.0.0.0 -p", "-l 0.0.0.0,:: -p")]
    [InlineData("memcached --listen=0.0.0.0 -m 64", "--listen", "--listen=0.0.0.0,:: -m")]
    [InlineData("exec memcached -l0.0.0.0", "-l0.0.0.0", "-l0.0.0.0,::")]
    public void Memcached_command_lines_in_shell(string line, string at, string fixedPart)
    {
        var text = "#!/bin/sh\n" + line + "\n";
        var f = One("run.sh", text, "V6208", 2, Col(text, 2, at));
        Assert.NotNull(f.Fix);
        Assert.Contains(fixedPart, TestUtil.FixAndRescan("run.sh", text, "V6208"));
    }

    [Theory]
    [InlineData("memcached -u memcache -p 11211")] // no -l: every address of both families (measured)
    [InlineData("memcached -l 0.0.0.0,::")]
    [InlineData("memcached -l '0.0.0.0;::'")]
    [InlineData("memcached -l 0.0.0.0 -l ::")]
    [InlineData("memcached -l '*'")]
    [InlineData("memcached -l ::")]
    [InlineData("memcached -l 127.0.0.1")]
    [InlineData("memcached -l [::]:11211,0.0.0.0:11211")]
    [InlineData("# memcached -l 0.0.0.0")]
    [InlineData("memcache-top --listen 0.0.0.0")] // another program
    public void Memcached_dual_stack_and_local_forms_are_clean(string line) =>
        Clean("run.sh", "#!/bin/sh\n" + line + "\n", "V6208");

    [Fact]
    public void Memcached_host_port_form_is_reported_without_a_fix()
    {
        var text = "#!/bin/sh\nmemcached -l 0.0.0.0:11211\n";
        Assert.Null(One("run.sh", text, "V6208", 2, 14).Fix);
        var notls = "#!/bin/sh\nmemcached --enable-ssl -l notls:0.0.0.0:11211\n";
        Assert.Null(One("run.sh", notls, "V6208", 2, Col(notls, 2, "notls")).Fix);
        Clean("run.sh", "#!/bin/sh\nmemcached -l notls:0.0.0.0:11211,[::]:11211\n", "V6208");
    }

    [Fact]
    public void Kubernetes_compose_and_dockerfile_memcached()
    {
        var pod = Pod("memcached:1.6", "      args: [\"-m\", \"64\", \"-l\", \"0.0.0.0\"]\n");
        One("pod.yaml", pod, "V6208", 9, Col(pod, 9, "\"0.0.0.0\""));
        Assert.Contains("\"-l\", \"0.0.0.0,::\"", TestUtil.FixAndRescan("pod.yaml", pod, "V6208"));
        var compose = "services:\n  cache:\n    image: memcached:1.6-alpine\n    command: [\"memcached\", \"--listen=0.0.0.0\"]\n";
        One("docker-compose.yml", compose, "V6208", 4, Col(compose, 4, "\"--listen"));
        var dockerfile = "FROM memcached:1.6\nCMD memcached -l 0.0.0.0 -U 0\n";
        One("Dockerfile", dockerfile, "V6208", 2, Col(dockerfile, 2, "0.0.0.0"));
        Assert.Equal("FROM memcached:1.6\nCMD memcached -l 0.0.0.0,:: -U 0\n", TestUtil.FixAndRescan("Dockerfile", dockerfile, "V6208"));
    }

    [Fact]
    public void Sh_c_memcached_in_a_container_command()
    {
        var pod = Pod("memcached:1.6", "      command: [\"sh\", \"-c\", \"memcached -l 0.0.0.0\"]\n");
        One("pod.yaml", pod, "V6208", 9, Col(pod, 9, "0.0.0.0"));
        Assert.Contains("\"memcached -l 0.0.0.0,::\"", TestUtil.FixAndRescan("pod.yaml", pod, "V6208"));
    }

    [Fact]
    public void Memcached_conf_file_lines_are_options()
    {
        var text = "# memcached default config file\n-d\nlogfile /var/log/memcached.log\n-m 64\n-p 11211\n-u memcache\n-l 0.0.0.0   # all interfaces\n-P /var/run/memcached/memcached.pid\n";
        One("memcached.conf", text, "V6208", 7, 4);
        var fixedText = TestUtil.FixAndRescan("memcached.conf", text, "V6208");
        Assert.Contains("\n-l 0.0.0.0,::   # all interfaces\n", fixedText);
        Clean("memcached.conf", text.Replace("-l 0.0.0.0", "-l 127.0.0.1"), "V6208");
        Clean("memcached.conf", text.Replace("-l 0.0.0.0   # all interfaces\n", "# -l 0.0.0.0\n"), "V6208");
        Clean("memcached.conf", text.Replace("-l 0.0.0.0", "-l 0.0.0.0\n-l ::"), "V6208");
    }

    [Fact]
    public void Heredoc_into_etc_memcached_conf_is_a_region()
    {
        var text = "#!/bin/sh\ncat > /etc/memcached.conf <<'EOF'\n-m 128\n-l 0.0.0.0\nEOF\nexec /usr/share/memcached/scripts/systemd-memcached-wrapper /etc/memcached.conf\n";
        One("entry.sh", text, "V6208", 4, 4);
        Assert.Contains("\n-l 0.0.0.0,::\nEOF\n", TestUtil.FixAndRescan("entry.sh", text, "V6208"));
    }

    [Fact]
    public void Memcached_conf_by_content_in_a_configmap_key_without_a_dot()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mc\ndata:\n  options: |\n    -m 64\n    -l 0.0.0.0\n";
        One("mc.yaml", text, "V6208", 8, 8);
    }

    [Fact]
    public void Helm_values_default_is_reported_at_the_values_line_without_a_fix()
    {
        const string values = "memcached:\n  listen: 0.0.0.0\n  memory: 64\n";
        const string tpl = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cache\nspec:\n  template:\n    spec:\n      containers:\n        - name: memcached\n          image: memcached:1.6\n          args: [\"-m\", \"{{ .Values.memcached.memory }}\", \"-l\", \"{{ .Values.memcached.listen }}\"]\n";
        var (atValues, template) = TestUtil.AnalyzeChart(values, tpl);
        var f = Assert.Single(atValues.Findings, x => x.RuleId == "V6208");
        Assert.Equal(2, f.Line);
        Assert.Null(f.Fix);
        Assert.DoesNotContain(template.Findings, x => x.RuleId == "V6208");
    }

    // ---- bad input ------------------------------------------------------------------------------------------------

    [Fact]
    public void A_50_MB_pgbouncer_ini_is_read_without_a_crash()
    {
        var sb = new System.Text.StringBuilder(Bouncer);
        var filler = "; " + new string('x', 1000) + "\nmax_client_conn = 100\n";
        while (sb.Length < 50 * 1024 * 1024) sb.Append(filler);
        sb.Append("listen_addr = 0.0.0.0\n");
        var text = sb.ToString();
        var result = TestUtil.FrontEnd.Analyze(new SourceDocument("pgbouncer.ini", text), new AnalysisContext());
        Assert.Empty(result.ParseErrors);
        Assert.Single(result.Findings, f => f.RuleId == "V6207");
    }

    [Theory]
    [InlineData("postgresql.conf", "listen_addresses = '0.0.0.0\n")]
    [InlineData("postgresql.conf", "listen_addresses = 'a''b\\")]
    [InlineData("postgresql.conf", "= '0.0.0.0'\n'\n")]
    [InlineData("pgbouncer.ini", "[pgbouncer\nlisten_addr")]
    [InlineData("pgbouncer.ini", "[pgbouncer]\nlisten_addr = 0.0.0.0,,, ,\n")]
    [InlineData("memcached.conf", "-l \"0.0.0.0\n-l '")]
    [InlineData("memcached.conf", "-l")]
    public void Broken_files_give_no_crash(string path, string text)
    {
        var result = TestUtil.Analyze(path, text);
        Assert.DoesNotContain(result.ParseErrors, p => p.Message.Contains("internal error", StringComparison.Ordinal));
    }
}

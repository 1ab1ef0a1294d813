using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Tests;

/// <summary>
/// V6209 (MySQL/MariaDB bind-address): option files, mysqld/mariadbd command lines, ConfigMap data, heredocs and Helm
/// values strings; dual-stack values, client groups and look-alike options stay clean; fixes re-scan clean.
/// </summary>
public class MysqlTests
{
    private static Finding One(string path, string text, int line, int column)
    {
        var result = TestUtil.Analyze(path, text);
        Assert.Empty(result.ParseErrors);
        var f = Assert.Single(result.Findings, x => x.RuleId == "V6209");
        Assert.Equal((line, column), (f.Line, f.Column));
        return f;
    }

    private static int Col(string text, int line, string find)
    {
        var i = text.Split('\n')[line - 1].IndexOf(find, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{find}' not on line {line}");
        return i + 1;
    }

    private static void Clean(string path, string text)
    {
        var result = TestUtil.Analyze(path, text);
        Assert.Empty(result.ParseErrors);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "V6209");
    }

    private const string Head = "[client]\nport = 3306\nsocket = /run/mysqld/mysqld.sock\n\n";

    // ---- option files ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[mysqld]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[mysqld]", "bind_address=0.0.0.0", "0.0.0.0", "bind_address=*")]
    [InlineData("[mysqld]", "BIND-ADDRESS\t=\t0.0.0.0   # all interfaces", "0.0.0.0", "BIND-ADDRESS\t=\t*   # all interfaces")]
    [InlineData("[mysqld]", "bind-address = \"0.0.0.0\"", "0.0.0.0", "bind-address = \"*\"")]
    [InlineData("[mysqld]", "bind-address='0.0.0.0' ; not a comment here", "0.0.0.0", "bind-address='*' ; not a comment here")]
    [InlineData("[mysqld]", "loose-bind-address=0.0.0.0", "0.0.0.0", "loose-bind-address=*")]
    [InlineData("[mysqld]", "bind=0.0.0.0", "0.0.0.0", "bind=*")] // an unambiguous prefix (measured)
    [InlineData("[mysqld]", "bind-address=0.0.0.0#x", "0.0.0.0", "bind-address=*#x")]
    [InlineData("[mariadb]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[server]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[galera]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[client-server]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[mysqld-8.0]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[MariaDB-10.11]", "bind-address = 0.0.0.0", "0.0.0.0", "bind-address = *")]
    [InlineData("[mysqld]", "mysqlx-bind-address = 0.0.0.0", "0.0.0.0", "mysqlx-bind-address = *")]
    public void Ipv4_wildcard_in_a_server_group_is_reported_and_fixed_to_star(string group, string line, string at, string fixedLine)
    {
        var text = Head + group + "\nuser = mysql\n" + line + "\nmax_connections = 100\n";
        var f = One("my.cnf", text, 7, Col(text, 7, at));
        Assert.Equal(Confidence.High, f.Confidence);
        Assert.Equal(FixSafety.Safe, f.Fix!.Safety);
        var fixedText = TestUtil.FixAndRescan("my.cnf", text, "V6209");
        Assert.Equal(fixedLine, fixedText.Split('\n')[6]);
        Assert.Equal(text.Split('\n').Length, fixedText.Split('\n').Length);
    }

    [Theory]
    [InlineData("bind-address = 10.0.0.5")]
    [InlineData("bind-address = 10.0.0.5,192.168.1.9")]
    [InlineData("bind-address = 0.0.0.0,10.0.0.5")] // MySQL refuses a wildcard in a list: no rewrite is offered
    public void Ipv4_addresses_are_reported_without_a_fix(string line)
    {
        var text = "[mysqld]\n" + line + "\n";
        var f = One("conf.d/net.cnf", text, 2, Col(text, 2, "= ") + 2);
        Assert.Null(f.Fix);
    }

    [Fact]
    public void Ipv4_address_beside_a_host_name_is_medium_confidence()
    {
        var f = One("my.cnf", "[mysqld]\nbind-address = 10.0.0.5,db.internal\n", 2, 16);
        Assert.Equal(Confidence.Medium, f.Confidence);
        Assert.Contains("db.internal", f.Message);
        Assert.StartsWith("bind-address = 10.0.0.5,db.internal", f.Message);
        Assert.StartsWith("loose_bind_address = 0.0.0.0", One("my.cnf", "[mysqld]\nloose_bind_address = 0.0.0.0\n", 2, 22).Message); // the name as written
    }

    [Fact]
    public void Ipv4_loopback_is_low_confidence_with_an_unsafe_fix_to_both_loopbacks()
    {
        var text = "[mysqld]\nbind-address = 127.0.0.1\n";
        var f = One("mariadb.conf.d/50-server.cnf", text, 2, 16);
        Assert.Equal(Confidence.Low, f.Confidence);
        Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety);
        Assert.Contains("MariaDB 10.11", f.Fix.Title);
        var fixedText = TestUtil.FixAndRescan("mariadb.conf.d/50-server.cnf", text, "V6209");
        Assert.Equal("[mysqld]\nbind-address = 127.0.0.1,::1\n", fixedText);
    }

    [Theory]
    [InlineData("[mysqld]\nbind-address = *")]
    [InlineData("[mysqld]\nbind-address = ::")] // IPv6 only in MariaDB (measured), not an IPv4-only listener
    [InlineData("[mysqld]\nbind-address = ::1")]
    [InlineData("[mysqld]\nbind-address = 127.0.0.1,::1")]
    [InlineData("[mysqld]\nbind-address = 0.0.0.0,::")]
    [InlineData("[mysqld]\nbind-address = localhost")] // a name: not judged
    [InlineData("[mysqld]\nbind-address = db.internal")]
    [InlineData("[mysqld]\n#bind-address = 0.0.0.0")]
    [InlineData("[mysqld]\n; bind-address = 0.0.0.0")]
    [InlineData("[mysqld]\n  # bind-address = 0.0.0.0")]
    [InlineData("[mysqld]\nbind-address = * # was 0.0.0.0")]
    [InlineData("[mysqld]\nbind-address = 0.0.0.0\nbind-address = *")] // the last one wins (measured)
    [InlineData("[mysqld]\nbind-address = 0.0.0.0\n[mariadb]\nbind-address = *")] // across server groups too
    [InlineData("[mysqld]\nbind-address = 0.0.0.0\nskip-networking")] // no TCP listener (measured)
    [InlineData("[mysqld]\nskip_networking = ON\nbind-address = 0.0.0.0")]
    [InlineData("[client]\nbind-address = 0.0.0.0")] // read by clients (the address they connect from), not by the server (measured)
    [InlineData("[mysql]\nbind-address = 0.0.0.0")]
    [InlineData("[mysqldump]\nbind-address = 0.0.0.0")]
    [InlineData("[mysqld_safe]\nbind-address = 0.0.0.0")] // measured: mariadbd does not read it
    [InlineData("[ mysqld ]\nbind-address = 0.0.0.0")] // not the mysqld group (measured)
    [InlineData("[mysqld]\nreport-host = 0.0.0.0\nreport_host = 10.0.0.5")]
    [InlineData("[mysqld]\nadmin-address = 127.0.0.1\nwsrep_node_address = 10.0.0.5\nwsrep_cluster_address = gcomm://10.0.0.5")]
    [InlineData("[mysqld]\nbin = 0.0.0.0")] // ambiguous prefix: not bind-address
    [InlineData("[mysqld]\nbind-address =")]
    [InlineData("bind-address = 0.0.0.0\n[mysqld]\nport = 3306")] // before any group: not an option of the server
    [InlineData("!includedir /etc/mysql/conf.d/\n[mysqld]\nport = 3306")]
    public void Dual_stack_commented_client_and_look_alike_settings_are_clean(string text) => Clean("my.cnf", text + "\n");

    [Fact]
    public void Last_setting_is_the_one_reported()
    {
        var text = "[mysqld]\nbind-address = *\n!include /etc/mysql/extra.cnf\n[mysqld-8.0]\nbind-address = 0.0.0.0\n";
        One("my.cnf", text, 5, 16);
    }

    [Fact]
    public void Option_files_are_detected_by_name_and_by_a_server_group()
    {
        Assert.Equal("mysql", TestUtil.FrontEnd.Detect("etc/mysql/my.cnf", "!includedir /etc/mysql/conf.d/\n"));
        Assert.Equal("mysql", TestUtil.FrontEnd.Detect("etc/mysql/mysql.conf.d/mysqld.cnf", "# empty\n"));
        Assert.Equal("mysql", TestUtil.FrontEnd.Detect("config/custom.cnf", "[mysqld]\nbind-address=0.0.0.0\n"));
        Assert.Equal("mysql", TestUtil.FrontEnd.Detect("C:/ProgramData/MySQL/my.ini", "[client]\nport=3306\n[mysqld]\nport=3306\n"));
        Assert.Null(TestUtil.FrontEnd.Detect("ssl/openssl.cnf", "[req]\ndistinguished_name = dn\n"));
        Assert.Null(TestUtil.FrontEnd.Detect("tox.ini", "[tox]\nenvlist = py3\n"));
        // [server] is a common INI group name: outside a .cnf it needs a sign of MySQL beside it.
        Assert.Null(TestUtil.FrontEnd.Detect("app/config.ini", "[server]\nbind_address = 0.0.0.0\nport = 8080\n"));
        Assert.Equal("mysql", TestUtil.FrontEnd.Detect("db/my.ini", "[server]\nbind_address = 0.0.0.0\ndatadir = C:/data\n"));
        Assert.Equal("mysql", TestUtil.FrontEnd.Detect("db/extra.cnf", "[server]\nbind_address = 0.0.0.0\n"));
        Assert.True(TestUtil.FrontEnd.NeedsContent("conf/custom.cnf"));
    }

    // ---- regions --------------------------------------------------------------------------------------------------

    [Fact]
    public void ConfigMap_key_my_cnf_and_a_key_found_by_content_are_read()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  my.cnf: |\n    [mysqld]\n    bind-address = 0.0.0.0\n" +
                   "  tuning: |\n    [mysqld]\n    max_connections = 200\n    bind-address = 10.1.2.3\n" +
                   "  client.cnf: |\n    [client]\n    bind-address = 0.0.0.0\n";
        var r = TestUtil.Analyze("k8s/db-config.yaml", text);
        Assert.Empty(r.ParseErrors);
        Assert.Equal(new[] { "12:20", "8:20" }, r.Findings.Where(f => f.RuleId == "V6209").Select(f => $"{f.Line}:{f.Column}").OrderBy(x => x).ToArray());
        var fixedText = TestUtil.ApplyFixes(text, r.Findings.Where(f => f.RuleId == "V6209"));
        Assert.Contains("    bind-address = *\n", fixedText);
        Assert.Contains("    bind-address = 10.1.2.3\n", fixedText); // no fix for a specific address
    }

    [Fact]
    public void ConfigMap_key_without_a_name_holding_another_programs_server_group_is_not_read()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  settings: |\n    [server]\n    bind_address = 0.0.0.0\n    port = 8080\n";
        Assert.DoesNotContain(TestUtil.Analyze("k8s/app.yaml", text).Findings, f => f.RuleId == "V6209");
        Assert.Single(TestUtil.Analyze("k8s/app.yaml", text.Replace("    port = 8080", "    datadir = /var/lib/mysql")).Findings, f => f.RuleId == "V6209");
    }

    [Fact]
    public void Heredoc_into_conf_d_is_a_region()
    {
        var text = "#!/bin/sh\ncat > /etc/mysql/conf.d/net.cnf <<'EOF'\n[mysqld]\nbind-address = 0.0.0.0\nEOF\nexec mysqld\n";
        One("init.sh", text, 4, 16);
        Assert.Contains("\nbind-address = *\nEOF\n", TestUtil.FixAndRescan("init.sh", text, "V6209"));
    }

    [Fact]
    public void Helm_values_configuration_string_is_read_by_content()
    {
        var values = "primary:\n  configuration: |-\n    [mysqld]\n    port={{ .Values.primary.containerPorts.mysql }}\n    bind-address=0.0.0.0\n    datadir=/bitnami/mysql/data\n";
        var f = One("chart/values.yaml", values, 5, 18);
        Assert.NotNull(f.Fix);
        Assert.Contains("    bind-address=*\n", TestUtil.FixAndRescan("chart/values.yaml", values, "V6209"));
        Clean("chart/values.yaml", values.Replace("bind-address=0.0.0.0", "bind-address={{ .Values.bind }}"));
    }

    [Fact]
    public void Helm_values_default_of_a_bind_address_flag_is_reported_at_the_values_line()
    {
        const string values = "db:\n  bind: 0.0.0.0\n  port: 3306\n";
        const string tpl = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: mysql\n          image: mysql:8.4\n          args: [\"--port={{ .Values.db.port }}\", \"--bind-address={{ .Values.db.bind }}\"]\n";
        var f = Assert.Single(TestUtil.AnalyzeChart(values, tpl).Values.Findings, x => x.RuleId == "V6209");
        Assert.Equal(2, f.Line);
        Assert.Null(f.Fix);
        Assert.NotEqual(Confidence.High, f.Confidence);
    }

    // ---- command lines --------------------------------------------------------------------------------------------

    private static string Pod(string image, string container) =>
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: " + image + "\n" + container;

    [Fact]
    public void Kubernetes_args_of_the_mysql_image_are_read_as_mysqld_flags()
    {
        var text = Pod("mysql:8.4", "      args:\n        - --character-set-server=utf8mb4\n        - --bind-address=0.0.0.0\n");
        One("db.yaml", text, 11, 11);
        Assert.Contains("- --bind-address=*\n", TestUtil.FixAndRescan("db.yaml", text, "V6209"));
        Clean("db.yaml", text.Replace("0.0.0.0", "*"));
        Clean("db.yaml", text.Replace("0.0.0.0", "::"));
        Clean("db.yaml", text.Replace("mysql:8.4", "busybox"));
    }

    [Fact]
    public void Compose_command_and_separate_value_word()
    {
        var text = "services:\n  db:\n    image: mariadb:11\n    command: mariadbd --bind-address 0.0.0.0 --port 3306\n";
        One("docker-compose.yml", text, 4, 38);
        var fixedText = TestUtil.FixAndRescan("docker-compose.yml", text, "V6209");
        Assert.Contains("--bind-address '*' --port", fixedText); // a lone * would be a shell glob
    }

    [Fact]
    public void Dockerfile_cmd_and_shell_script()
    {
        var docker = "FROM mysql:8.0\nCMD [\"mysqld\", \"--bind_address=0.0.0.0\"]\n";
        One("Dockerfile", docker, 2, 16); // the JSON string, quotes included
        Assert.Contains("\"--bind_address=*\"", TestUtil.FixAndRescan("Dockerfile", docker, "V6209"));
        var script = "#!/bin/bash\nset -e\nexec mysqld_safe --user=mysql --bind-address=10.0.0.5\n";
        Assert.Null(One("start-db.sh", script, 3, 31).Fix);
    }

    [Theory]
    [InlineData("mysql -h 0.0.0.0 -u root")]
    [InlineData("mysql --bind-address=0.0.0.0 -h db")] // the client's source address, not a listener
    [InlineData("mysqladmin --bind-address=0.0.0.0 ping")]
    [InlineData("mysqld --bind-address=*")]
    [InlineData("mysqld --bind-address='*'")]
    [InlineData("mysqld --bind-address=0.0.0.0 --bind-address=*")] // the last flag wins (measured)
    [InlineData("mysqld --bind-address=127.0.0.1,::1")]
    [InlineData("mysqld --report-host=0.0.0.0")]
    [InlineData("mysqld --skip-networking --bind-address=0.0.0.0")]
    public void Clients_dual_stack_values_and_other_flags_are_clean(string line)
    {
        var r = TestUtil.Analyze("run.sh", "#!/bin/sh\n" + line + "\n");
        Assert.Empty(r.ParseErrors);
        Assert.Empty(r.Findings); // nor V6104: a client's --bind-address is where it connects from
    }

    [Fact]
    public void Loopback_flag_is_low_confidence()
    {
        var f = One("run.sh", "#!/bin/sh\nexec mariadbd --bind-address=127.0.0.1\n", 2, 15);
        Assert.Equal(Confidence.Low, f.Confidence);
        Assert.Equal(FixSafety.Unsafe, f.Fix!.Safety);
    }

    // ---- bad input ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[mysqld\nbind-address = 0.0.0.0\n")]
    [InlineData("[mysqld]\nbind-address = \"0.0.0.0\n")]
    [InlineData("[mysqld]\n=\n==\n[]\n[\n\"\n")]
    public void Broken_lines_give_no_crash(string text)
    {
        var r = TestUtil.Analyze("my.cnf", text);
        Assert.DoesNotContain(r.Findings, f => f.RuleId == "V6209" && f.Line == 1);
    }

    [Fact]
    public void Unterminated_group_is_a_parse_error_and_its_options_are_not_read()
    {
        var r = TestUtil.Analyze("my.cnf", "[mysqld\nbind-address = 0.0.0.0\n");
        Assert.Contains(r.ParseErrors, e => e.Line == 1 && e.Message.Contains("']'", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Findings, f => f.RuleId == "V6209");
    }

    [Fact]
    public void A_large_option_file_is_read_to_its_last_setting()
    {
        var sb = new System.Text.StringBuilder("[mysqld]\n");
        for (var i = 0; i < 400_000; i++) sb.Append("# filler line ").Append(i).Append('\n');
        sb.Append("bind-address = 0.0.0.0\n");
        var r = TestUtil.Analyze("my.cnf", sb.ToString());
        Assert.Single(r.Findings, f => f.RuleId == "V6209" && f.Line == 400_002);
    }

    [Fact]
    public void Program_row_carries_the_flags_images_and_a_source()
    {
        var row = V6Ready.Manifests.Rules.CommandRules.Program("mariadbd");
        Assert.NotNull(row);
        Assert.Equal("V6209", row!.Rule);
        Assert.Contains("--bind-address", row.ListenFlags);
        Assert.Contains("mysql", row.Images);
        Assert.Contains("MariaDB 10.11", row.Source);
        Assert.True(V6Ready.Manifests.Rules.CommandRules.Program("mysql")!.Client); // the client: its --bind-address is a source address
        Assert.Equal("mysqld", V6Ready.Manifests.Rules.CommandRules.ProgramFromImage("docker.io/library/mariadb:11.4"));
    }
}

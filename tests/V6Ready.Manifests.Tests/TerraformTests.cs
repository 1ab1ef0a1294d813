using V6Ready.Rules;
using System.Text;
using V6Ready.Core;
using V6Ready.Manifests.Hcl;
using V6Ready.Manifests.Rules;

namespace V6Ready.Manifests.Tests;

/// <summary>The HCL parser and V6106 over Terraform network rules (rules/terraform.json).</summary>
public class TerraformTests
{
    private static List<Finding> V6106(string text, string path = "infra/main.tf") => TestUtil.Findings(path, text, "V6106");

    private static HclFile Parse(string text) => HclParser.Parse(new SourceDocument("x.tf", text));

    // ---- parser ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Parser_reads_blocks_labels_attributes_lists_objects_and_offsets()
    {
        var text = "# head\nresource \"aws_security_group\" \"web\" {\n  name = \"web-${var.env}\" // trailing\n  tags = { Name = \"web\", \"k\" : 1 }\n  ingress {\n    cidr_blocks = [\n      \"0.0.0.0/0\", # comment in a list\n      var.extra,\n    ]\n  }\n  /* block\n     comment */\n  count = var.on ? 1 : 0\n}\n";
        var f = Parse(text);
        Assert.Empty(f.Errors);
        var r = Assert.Single(f.Body.Blocks);
        Assert.Equal("resource", r.Type);
        Assert.Equal(new[] { "aws_security_group", "web" }, r.Labels);
        var name = r.Body.Attribute("name")!;
        Assert.Null(((HclString)name.Value).Value); // interpolation is opaque
        var tags = Assert.IsType<HclObject>(r.Body.Attribute("tags")!.Value);
        Assert.Equal(2, tags.Items.Count);
        var list = Assert.IsType<HclList>(Assert.Single(r.Body.Blocks).Body.Attribute("cidr_blocks")!.Value);
        Assert.Equal(2, list.Items.Count);
        var first = Assert.IsType<HclString>(list.Items[0]);
        Assert.Equal("0.0.0.0/0", first.Value);
        Assert.Equal("\"0.0.0.0/0\"", text[first.Start..first.End]);
        Assert.IsType<HclOther>(list.Items[1]);
        Assert.Equal("var.on ? 1 : 0", Assert.IsType<HclOther>(r.Body.Attribute("count")!.Value).Text);
        Assert.Equal(4, f.Comments.Count);
        Assert.Contains(f.Comments, c => c.Line == 11 && c.EndLine == 12 && c.Column == 3);
    }

    [Fact]
    public void Parser_reads_heredocs_escapes_and_for_expressions()
    {
        var text = "locals {\n  a = <<EOF\nline ${x}\nEOF\n  b = <<-EOT\n    plain \"text\" { not a block\n    EOT\n  c = \"q\\\"uote $${literal} \\u0041\"\n  d = [for s in var.l : upper(s)]\n  e = { for k, v in var.m : k => v }\n  f = \"${ \"nested ${ \"deep\" }\" }\"\n}\nnext \"x\" {}\n";
        var f = Parse(text);
        Assert.Empty(f.Errors);
        var body = f.Body.Blocks[0].Body;
        Assert.Null(((HclString)body.Attribute("a")!.Value).Value);
        Assert.Equal("    plain \"text\" { not a block\n", ((HclString)body.Attribute("b")!.Value).Value);
        Assert.Equal("q\"uote ${literal} A", ((HclString)body.Attribute("c")!.Value).Value);
        Assert.IsType<HclOther>(body.Attribute("d")!.Value);
        Assert.IsType<HclOther>(body.Attribute("e")!.Value);
        Assert.Null(((HclString)body.Attribute("f")!.Value).Value);
        Assert.Equal(2, f.Body.Blocks.Count);
        Assert.Equal(13, new SourceDocument("x.tf", text).GetLineColumn(f.Body.Blocks[1].Start).Line);
    }

    [Theory]
    [InlineData("resource \"a\" \"b\" {\n  x = \"open\n}\n", "unterminated string")]
    [InlineData("resource \"a\" \"b\" {\n  x = <<EOF\nnever closed\n", "unterminated heredoc")]
    [InlineData("resource \"a\" \"b\" {\n  x = 1\n", "unterminated block")]
    [InlineData("resource \"a\" \"b\" {\n  x = [1, 2\n}\n", "unterminated list")]
    [InlineData("/* open comment\nresource \"a\" \"b\" {}\n", "unterminated comment")]
    [InlineData("resource \"a\" \"b\" {\n  x = \"${var.y\n}\n", "unterminated")]
    [InlineData("}\nresource \"a\" \"b\" {}\n", "unexpected '}'")]
    [InlineData("resource \"a\" \"b\" {\n  = 3\n}\n", "expected an attribute or a block")]
    public void Bad_input_is_a_clear_parse_error(string text, string message)
    {
        var r = TestUtil.FrontEnd.Analyze(new SourceDocument("infra/main.tf", text), new AnalysisContext());
        Assert.Contains(r.ParseErrors, e => e.Message.Contains(message, StringComparison.Ordinal) && e.Line >= 1);
    }

    [Fact]
    public void Unary_minus_and_not_are_not_juxtaposed_operands()
    {
        var f = Parse("x = [-1, -1, \"tcp\", !var.b, -(2 * 3)]\ny = -1\n");
        Assert.Empty(f.Errors);
        Assert.Equal(5, Assert.IsType<HclList>(f.Body.Attribute("x")!.Value).Items.Count);
    }

    [Fact]
    public void The_parse_goes_on_after_an_error()
    {
        var text = "resource \"aws_security_group\" \"a\" {\n  name = \"x\" junk here\n  ingress {\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
        var r = TestUtil.Analyze("infra/main.tf", text);
        Assert.NotEmpty(r.ParseErrors);
        Assert.Equal(4, Assert.Single(r.Findings, f => f.RuleId == "V6106").Line);
    }

    [Fact]
    public void Ten_thousand_deep_nesting_is_an_error_not_a_crash()
    {
        const int depth = 10_000;
        foreach (var text in new[]
                 {
                     "x = " + new string('[', depth) + new string(']', depth) + "\n",
                     "x = " + string.Concat(Enumerable.Repeat("{a = ", depth)) + "1" + new string('}', depth) + "\n",
                     string.Concat(Enumerable.Repeat("b {\n", depth)) + new string('}', depth) + "\n",
                 })
        {
            var r = TestUtil.FrontEnd.Analyze(new SourceDocument("infra/deep.tf", text), new AnalysisContext());
            Assert.Contains(r.ParseErrors, e => e.Message.Contains("nesting deeper than", StringComparison.Ordinal));
        }
        // Strings nested in interpolations are lexed iteratively: no limit needed, no overflow.
        var nested = "x = " + string.Concat(Enumerable.Repeat("\"${", depth)) + "1" + string.Concat(Enumerable.Repeat("}\"", depth)) + "\n";
        Assert.Empty(Parse(nested).Errors);
    }

    [Fact]
    public void Fifty_megabytes_and_binary_are_handled()
    {
        var sb = new StringBuilder(52 * 1024 * 1024);
        var rule = "resource \"aws_security_group_rule\" \"r{0}\" {{\n  type        = \"ingress\"\n  from_port   = 443\n  to_port     = 443\n  protocol    = \"tcp\"\n  cidr_blocks = [\"10.0.0.0/8\"]\n}}\n";
        for (var i = 0; sb.Length < 50 * 1024 * 1024; i++) sb.AppendFormat(rule, i);
        sb.AppendFormat(rule.Replace("10.0.0.0/8", "0.0.0.0/0"), "last");
        var big = TestUtil.FrontEnd.Analyze(new SourceDocument("infra/big.tf", sb.ToString()), new AnalysisContext());
        Assert.Empty(big.ParseErrors);
        Assert.Single(big.Findings, f => f.RuleId == "V6106");

        var binary = TestUtil.FrontEnd.Analyze(new SourceDocument("infra/bin.tf", "resource\0\u0001\u0002 \"x\" {"), new AnalysisContext());
        Assert.Contains(binary.ParseErrors, e => e.Message.Contains("binary", StringComparison.Ordinal));
        var control = TestUtil.FrontEnd.Analyze(new SourceDocument("infra/ctl.tf", "a = \u0001\u0002\nb @ 3\n"), new AnalysisContext());
        Assert.Contains(control.ParseErrors, e => e.Message.Contains("unexpected character", StringComparison.Ordinal));
    }

    // ---- table -----------------------------------------------------------------------------------------------------

    [Fact]
    public void Every_table_row_has_attributes_match_keys_and_a_source()
    {
        Assert.True(TerraformRules.Table.Count >= 9);
        Assert.All(TerraformRules.Table, r =>
        {
            Assert.NotEmpty(r.Resources);
            Assert.NotEmpty(r.Ipv4);
            Assert.NotEmpty(r.Ipv6);
            Assert.NotEmpty(r.Match);
            Assert.True(r.Source.Length > 40, $"{r.Id}: no source");
        });
        Assert.Equal(TerraformRules.Table.Count, TerraformRules.Table.Select(r => r.Id).Distinct().Count());
        // Only AWS security groups take both families in one rule: the others have no in-place fix.
        Assert.Equal(new[] { "aws-security-group-inline", "aws-security-group-rule" }, TerraformRules.Table.Where(r => r.Fix is not null).Select(r => r.Id));
    }

    // ---- positives, line and column per resource kind ----------------------------------------------------------------

    [Fact]
    public void Aws_security_group_inline_rule_is_reported_and_fixed()
    {
        var text = "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n    ipv6_cidr_blocks = [\"::/0\"]\n  }\n}\n";
        var f = Assert.Single(V6106(text));
        Assert.Equal((8, 20), (f.Line, f.Column));
        Assert.Contains("aws_security_group 'web' ingress block cidr_blocks", f.Message);
        Assert.Equal(V6Ready.Rules.FixSafety.Unsafe, f.Fix!.Safety);
        var fixedText = TestUtil.FixAndRescan("infra/main.tf", text, "V6106");
        Assert.Contains("    cidr_blocks = [\"0.0.0.0/0\"]\n    ipv6_cidr_blocks = [\"::/0\"]\n  }\n", fixedText);
        Assert.Empty(Parse(fixedText).Errors);
    }

    [Fact]
    public void The_fix_keeps_the_equals_column_and_crlf()
    {
        var text = "resource \"aws_security_group_rule\" \"r\" {\r\n  type              = \"ingress\"\r\n  cidr_blocks       = [\r\n    \"0.0.0.0/0\",\r\n  ] # everyone\r\n  security_group_id = aws_security_group.web.id\r\n}";
        var f = Assert.Single(V6106(text));
        Assert.Equal((4, 5), (f.Line, f.Column));
        var fixedText = TestUtil.FixAndRescan("infra/main.tf", text, "V6106");
        Assert.Contains("  ] # everyone\r\n  ipv6_cidr_blocks  = [\"::/0\"]\r\n  security_group_id", fixedText);
        // At the end of a file without a final line break.
        var last = "resource \"aws_security_group_rule\" \"r\" {\n  type = \"egress\"\n  cidr_blocks = [\"0.0.0.0/0\"] }";
        Assert.Null(Assert.Single(V6106(last)).Fix); // one-line block end: no safe place for the line
    }

    [Fact]
    public void A_local_of_the_module_is_read()
    {
        var text = "locals {\n  all_ips = [\"0.0.0.0/0\"]\n  office  = [\"203.0.113.0/24\"]\n}\n\nresource \"aws_security_group_rule\" \"http\" {\n  type        = \"ingress\"\n  from_port   = 80\n  to_port     = 80\n  protocol    = \"tcp\"\n  cidr_blocks = local.all_ips\n}\n";
        var f = Assert.Single(V6106(text));
        Assert.Equal((11, 17), (f.Line, f.Column));
        Assert.Contains("local.all_ips = 0.0.0.0/0", f.Message);
        TestUtil.FixAndRescan("infra/main.tf", text, "V6106");
        Assert.Empty(V6106(text.Replace("local.all_ips", "local.office")));
        Assert.Empty(V6106(text.Replace("local.all_ips", "local.missing")));
    }

    [Fact]
    public void Aws_vpc_security_group_rule_needs_a_sibling_with_cidr_ipv6()
    {
        var v4 = "resource \"aws_vpc_security_group_ingress_rule\" \"https_v4\" {\n  security_group_id = aws_security_group.web.id\n  from_port         = 443\n  to_port           = 443\n  ip_protocol       = \"tcp\"\n  cidr_ipv4         = \"0.0.0.0/0\"\n}\n";
        var f = Assert.Single(V6106(v4));
        Assert.Equal((6, 23), (f.Line, f.Column));
        Assert.Null(f.Fix);
        var v6 = v4.Replace("https_v4", "https_v6").Replace("cidr_ipv4         = \"0.0.0.0/0\"", "cidr_ipv6         = \"::/0\"");
        Assert.Empty(V6106(v4 + "\n" + v6));
        // Another port, another group, or an egress rule is not the counterpart.
        Assert.Single(V6106(v4 + "\n" + v6.Replace("443", "80")));
        Assert.Single(V6106(v4 + "\n" + v6.Replace("aws_security_group.web.id", "aws_security_group.db.id")));
        Assert.Single(V6106(v4 + "\n" + v6.Replace("ingress_rule", "egress_rule")));
    }

    [Fact]
    public void A_sibling_in_another_file_of_the_module_counts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6ready-tf-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var v4 = "resource \"aws_vpc_security_group_egress_rule\" \"all_v4\" {\n  security_group_id = aws_security_group.web.id\n  ip_protocol       = \"-1\"\n  cidr_ipv4         = \"0.0.0.0/0\"\n}\n";
            var main = Path.Combine(dir, "main.tf");
            File.WriteAllText(main, v4);
            Assert.Single(TestUtil.Analyze("main.tf", v4, main).Findings, x => x.RuleId == "V6106");
            File.WriteAllText(Path.Combine(dir, "ipv6.tf"), v4.Replace("all_v4", "all_v6").Replace("cidr_ipv4 ", "cidr_ipv6 ").Replace("0.0.0.0/0", "::/0"));
            Assert.DoesNotContain(TestUtil.Analyze("main.tf", v4, main).Findings, x => x.RuleId == "V6106");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private const string VarRule = "resource \"aws_security_group_rule\" \"https\" {\n  type        = \"ingress\"\n  from_port   = 443\n  to_port     = 443\n  protocol    = \"tcp\"\n  cidr_blocks = var.ingress_cidrs\n}\n";

    [Fact]
    public void A_variable_default_is_reported_at_the_use_as_configurable()
    {
        var text = "variable \"ingress_cidrs\" {\n  type    = list(string)\n  default = [\"0.0.0.0/0\"]\n}\n\n" + VarRule;
        var f = Assert.Single(V6106(text));
        Assert.Equal((11, 17), (f.Line, f.Column)); // the var.ingress_cidrs of the rule
        Assert.Equal(Confidence.Medium, f.Confidence);
        Assert.Contains("var.ingress_cidrs = 0.0.0.0/0 by default", f.Message);
        Assert.NotNull(f.Fix); // the counterpart attribute is added to the rule, as for a literal
        Assert.Empty(V6106(text.Replace("[\"0.0.0.0/0\"]", "[\"10.0.0.0/8\"]")));
        Assert.Empty(V6106(text.Replace("default = [\"0.0.0.0/0\"]", "description = \"no default\"")));
        Assert.Empty(V6106(text.Replace("var.ingress_cidrs", "var.other")));
        Assert.Empty(V6106(text.Replace("var.ingress_cidrs", "var.ingress_cidrs[0]"))); // an index of it: not read
        Assert.Empty(V6106(text.Replace("  cidr_blocks", "  ipv6_cidr_blocks = [\"::/0\"]\n  cidr_blocks")));
    }

    [Fact]
    public void Auto_loaded_tfvars_and_variables_of_sibling_files_are_read()
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6ready-tf-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var main = Path.Combine(dir, "main.tf");
            File.WriteAllText(main, VarRule);
            Assert.Empty(TestUtil.Analyze("main.tf", VarRule, main).Findings); // no declaration, no value: unknown
            File.WriteAllText(Path.Combine(dir, "variables.tf"), "variable \"ingress_cidrs\" {\n  default = [\"10.0.0.0/8\"]\n}\n");
            Assert.Empty(TestUtil.Analyze("main.tf", VarRule, main).Findings);
            // terraform.tfvars overrides the default: that is the deployed value.
            File.WriteAllText(Path.Combine(dir, "terraform.tfvars"), "region        = \"eu-west-1\"\ningress_cidrs = [\"0.0.0.0/0\"]\n");
            var f = Assert.Single(TestUtil.Analyze("main.tf", VarRule, main).Findings, x => x.RuleId == "V6106");
            Assert.Equal(Confidence.High, f.Confidence);
            Assert.Contains("var.ingress_cidrs = 0.0.0.0/0 in terraform.tfvars", f.Message);
            // *.auto.tfvars load after terraform.tfvars and win; a plain *.tfvars needs -var-file and is not read.
            File.WriteAllText(Path.Combine(dir, "office.auto.tfvars"), "ingress_cidrs = [\"203.0.113.0/24\"]\n");
            Assert.Empty(TestUtil.Analyze("main.tf", VarRule, main).Findings);
            File.Delete(Path.Combine(dir, "office.auto.tfvars"));
            File.WriteAllText(Path.Combine(dir, "prod.tfvars"), "ingress_cidrs = [\"203.0.113.0/24\"]\n");
            Assert.Single(TestUtil.Analyze("main.tf", VarRule, main).Findings, x => x.RuleId == "V6106");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Sibling_file_cache_is_bounded_and_drops_changed_files()
    {
        var cache = new BoundedFileCache<string>(maxCost: 100, maxEntries: 3);
        var t = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        cache.Add("a", 1, t, "A", 40);
        cache.Add("b", 1, t, "B", 40);
        Assert.True(cache.TryGet("a", 1, t, out var a) && a == "A"); // a is now the most recently used
        cache.Add("c", 1, t, "C", 40); // 120 > 100: the least recently used (b) goes
        Assert.False(cache.TryGet("b", 1, t, out _));
        Assert.Equal((2, 80L), (cache.Count, cache.Cost));
        cache.Add("d", 1, t, "D", 1);
        cache.Add("e", 1, t, "E", 1); // 4 entries > 3: the least recently used (a) goes
        Assert.False(cache.TryGet("a", 1, t, out _));
        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("c", 2, t, out _)); // the file changed: its parse is dropped
        Assert.Equal((2, 2L), (cache.Count, cache.Cost));
        cache.Add("huge", 1, t, "H", 1000); // larger than the cache: not kept
        Assert.Equal((2, 2L), (cache.Count, cache.Cost));
    }

    [Fact]
    public void Scanning_many_modules_keeps_the_sibling_cache_within_its_bound()
    {
        var root = Path.Combine(Path.GetTempPath(), "v6ready-tf-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // 80 modules whose variables.tf is ~1 MB (a long comment): 80 MB of sibling text, more than the cache keeps (64 MB).
            var filler = "/*" + new string('x', 1_000_000) + "*/\n";
            for (var i = 0; i < 80; i++)
            {
                var dir = Path.Combine(root, "m" + i);
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "variables.tf"), "variable \"cidrs\" {\n  default = [\"0.0.0.0/0\"]\n}\n" + filler);
                var main = Path.Combine(dir, "main.tf");
                var text = VarRule.Replace("ingress_cidrs", "cidrs");
                File.WriteAllText(main, text);
                Assert.Single(TestUtil.Analyze("main.tf", text, main).Findings, x => x.RuleId == "V6106");
            }
            var (files, bytes) = V6Ready.Manifests.Rules.TerraformRules.SiblingCacheSize;
            Assert.InRange(bytes, 1, 64L * 1024 * 1024);
            Assert.InRange(files, 1, 79); // the oldest modules were dropped
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Aws_network_acl_inline_and_rule()
    {
        var acl = "resource \"aws_network_acl\" \"main\" {\n  vpc_id = aws_vpc.main.id\n\n  ingress {\n    protocol   = \"tcp\"\n    rule_no    = 100\n    action     = \"allow\"\n    cidr_block = \"0.0.0.0/0\"\n    from_port  = 443\n    to_port    = 443\n  }\n}\n";
        var f = Assert.Single(V6106(acl));
        Assert.Equal((8, 18), (f.Line, f.Column));
        Assert.Null(f.Fix);
        var paired = acl.Replace("  }\n}\n", "  }\n\n  ingress {\n    protocol        = \"tcp\"\n    rule_no         = 101\n    action          = \"allow\"\n    ipv6_cidr_block = \"::/0\"\n    from_port       = 443\n    to_port         = 443\n  }\n}\n");
        Assert.Empty(V6106(paired));
        Assert.Single(V6106(paired.Replace("action          = \"allow\"", "action          = \"deny\"")));

        var rule = "resource \"aws_network_acl_rule\" \"in\" {\n  network_acl_id = aws_network_acl.main.id\n  rule_number    = 200\n  egress         = false\n  protocol       = \"tcp\"\n  rule_action    = \"allow\"\n  cidr_block     = \"0.0.0.0/0\"\n}\n";
        Assert.Equal(7, Assert.Single(V6106(rule)).Line);
        Assert.Empty(V6106(rule + rule.Replace("\"in\"", "\"in6\"").Replace("cidr_block     = \"0.0.0.0/0\"", "ipv6_cidr_block = \"::/0\"")));
    }

    [Fact]
    public void Gcp_firewall_counterpart_is_a_sibling_rule()
    {
        var fw = "resource \"google_compute_firewall\" \"https\" {\n  name          = \"allow-https\"\n  network       = google_compute_network.vpc.name\n  direction     = \"INGRESS\"\n  source_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"443\"]\n  }\n}\n";
        var f = Assert.Single(V6106(fw));
        Assert.Equal((5, 20), (f.Line, f.Column));
        Assert.Null(f.Fix); // one firewall rule holds IPv4 or IPv6 ranges, not both
        Assert.Empty(V6106(fw + fw.Replace("\"https\"", "\"https_v6\"").Replace("0.0.0.0/0", "::/0")));
        Assert.Single(V6106(fw + fw.Replace("\"https\"", "\"https_v6\"").Replace("0.0.0.0/0", "::/0").Replace("vpc.name", "other.name")));
        var egress = "resource \"google_compute_firewall\" \"out\" {\n  network            = \"default\"\n  direction          = \"EGRESS\"\n  destination_ranges = [\"0.0.0.0/0\"]\n}\n";
        Assert.Equal(4, Assert.Single(V6106(egress)).Line);
    }

    [Fact]
    public void Azure_security_rules_resource_and_inline()
    {
        var rule = "resource \"azurerm_network_security_rule\" \"ssh\" {\n  name                        = \"ssh\"\n  priority                    = 100\n  direction                   = \"Inbound\"\n  access                      = \"Allow\"\n  protocol                    = \"Tcp\"\n  destination_port_range      = \"22\"\n  source_address_prefix       = \"0.0.0.0/0\"\n  destination_address_prefix  = \"*\"\n  network_security_group_name = azurerm_network_security_group.nsg.name\n}\n";
        var f = Assert.Single(V6106(rule));
        Assert.Equal((8, 33), (f.Line, f.Column));
        Assert.Empty(V6106(rule + rule.Replace("\"ssh\" {", "\"ssh6\" {").Replace("= \"0.0.0.0/0\"", "= \"::/0\"")));
        Assert.Empty(V6106(rule.Replace("\"0.0.0.0/0\"", "\"*\"")));
        Assert.Empty(V6106(rule.Replace("\"0.0.0.0/0\"", "\"Internet\"")));

        var nsg = "resource \"azurerm_network_security_group\" \"nsg\" {\n  name = \"nsg\"\n  security_rule {\n    name                       = \"web\"\n    direction                  = \"Inbound\"\n    access                     = \"Allow\"\n    protocol                   = \"Tcp\"\n    destination_port_range     = \"443\"\n    source_address_prefixes    = [\"0.0.0.0/0\"]\n    destination_address_prefix = \"*\"\n  }\n}\n";
        Assert.Equal((9, 35), Assert.Single(V6106(nsg)) is var g ? (g.Line, g.Column) : default);
        var withV6 = nsg.Replace("  }\n}\n", "  }\n  security_rule {\n    name                       = \"web6\"\n    direction                  = \"Inbound\"\n    access                     = \"Allow\"\n    protocol                   = \"Tcp\"\n    destination_port_range     = \"443\"\n    source_address_prefix      = \"::/0\"\n    destination_address_prefix = \"*\"\n  }\n}\n");
        Assert.Empty(V6106(withV6));
    }

    // ---- negatives -----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("cidr_blocks = [\"0.0.0.0/0\"]\n    ipv6_cidr_blocks = [\"::/0\"]")] // paired
    [InlineData("cidr_blocks = [\"10.0.0.0/8\", \"192.168.0.0/16\"]")] // an allowlist is not an IPv6 bug
    [InlineData("cidr_blocks = [\"0.0.0.0/1\"]")]
    [InlineData("cidr_blocks = var.ingress_cidrs")] // from a variable: not reported
    [InlineData("cidr_blocks = [\"0.0.0.0/0\"]\n    ipv6_cidr_blocks = var.ipv6_cidrs")] // IPv6 side not readable
    [InlineData("cidr_blocks = [\"${var.prefix}0.0.0/0\"]")]
    [InlineData("# cidr_blocks = [\"0.0.0.0/0\"]")] // a comment
    [InlineData("/* cidr_blocks = [\"0.0.0.0/0\"] */")]
    [InlineData("description = \"allow 0.0.0.0/0\"")] // not a range attribute
    public void Negatives(string line)
    {
        var text = "resource \"aws_security_group\" \"web\" {\n  ingress {\n    from_port = 22\n    to_port   = 22\n    protocol  = \"tcp\"\n    " + line + "\n  }\n}\n";
        Assert.Empty(TestUtil.Analyze("infra/main.tf", text).ParseErrors);
        Assert.Empty(V6106(text));
    }

    [Fact]
    public void A_separate_inline_ipv6_block_with_the_same_ports_is_the_counterpart()
    {
        var text = "resource \"aws_security_group\" \"web\" {\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  ingress {\n    from_port        = 80\n    to_port          = 80\n    protocol         = \"tcp\"\n    ipv6_cidr_blocks = [\"::/0\"]\n  }\n}\n";
        Assert.Empty(V6106(text));
        Assert.Single(V6106(text.Replace("ipv6_cidr_blocks = [\"::/0\"]", "ipv6_cidr_blocks = [\"2001:db8::/32\"]")));
        // A dynamic block, a data source and a module input are not read.
        Assert.Empty(V6106("resource \"aws_security_group\" \"d\" {\n  dynamic \"ingress\" {\n    for_each = var.rules\n    content {\n      cidr_blocks = [\"0.0.0.0/0\"]\n    }\n  }\n}\nmodule \"sg\" {\n  source = \"./sg\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n"));
    }

    [Fact]
    public void Ignore_comment_and_expect_markers_are_read()
    {
        var text = "resource \"aws_security_group_rule\" \"r\" {\n  type        = \"ingress\"\n  # v6ready-ignore V6106 -- IPv4-only legacy listener\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n";
        var r = TestUtil.Analyze("infra/main.tf", text);
        Assert.Single(r.Findings, f => f.RuleId == "V6106");
        Assert.True(Markers.IsSuppressed(Markers.Suppressions(r.Comments), r.Findings.Single(f => f.RuleId == "V6106")));
    }

    [Fact]
    public void Tf_files_are_detected()
    {
        Assert.Equal("terraform", TestUtil.FrontEnd.Detect("infra/network/main.tf", null));
        Assert.Null(TestUtil.FrontEnd.Detect("infra/terraform.tfvars", null));
    }
}

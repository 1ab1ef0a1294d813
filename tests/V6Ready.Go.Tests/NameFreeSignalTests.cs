using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>
/// Signals the code itself gives, whatever its names: the second part of a ':' split parsed as a number is a port (so
/// the split is a host:port split, V6006), and a flag whose usage says ADDRESS:PORT holds an endpoint.
/// </summary>
public class NameFreeSignalTests
{
    [Theory]
    [InlineData("parts := strings.Split(psOpt, \":\")\nn, _ := strconv.Atoi(parts[1])\n_ = n")]
    [InlineData("n, _ := strconv.Atoi(strings.Split(psOpt, \":\")[1])\n_ = n")]
    [InlineData("xs := strings.SplitN(psOpt, \":\", 2)\np := xs[1]\nn, _ := strconv.ParseUint(p, 10, 16)\n_ = n")]
    public void Second_part_parsed_as_a_number_is_a_host_port_split(string body)
    {
        var code = InFunc("psOpt := os.Args[1]\n" + body);
        var f = Assert.Single(Scan(code).Findings);
        Assert.Equal("V6006", f.RuleId);
        Assert.Contains("parsed as a port", f.Message);
    }

    [Theory]
    // the first part parsed (a version "1:2"), the second part used as text, a split on another separator
    [InlineData("parts := strings.Split(psOpt, \":\")\nn, _ := strconv.Atoi(parts[0])\n_ = n")]
    [InlineData("parts := strings.Split(psOpt, \":\")\nfmt.Println(parts[1])")]
    [InlineData("parts := strings.Split(psOpt, \",\")\nn, _ := strconv.Atoi(parts[1])\n_ = n")]
    // a time "12:30" or "12:30:05" (its first or third part is a number too); parts parsed with ParseFloat
    [InlineData("t := strings.Split(psOpt, \":\")\nh, _ := strconv.Atoi(t[0])\nm, _ := strconv.Atoi(t[1])\n_, _ = h, m")]
    [InlineData("t := strings.Split(psOpt, \":\")\nm, _ := strconv.Atoi(t[1])\n_, _ = m, t[2]")]
    [InlineData("parts := strings.Split(psOpt, \":\")\nf, _ := strconv.ParseFloat(parts[1], 64)\n_ = f")]
    public void Other_splits_are_not_reported(string body)
    {
        Assert.Empty(Scan(InFunc("psOpt := os.Args[1]\n" + body)).Findings);
    }

    private const string FlagFile = "package main\n\nimport (\n\t\"flag\"\n\t\"strings\"\n)\n\n";

    [Fact]
    public void A_flag_whose_usage_says_ADDRESS_PORT_holds_an_endpoint()
    {
        var code = FlagFile + "var ps = flag.String(\"ps\", \"\", \"ADDRESS:PORT of the placement service\")\n\nvar dst string\n\nfunc init() { flag.StringVar(&dst, \"to\", \"\", \"forward to <host>:<port>\") }\n\n" +
                   "func main() {\n\ta := strings.Split(*ps, \":\")\n\tb := strings.Split(dst, \":\")\n\t_, _ = a, b\n}\n";
        Assert.Equal(["V6006@15", "V6006@16"], Ids(code));
    }

    [Fact]
    public void A_flag_with_another_usage_is_not_an_endpoint()
    {
        var code = FlagFile + "var ps = flag.String(\"ps\", \"\", \"list of key:value pairs\")\n\n" +
                   "func main() {\n\ta := strings.Split(*ps, \":\")\n\t_ = a\n}\n";
        Assert.Empty(Ids(code));
    }
}

using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

/// <summary>A ':' split whose second part is read as a number is a host:port split (V6006), whatever the names say.</summary>
public class NameFreeSignalTests
{
    [Theory]
    [InlineData("const parts = opt.split(':');\nconst n = parseInt(parts[1], 10);")]
    [InlineData("const n = Number(opt.split(':')[1]);")]
    [InlineData("const [a, b] = opt.split(':');\nconst n = +b;")]
    [InlineData("const xs = opt.split(':');\nconst p = xs[1];\nconst n = Number.parseInt(p);")]
    public void Second_part_parsed_as_a_number_is_a_host_port_split(string code)
    {
        var ids = Ids(code);
        Assert.Equal(["V6006"], ids);
    }

    [Theory]
    // the first part parsed, the second used as text, another separator, a number parsed from another array
    [InlineData("const parts = opt.split(':');\nconst n = parseInt(parts[0], 10);")]
    [InlineData("const parts = opt.split(':');\nconsole.log(parts[1]);")]
    [InlineData("const parts = opt.split(',');\nconst n = parseInt(parts[1], 10);")]
    [InlineData("const t = opt.split(':');\nconst h = parseInt(t[0], 10);\nconst m = parseInt(t[1], 10);")]
    [InlineData("const [h, m] = opt.split(':');\nconst x = Number(h) * 60 + Number(m);")]
    [InlineData("const parts = opt.split(':');\nconst other = [1, 2];\nconst n = parseInt(other[1], 10);")]
    public void Other_splits_are_not_reported(string code) => Assert.Empty(Ids(code));

    [Theory]
    [InlineData("program.option('-r, --relay <host:port>', 'where to forward');\nconst opts = program.opts();\nconst parts = opts.relay.split(':');")]
    [InlineData("program.requiredOption('--relay-to <value>', 'upstream as ADDRESS:PORT');\nconst { relayTo } = program.opts();\nconst [a, b] = relayTo.split(':');")]
    [InlineData("const argv = yargs(process.argv).option('relay', { describe: 'forward to <ip>:<port>', type: 'string' }).argv;\nconst p = argv.relay.split(':');")]
    [InlineData("const argv = yargs.options({ relay: { description: 'host:port of the relay' } }).argv;\nconst p = argv.relay.split(':');")]
    public void An_option_whose_help_says_host_port_holds_an_endpoint(string code)
    {
        var findings = Scan(code).Findings;
        var f = Assert.Single(findings);
        Assert.Equal("V6006", f.RuleId);
        Assert.Contains("option's help says host:port", f.Message);
    }

    [Theory]
    // other help texts; a split of something else; a negated flag
    [InlineData("program.option('-l, --labels <key:value>', 'labels');\nconst p = program.opts().labels.split(':');")]
    [InlineData("program.option('--window <HH:MM>', 'time window');\nconst p = program.opts().window.split(':');")]
    [InlineData("program.option('-r, --relay <host:port>', 'where to forward');\nconst p = program.opts().other.split(':');")]
    [InlineData("const argv = yargs.option('relay', { describe: 'relay name' }).argv;\nconst p = argv.relay.split(':');")]
    public void Options_with_other_help_are_not_endpoints(string code) => Assert.Empty(Ids(code));
}

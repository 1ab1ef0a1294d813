using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary><c>v6ready rules</c>: a table of every rule.</summary>
public static class RulesCommand
{
    public static readonly List<OptionSpec> Options = new()
    {
        new("--target", "-t", "TARGET", "show severities for dual-stack (default) or ipv6-only", new[] { "dual-stack", "ipv6-only" }),
        new("--help", "-h", null, "show this help"),
    };

    public static int Run(string[] args, CliContext ctx)
    {
        var parsed = ArgParser.Parse(args, Options);
        if (parsed.Has("--help"))
        {
            ctx.Out.WriteLine("Usage: v6ready rules [--target dual-stack|ipv6-only]");
            ArgParser.WriteOptions(ctx.Out, Options);
            return CliApp.ExitClean;
        }
        if (parsed.Positionals.Count > 0) throw new UsageException($"unexpected argument '{parsed.Positionals[0]}'");
        var target = parsed.Get("--target")?.ToLowerInvariant() == "ipv6-only" ? Target.Ipv6Only : Target.DualStack;
        ctx.Out.WriteLine($"{"ID",-6}  {"SEVERITY",-8}  {"FIX",-6}  TITLE");
        foreach (var rule in RuleCatalog.All)
        {
            var fix = rule.FixSafety == FixSafety.None ? "-" : SeverityNames.ToName(rule.FixSafety);
            ctx.Out.WriteLine($"{rule.Id,-6}  {SeverityNames.ToName(rule.SeverityFor(target)),-8}  {fix,-6}  {rule.Title}");
        }
        ctx.Out.WriteLine();
        ctx.Out.WriteLine($"{RuleCatalog.All.Count} rules (severities for target {(target == Target.Ipv6Only ? "ipv6-only" : "dual-stack")}). 'v6ready explain ID' prints a rule's page.");
        return CliApp.ExitClean;
    }
}

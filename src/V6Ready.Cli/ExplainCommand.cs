using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary><c>v6ready explain ID</c>: prints the rule's page (rules/ID.md).</summary>
public static class ExplainCommand
{
    public static readonly List<OptionSpec> Options = new()
    {
        new("--help", "-h", null, "show this help"),
    };

    public static int Run(string[] args, CliContext ctx)
    {
        var parsed = ArgParser.Parse(args, Options);
        if (parsed.Has("--help"))
        {
            ctx.Out.WriteLine("Usage: v6ready explain ID   (e.g. v6ready explain V6001)");
            return CliApp.ExitClean;
        }
        if (parsed.Positionals.Count != 1) throw new UsageException("explain needs exactly one rule id, e.g. 'v6ready explain V6001'");
        var id = parsed.Positionals[0];
        if (!RuleCatalog.TryGet(id, out var rule) || rule is null)
            throw new UsageException($"unknown rule id '{id}'. 'v6ready rules' lists them.");
        var page = RuleDocs.GetPageOrSummary(rule);
        ctx.Out.Write(page.EndsWith('\n') ? page : page + "\n");
        return CliApp.ExitClean;
    }
}

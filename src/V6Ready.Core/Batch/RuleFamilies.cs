using V6Ready.Rules;

namespace V6Ready.Core.Batch;

/// <summary>Rule families: the columns of the readiness matrix (by id range).</summary>
public static class RuleFamilies
{
    public sealed record Family(string Key, string Title, string Range);

    public static readonly Family Code = new("code", "Code", "V600x");
    public static readonly Family Kubernetes = new("kubernetes", "Kubernetes", "V61xx");
    public static readonly Family ServerConfig = new("server-config", "Server config", "V62xx");
    public static readonly Family Dependencies = new("dependencies", "Dependencies", "V63xx");
    public static readonly Family Cluster = new("cluster", "Live cluster", "V64xx");
    public static readonly Family Other = new("other", "Other", "other");

    /// <summary>The matrix columns, in order (the live-cluster family only appears when it has findings).</summary>
    public static IReadOnlyList<Family> All { get; } = new[] { Code, Kubernetes, ServerConfig, Dependencies, Cluster, Other };

    public static Family Of(string ruleId)
    {
        if (ruleId.Length >= 4 && (ruleId[0] == 'V' || ruleId[0] == 'v') && ruleId[1] == '6')
        {
            switch (ruleId[2])
            {
                case '0': return Code;
                case '1': return Kubernetes;
                case '2': return ServerConfig;
                case '3': return Dependencies;
                case '4': return Cluster;
            }
        }
        return Other;
    }

    /// <summary>Rules of a family in the catalog (for the HTML legend).</summary>
    public static IEnumerable<RuleDescriptor> RulesOf(Family family) => RuleCatalog.All.Where(r => Of(r.Id) == family);
}

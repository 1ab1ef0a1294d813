using Microsoft.CodeAnalysis;
using V6Ready.Rules;

namespace V6Ready.Analyzers
{
    /// <summary>Roslyn descriptors built from the rule catalog (the one source of truth for ids, texts, severities and links).</summary>
    public static class Descriptors
    {
        public static readonly DiagnosticDescriptor V6001 = Create(RuleCatalog.V6001);
        public static readonly DiagnosticDescriptor V6002 = Create(RuleCatalog.V6002);
        public static readonly DiagnosticDescriptor V6003 = Create(RuleCatalog.V6003);
        public static readonly DiagnosticDescriptor V6004 = Create(RuleCatalog.V6004);
        public static readonly DiagnosticDescriptor V6005 = Create(RuleCatalog.V6005);
        public static readonly DiagnosticDescriptor V6006 = Create(RuleCatalog.V6006);
        public static readonly DiagnosticDescriptor V6007 = Create(RuleCatalog.V6007);
        public static readonly DiagnosticDescriptor V6008 = Create(RuleCatalog.V6008);
        public static readonly DiagnosticDescriptor V6009 = Create(RuleCatalog.V6009);

        /// <summary>Key of the diagnostic property that tells the code fix which rewrite applies.</summary>
        public const string FixKey = "V6Fix";

        /// <summary>Maps the catalog's dual-stack (default target) severity to a Roslyn severity; Note becomes Info.</summary>
        public static DiagnosticSeverity ToRoslyn(RuleSeverity severity)
        {
            switch (severity)
            {
                case RuleSeverity.Error: return DiagnosticSeverity.Error;
                case RuleSeverity.Warning: return DiagnosticSeverity.Warning;
                case RuleSeverity.Note: return DiagnosticSeverity.Info;
                default: return DiagnosticSeverity.Hidden;
            }
        }

        public static DiagnosticDescriptor Create(RuleDescriptor rule)
        {
            return new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                rule.MessageFormat,
                rule.Category,
                ToRoslyn(rule.DualStackSeverity),
                isEnabledByDefault: rule.DualStackSeverity != RuleSeverity.None,
                description: rule.Description,
                helpLinkUri: rule.HelpLink);
        }
    }
}

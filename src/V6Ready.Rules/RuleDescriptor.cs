using System;
using System.Collections.Generic;

namespace V6Ready.Rules
{
    /// <summary>One rule of the catalog. Immutable; shared by the Roslyn analyzers, the CLI and the docs.</summary>
    public sealed class RuleDescriptor
    {
        public RuleDescriptor(
            string id,
            string title,
            string messageFormat,
            string description,
            string category,
            RuleSeverity dualStackSeverity,
            RuleSeverity ipv6OnlySeverity,
            FixSafety fixSafety,
            IReadOnlyList<string> languages)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Title = title ?? throw new ArgumentNullException(nameof(title));
            MessageFormat = messageFormat ?? throw new ArgumentNullException(nameof(messageFormat));
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Category = category ?? throw new ArgumentNullException(nameof(category));
            DualStackSeverity = dualStackSeverity;
            Ipv6OnlySeverity = ipv6OnlySeverity;
            FixSafety = fixSafety;
            Languages = languages ?? throw new ArgumentNullException(nameof(languages));
        }

        /// <summary>Rule id, e.g. <c>V6001</c>.</summary>
        public string Id { get; }

        /// <summary>Short title (the mistake, not the language).</summary>
        public string Title { get; }

        /// <summary>Message with one placeholder <c>{0}</c> for the specific construct (e.g. <c>'IPAddress.Any'</c>).</summary>
        public string MessageFormat { get; }

        /// <summary>One or two sentences: why it breaks.</summary>
        public string Description { get; }

        /// <summary>Category, e.g. <c>Binding</c>, <c>Addressing</c>, <c>Kubernetes</c>.</summary>
        public string Category { get; }

        /// <summary>Default severity when targeting a dual-stack network (the default target).</summary>
        public RuleSeverity DualStackSeverity { get; }

        /// <summary>Default severity when targeting an IPv6-only network.</summary>
        public RuleSeverity Ipv6OnlySeverity { get; }

        /// <summary>Whether (and how safely) the rule's findings can be fixed automatically.</summary>
        public FixSafety FixSafety { get; }

        /// <summary>Lower-case names of the languages/kinds the rule has detectors for.</summary>
        public IReadOnlyList<string> Languages { get; }

        /// <summary>Link to the rule's page.</summary>
        public string HelpLink => RuleCatalog.HelpLinkBase + Id + ".md";

        /// <summary>Relative path of the rule's page inside the repository.</summary>
        public string DocPath => "rules/" + Id + ".md";

        public RuleSeverity SeverityFor(Target target) =>
            target == Target.Ipv6Only ? Ipv6OnlySeverity : DualStackSeverity;

        /// <summary>Formats the message with the construct that was found (and, for some rules, a second detail).</summary>
        public string FormatMessage(params object[] args) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);

        public override string ToString() => Id + ": " + Title;
    }
}

namespace V6Ready.Rules
{
    /// <summary>How serious a finding is. Ordered: a higher value is more severe.</summary>
    public enum RuleSeverity
    {
        None = 0,
        Note = 1,
        Warning = 2,
        Error = 3,
    }

    /// <summary>Whether a rule's automatic fix keeps behaviour (safe) or changes meaning and needs review (unsafe).</summary>
    public enum FixSafety
    {
        /// <summary>No automatic fix exists.</summary>
        None = 0,
        /// <summary>Keeps IPv4 working and adds IPv6; applied by <c>--fix</c> and offered in the IDE.</summary>
        Safe = 1,
        /// <summary>Changes meaning (e.g. a value becomes a list); applied only with <c>--unsafe-fixes</c>.</summary>
        Unsafe = 2,
    }

    /// <summary>The network a scan targets; severities depend on it.</summary>
    public enum Target
    {
        DualStack = 0,
        Ipv6Only = 1,
    }

    /// <summary>How sure a detector is that the pattern is IPv4-only in the runtime that executes it.</summary>
    public enum Confidence
    {
        High = 0,
        Medium = 1,
        Low = 2,
    }
}

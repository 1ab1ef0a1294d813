using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

public static class SeverityNames
{
    /// <summary>note, warning, error (none for off).</summary>
    public static string ToName(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        RuleSeverity.Note => "note",
        _ => "none",
    };

    public static string ToName(FixSafety safety) => safety switch
    {
        FixSafety.Safe => "safe",
        FixSafety.Unsafe => "unsafe",
        _ => "none",
    };
}

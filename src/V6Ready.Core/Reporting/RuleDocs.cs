using System.Reflection;
using V6Ready.Rules;

namespace V6Ready.Core.Reporting;

/// <summary>
/// Rule pages (<c>rules/ID.md</c>): embedded into this assembly at build time (so an installed tool has them),
/// else read from a <c>rules/</c> folder found by walking up from the executable's folder.
/// </summary>
public static class RuleDocs
{
    private static readonly Assembly s_assembly = typeof(RuleDocs).Assembly;

    public static string? GetPage(string ruleId)
    {
        var id = ruleId.ToUpperInvariant();
        using (var stream = s_assembly.GetManifestResourceStream("rules/" + id + ".md"))
        {
            if (stream is not null)
            {
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
        }
        var dir = FindRulesFolder();
        if (dir is null) return null;
        var file = Path.Combine(dir, id + ".md");
        try { return File.Exists(file) ? File.ReadAllText(file) : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The page, or a page built from the catalog when the rule has none yet.</summary>
    public static string GetPageOrSummary(RuleDescriptor rule) => GetPage(rule.Id) ?? Summary(rule);

    public static string Summary(RuleDescriptor rule) =>
        $"# {rule.Id}: {rule.Title}\n\n{rule.Description}\n\n" +
        $"Category: {rule.Category}. Severity: {Lower(rule.DualStackSeverity)} (dual-stack), {Lower(rule.Ipv6OnlySeverity)} (ipv6-only). " +
        $"Automatic fix: {(rule.FixSafety == FixSafety.None ? "none" : Lower(rule.FixSafety))}.\n";

    private static string Lower(object o) => o.ToString()!.ToLowerInvariant();

    public static string? FindRulesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; dir is not null && i < 12; i++, dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "rules");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "V6001.md"))) return candidate;
        }
        return null;
    }
}

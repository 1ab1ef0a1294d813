using System.CommandLine;
using System.Text.Json;
using V6Ready.Core.Reporting;
using V6Ready.Rules;

namespace V6Ready.Cli;

/// <summary><c>v6ready rules</c>: every rule, as a table or as JSON (id, title, severity per target, languages, fix safety).</summary>
public static class RulesCommand
{
    public static Command Create(CliContext ctx)
    {
        var target = CommonOptions.Target("show severities for dual-stack (default) or ipv6-only (text format)");
        var format = CommonOptions.Format("text", new[] { "text", "json" });
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "list the rules (id, severity, fix, title)") { target, format };
        command.SetAction(parse =>
        {
            var t = parse.GetValue(target) == "ipv6-only" ? Target.Ipv6Only : Target.DualStack;
            if (parse.GetValue(format) == "json") WriteJson(ctx.Out);
            else WriteTable(ctx.Out, t);
            return CliApp.ExitClean;
        });
        return command;
    }

    private static void WriteTable(TextWriter w, Target target)
    {
        w.WriteLine($"{"ID",-6}  {"SEVERITY",-8}  {"FIX",-6}  TITLE");
        foreach (var rule in RuleCatalog.All)
        {
            var fix = rule.FixSafety == FixSafety.None ? "-" : SeverityNames.ToName(rule.FixSafety);
            w.WriteLine($"{rule.Id,-6}  {SeverityNames.ToName(rule.SeverityFor(target)),-8}  {fix,-6}  {rule.Title}");
        }
        w.WriteLine();
        w.WriteLine($"{RuleCatalog.All.Count} rules (severities for target {(target == Target.Ipv6Only ? "ipv6-only" : "dual-stack")}). 'v6ready explain ID' prints a rule's page.");
    }

    /// <summary><c>{"version":1,"rules":[{"id","title","category","severity":{"dual-stack","ipv6-only"},"languages","fix","helpUri"}]}</c>.</summary>
    public static void WriteJson(TextWriter w)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("rules");
            foreach (var rule in RuleCatalog.All)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("title", rule.Title);
                json.WriteString("category", rule.Category);
                json.WriteStartObject("severity");
                json.WriteString("dual-stack", SeverityNames.ToName(rule.DualStackSeverity));
                json.WriteString("ipv6-only", SeverityNames.ToName(rule.Ipv6OnlySeverity));
                json.WriteEndObject();
                json.WriteStartArray("languages");
                foreach (var l in rule.Languages) json.WriteStringValue(l);
                json.WriteEndArray();
                json.WriteString("fix", SeverityNames.ToName(rule.FixSafety));
                json.WriteString("helpUri", rule.HelpLink);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n");
    }
}

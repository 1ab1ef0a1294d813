using V6Ready.Core;
using V6Ready.Manifests.Rules;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests;

/// <summary>
/// A chart's values.yaml as the place where defaults are changed: every template of the chart is analysed with the
/// defaults, and a finding whose value is copied from values.yaml is reported here, at the values line, naming the
/// templates that use it (the template itself then does not report it).
/// </summary>
internal static class HelmValues
{
    private const int MaxTemplates = 2000;
    private const long MaxTemplateBytes = 4_000_000;
    private static readonly string[] s_valuesNotes =
    {
        CommandRules.ValuesNote, " (set via values — check the default in values.yaml)", ", set via values — check the default in values.yaml",
    };

    public static void Analyze(ManifestsFrontEnd frontEnd, Ctx ctx)
    {
        var load = YamlLoader.Load(ctx.Text, collectComments: true, ctx.Analysis.CancellationToken);
        ctx.Result.Comments.AddRange(load.Comments);
        foreach (var doc in load.Documents) Embedded.ValuesStrings(ctx, doc.Root);
        var full = ctx.Doc.FullPath;
        if (!string.Equals(Path.GetFileName(full), "values.yaml", StringComparison.Ordinal) || !Path.IsPathRooted(full)) return;
        string dir;
        HelmChart chart;
        try
        {
            dir = Path.GetDirectoryName(full)!;
            if (!File.Exists(Path.Combine(dir, "Chart.yaml"))) return;
            chart = HelmChart.Load(dir);
            // Origins are offsets into the values.yaml the chart read: only valid when that is this text.
            if (File.ReadAllText(full) != ctx.Text) return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return;
        }
        if (chart.Values is null) return;
        var found = new List<(ValuesFinding F, string Template, int Line)>();
        var relDir = ctx.Doc.Path.Contains('/') ? ctx.Doc.Path[..ctx.Doc.Path.LastIndexOf('/')] + "/" : "";
        foreach (var file in Templates(dir))
        {
            ctx.Analysis.CancellationToken.ThrowIfCancellationRequested();
            string text;
            try { text = File.ReadAllText(file); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            var rel = relDir + Path.GetRelativePath(dir, file).Replace('\\', '/');
            if (frontEnd.Detect(rel, text.Length > 8192 ? text[..8192] : text) != "helm") continue;
            var doc = new SourceDocument(rel, text, file) { Language = "helm" };
            var sink = new List<ValuesFinding>();
            var tctx = new Ctx(doc, "helm", ctx.Analysis, new FileResult(rel, "helm")) { ValuesSink = sink };
            try { ManifestsFrontEnd.AnalyzeYaml(tctx, doc, "helm"); }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException) { continue; }
            foreach (var f in sink) found.Add((f, rel, doc.GetLineColumn(f.TemplateOffset).Line));
        }
        foreach (var group in found.GroupBy(x => (x.F.Rule.Id, x.F.Origin.Start, Message: Clean(x.F.Message))).OrderBy(g => g.Key.Start))
        {
            var first = group.First().F;
            var origin = first.Origin;
            if (origin.Start < 0 || origin.End > ctx.Text.Length) continue;
            var uses = group.Select(x => $"{x.Template}:{x.Line}").Distinct().ToList();
            var usedBy = string.Join(", ", uses.Take(3)) + (uses.Count > 3 ? $" and {uses.Count - 3} more" : "");
            var message = $"{group.Key.Message} (the default in values.yaml; used by {usedBy})";
            var length = Math.Max(0, Math.Min(origin.End, ctx.LineEndOf(origin.Start)) - origin.Start);
            Fix? fix = null;
            if (first.Rule.Id == RuleCatalog.V6101.Id && origin.End > origin.Start && (origin.Value is "SingleStack" || origin.Value.Length == 0 && origin.Style != YScalarStyle.Plain) &&
                YamlEdit.ReplaceScalar(ctx, origin, "PreferDualStack") is { } edit)
                fix = new Fix("Default ipFamilyPolicy to PreferDualStack in values.yaml", FixSafety.Safe, new[] { edit });
            ctx.Result.Findings.Add(ctx.Analysis.CreateFindingWithMessage(ctx.Doc, "helm", first.Rule, origin.Start, length, message, fix,
                first.Confidence));
        }
    }

    private static string Clean(string message)
    {
        foreach (var note in s_valuesNotes) message = message.Replace(note, "", StringComparison.Ordinal);
        return message;
    }

    private static IEnumerable<string> Templates(string chartDir)
    {
        var templates = Path.Combine(chartDir, "templates");
        if (!Directory.Exists(templates)) return Array.Empty<string>();
        try
        {
            return Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)) && new FileInfo(f).Length <= MaxTemplateBytes)
                .Take(MaxTemplates)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}

using V6Ready.Core;

namespace V6Ready.Manifests;

/// <summary>
/// A chart's helper templates (<c>templates/_*.tpl</c>): each <c>{{ define "…" }}</c> block whose rendered text is a
/// configuration V6Ready reads (an HAProxy, nginx, redis or Envoy config, a shell script), detected by content, is
/// handed back as an embedded region. Template actions are neutralised with offsets kept (<see cref="TemplateText"/>);
/// a default written in the template is the value and is reported as configurable.
/// </summary>
public static class HelmDefines
{
    public const string Language = "helm-defines";

    public static bool IsHelperFile(string name, IReadOnlyList<string> segments, string? head) =>
        name.StartsWith('_') && name.EndsWith(".tpl", StringComparison.Ordinal) && segments.Count >= 2 && segments[^2] == "templates" &&
        (head is null || head.Contains("define", StringComparison.Ordinal));

    public static void Analyze(Ctx ctx)
    {
        var text = ctx.Text;
        var actions = HelmTemplate.Scan(text);
        for (var i = 0; i < actions.Count; i++)
        {
            var words = HelmChart.Tokens(HelmChart.Trimmed(actions[i].Inner));
            if (words.Count < 2 || words[0] != "define") continue;
            var name = words[1].Trim('"', '`');
            var depth = 0;
            for (var j = i + 1; j < actions.Count; j++)
            {
                var kw = HelmChart.Keyword(actions[j].Inner);
                if (kw is "if" or "with" or "range" or "define" or "block") depth++;
                else if (kw == "end" && depth-- == 0)
                {
                    AddBlock(ctx, name, actions[i].End, actions[j].Start);
                    i = j;
                    break;
                }
            }
        }
    }

    private static void AddBlock(Ctx ctx, string name, int start, int end)
    {
        if (end <= start) return;
        var body = ctx.Text[start..end];
        // The body usually starts right after "-}}" with a line break: the text begins on the next line.
        var rendered = TemplateText.Render(body);
        var value = rendered.Text;
        var lead = 0;
        while (lead < value.Length && value[lead] is '\n' or '\r') lead++;
        if (lead == value.Length) return;
        var file = Embedded.FileNameFor("define", value[lead..]);
        if (file is null) return;
        if (value.Length > EmbeddedDocuments.MaxRegionLength)
        {
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, ctx.Doc.GetLineColumn(start).Line, $"define '{name}' is {value.Length} characters long (limit {EmbeddedDocuments.MaxRegionLength}); not analysed"));
            return;
        }
        var map = rendered.Map.Skip(lead).Select(m => m < 0 ? -1 : m + start).ToArray();
        ctx.Result.Regions.Add(new EmbeddedRegion($"Helm define '{name}'", file, null, value[lead..], map)
        {
            LineIndent = "",
            CanWrite = s => !s.Contains("{{", StringComparison.Ordinal),
            Configurable = rendered.Defaults.Select(d => (d.Start + start, d.End + start)).ToList(),
        });
    }
}

using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests;

/// <summary>An object a Helm template renders: its kind, its name with the chart's defaults (null when unknown), the name as written, its line.</summary>
public sealed record HelmObjectName(string Kind, string? Name, string RawName, int Line, string? ChartName);

/// <summary>
/// Names of the objects Helm templates render with the chart's defaults (values.yaml, Chart.yaml, simple defines), for
/// reports that attribute findings to services. Never throws on bad input: an unreadable template gives no objects.
/// </summary>
public static class HelmNames
{
    /// <summary>The objects of one template (<paramref name="templateFullPath"/> locates the chart; null: no chart defaults).</summary>
    public static IReadOnlyList<HelmObjectName> Objects(string templateText, string? templateFullPath)
    {
        var list = new List<HelmObjectName>();
        try
        {
            var helm = HelmTemplate.Neutralise(templateText, templateFullPath);
            var load = YamlLoader.Load(helm.Text, collectComments: false);
            foreach (var doc in load.Documents)
            {
                if (doc.Root.Map() is not { } root || root.Str("kind") is not { } kind) continue;
                if (root.Field("metadata").Field("name").Scalar() is not { } nameNode) continue;
                var raw = nameNode.End <= templateText.Length && nameNode.End > nameNode.Start
                    ? templateText[nameNode.Start..nameNode.End].Trim('"', '\'')
                    : nameNode.Value;
                var resolved = helm.Resolve(nameNode, templateText);
                var name = resolved.Unknown || resolved.Value.Length == 0 ? null : resolved.Value;
                var line = 1;
                for (var i = 0; i < nameNode.Start && i < templateText.Length; i++) if (templateText[i] == '\n') line++;
                list.Add(new HelmObjectName(kind, name, raw, line, helm.Chart?.Name));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
        }
        return list;
    }

    /// <summary>Reads the template from disk; no objects when it cannot be read.</summary>
    public static IReadOnlyList<HelmObjectName> Objects(string templateFullPath)
    {
        try { return Objects(File.ReadAllText(templateFullPath), templateFullPath); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return Array.Empty<HelmObjectName>(); }
    }

    /// <summary>
    /// A text with <c>{{ … }}</c> actions (e.g. "{{ .Values.adService.name }}-external") rendered with the defaults of
    /// the chart holding <paramref name="templateFullPath"/>, or null when any action cannot be known.
    /// </summary>
    public static string? Resolve(string text, string? templateFullPath)
    {
        try
        {
            var chart = HelmChart.ForTemplate(templateFullPath);
            if (chart is null) return text.Contains("{{", StringComparison.Ordinal) ? null : text;
            var sb = new System.Text.StringBuilder();
            var pos = 0;
            foreach (var a in HelmTemplate.Scan(text))
            {
                sb.Append(text, pos, a.Start - pos);
                if (chart.Eval(a.Inner) is not { } v) return null;
                sb.Append(v.Text);
                pos = a.End;
            }
            sb.Append(text, pos, text.Length - pos);
            return sb.ToString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return null;
        }
    }
}

using System.Text.RegularExpressions;

namespace V6Ready.CSharp.Tests;

/// <summary>A minimal HTML start-tag reader for tests: every element's name and attributes, in document order.</summary>
public static class HtmlScan
{
    public sealed record Element(string Name, Dictionary<string, string> Attributes, int Offset)
    {
        public string? this[string name] => Attributes.TryGetValue(name, out var v) ? v : null;
        public bool HasClass(string c) => (this["class"] ?? "").Split(' ').Contains(c);
    }

    private static readonly Regex s_tag = new(@"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+))?)*)\s*/?>", RegexOptions.CultureInvariant);
    private static readonly Regex s_attr = new(@"([^\s=>/]+)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+)))?", RegexOptions.CultureInvariant);

    public static List<Element> Elements(string html)
    {
        var list = new List<Element>();
        foreach (Match m in s_tag.Matches(html))
        {
            var attrs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match a in s_attr.Matches(m.Groups[2].Value))
            {
                var value = a.Groups[2].Success ? a.Groups[2].Value : a.Groups[3].Success ? a.Groups[3].Value : a.Groups[4].Value;
                attrs[a.Groups[1].Value] = System.Net.WebUtility.HtmlDecode(value);
            }
            list.Add(new Element(m.Groups[1].Value.ToLowerInvariant(), attrs, m.Index));
        }
        return list;
    }

    /// <summary>The matrix cells: (service, family) → (count, worst).</summary>
    public static Dictionary<(string Service, string Family), (int Count, string Worst)> MatrixCells(string html) =>
        Elements(html).Where(e => e.Name == "td" && e.HasClass("cell") && e["data-service"] != null)
            .ToDictionary(e => (e["data-service"]!, e["data-family"]!), e => (int.Parse(e["data-count"]!), e["data-worst"]!));
}

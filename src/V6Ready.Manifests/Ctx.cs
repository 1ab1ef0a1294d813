using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests;

/// <summary>A scalar's value as the detectors should see it (Helm template actions resolved where possible).</summary>
public readonly record struct Resolved(string Value, bool FromValues, bool Unknown);

/// <summary>A finding of a template whose value is a values.yaml default: it is reported at that values line.</summary>
public sealed record ValuesFinding(RuleDescriptor Rule, YScalar Origin, string Message, Confidence Confidence, int TemplateOffset);

/// <summary>Per-file state shared by the detectors: the document, where findings go, Helm template info.</summary>
public sealed class Ctx
{
    private readonly HashSet<(string, int, int)> _seen = new();

    public Ctx(SourceDocument doc, string language, AnalysisContext analysis, FileResult result)
    {
        Doc = doc;
        Language = language;
        Analysis = analysis;
        Result = result;
        NewLine = doc.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
    }

    public SourceDocument Doc { get; }
    public string Text => Doc.Text;
    public string Language { get; }
    public AnalysisContext Analysis { get; }
    public FileResult Result { get; }
    public string NewLine { get; }
    public HelmTemplate? Helm { get; set; }

    /// <summary>
    /// Where findings whose value is copied from the chart's values.yaml go when values.yaml is being analysed; null while
    /// a template is analysed on its own, and then such findings are left out (values.yaml's analysis reports them at the
    /// line that must change).
    /// </summary>
    public List<ValuesFinding>? ValuesSink { get; set; }

    private bool _here;

    /// <summary>Reports at the template even when the span holds values (e.g. a Service's name used as the anchor of a missing field).</summary>
    public void ReportHere(RuleDescriptor rule, YNode node, Fix? fix, Confidence confidence, params object[] args)
    {
        _here = true;
        try { Report(rule, node, fix, confidence, args); }
        finally { _here = false; }
    }

    /// <summary>Reports at the values.yaml scalar <paramref name="origin"/> (at the template span when it is null).</summary>
    public void ReportAtValues(RuleDescriptor rule, YScalar? origin, int start, int length, Confidence confidence, params object[] args)
    {
        args = Readable(args);
        if (origin is null || Helm?.Chart?.ValuesPath is null)
        {
            _here = true;
            try { Report(rule, start, length, null, confidence, args); }
            finally { _here = false; }
            return;
        }
        if (!_seen.Add((rule.Id, start, length))) return;
        ValuesSink?.Add(new ValuesFinding(rule, origin, rule.FormatMessage(args), confidence, start));
    }

    /// <summary>A run of <see cref="HelmTemplate.Fill"/> (a neutralised placeholder) reads as "{{…}}" in a message.</summary>
    internal static object[] Readable(object[] args)
    {
        var fill = HelmTemplate.Fill.ToString();
        if (!args.Any(a => a is string s && s.Contains(fill, StringComparison.Ordinal))) return args;
        return args.Select(a => a is string s ? (object)System.Text.RegularExpressions.Regex.Replace(s, fill + "+", "{{…}}") : a).ToArray();
    }

    public void Report(RuleDescriptor rule, int start, int length, Fix? fix, Confidence confidence, params object[] args)
    {
        args = Readable(args);
        if (start < 0) start = 0;
        if (start > Text.Length) start = Text.Length;
        length = Math.Max(0, Math.Min(length, Text.Length - start));
        if (!_seen.Add((rule.Id, start, length))) return;
        if (!_here && Helm?.Chart?.ValuesPath is not null)
        {
            var message = rule.FormatMessage(args);
            if (Helm.OriginIn(start, start + length, message) is { } origin)
            {
                ValuesSink?.Add(new ValuesFinding(rule, origin, message, confidence, start));
                return;
            }
        }
        Result.Findings.Add(Analysis.CreateFinding(Doc, Language, rule, start, length, fix, confidence, args));
    }

    public void Report(RuleDescriptor rule, YNode node, Fix? fix, Confidence confidence, params object[] args)
    {
        var start = node.Start;
        var end = node.End;
        // Keep the span on the node's first line (block values can be long).
        var nl = Text.IndexOfAny(new[] { '\n', '\r' }, Math.Min(start, Text.Length));
        if (nl >= 0 && nl < end) end = nl;
        Report(rule, start, end - start, fix, confidence, args);
    }

    /// <summary>The scalar's value; Helm actions are replaced by their values.yaml default when one can be found.</summary>
    public Resolved Val(YScalar s)
    {
        if (Helm is null) return new Resolved(s.Value, false, false);
        return Helm.Resolve(s, Text);
    }

    /// <summary>The scalar for messages: as rendered with the chart's defaults when that is known, else as the user wrote it.</summary>
    public string Display(YScalar s)
    {
        if (Helm is null || !Helm.IsTemplated(s) || s.End > Doc.Text.Length) return s.Value;
        if (Helm.Resolve(s, Text) is { Unknown: false } r && r.Value.Length > 0) return r.Value;
        var raw = Doc.Text.Substring(s.Start, s.End - s.Start);
        return raw.Length > 120 ? raw[..120] + "…" : raw.Trim('"', '\'');
    }

    public Resolved? Val(YNode? node) => node.Scalar() is { } s ? Val(s) : null;

    public int LineStartOf(int offset)
    {
        var i = Math.Min(offset, Text.Length);
        while (i > 0 && Text[i - 1] != '\n' && Text[i - 1] != '\r') i--;
        return i;
    }

    public int LineEndOf(int offset)
    {
        var i = Math.Max(0, offset);
        while (i < Text.Length && Text[i] != '\n' && Text[i] != '\r') i++;
        return i;
    }

    /// <summary>Offset just after the line break ending the line of <paramref name="offset"/>.</summary>
    public int NextLineStart(int offset)
    {
        var i = LineEndOf(offset);
        if (i < Text.Length && Text[i] == '\r') i++;
        if (i < Text.Length && Text[i] == '\n') i++;
        return i;
    }

    /// <summary>Every line of the text, in order: its start and the offset of its line break (or the text's end).</summary>
    public IEnumerable<(int Start, int End)> Lines()
    {
        var pos = 0;
        while (pos < Text.Length)
        {
            var end = LineEndOf(pos);
            yield return (pos, end);
            var next = NextLineStart(pos);
            if (next <= pos) break;
            pos = next;
        }
    }

    /// <summary>True when only spaces/tabs precede <paramref name="offset"/> on its line.</summary>
    public bool OnlyWhitespaceBefore(int offset)
    {
        for (var i = LineStartOf(offset); i < offset; i++)
            if (Text[i] != ' ' && Text[i] != '\t') return false;
        return true;
    }

    public int ColumnOf(int offset) => offset - LineStartOf(offset);
}

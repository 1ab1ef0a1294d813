using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests;

/// <summary>A scalar's value as the detectors should see it (Helm template actions resolved where possible).</summary>
public readonly record struct Resolved(string Value, bool FromValues, bool Unknown);

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

    public void Report(RuleDescriptor rule, int start, int length, Fix? fix, Confidence confidence, params object[] args)
    {
        if (start < 0) start = 0;
        if (start > Text.Length) start = Text.Length;
        length = Math.Max(0, Math.Min(length, Text.Length - start));
        if (!_seen.Add((rule.Id, start, length))) return;
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

    /// <summary>The scalar as the user wrote it (template actions shown as written) for messages.</summary>
    public string Display(YScalar s)
    {
        if (Helm is null || !Helm.IsTemplated(s) || s.End > Doc.Text.Length) return s.Value;
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

    /// <summary>True when only spaces/tabs precede <paramref name="offset"/> on its line.</summary>
    public bool OnlyWhitespaceBefore(int offset)
    {
        for (var i = LineStartOf(offset); i < offset; i++)
            if (Text[i] != ' ' && Text[i] != '\t') return false;
        return true;
    }

    public int ColumnOf(int offset) => offset - LineStartOf(offset);
}

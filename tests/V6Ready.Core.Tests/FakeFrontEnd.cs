using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.TestSupport;

/// <summary>
/// A tiny front end for tests of the scanner core (so they do not depend on the real front ends). It claims
/// <c>*.zero</c> files by name and files starting with <c>#!zero</c> by content, and reads words of [A-Za-z0-9_]:
/// <list type="bullet">
/// <item><c>ZERO</c> → V6001 with a safe fix to <c>DUAL</c></item>
/// <item><c>UNSAFE</c> → V6008 with an unsafe fix to <c>CHECKED</c></item>
/// <item><c>LINES</c> → V6005 with a safe fix inserting two lines ("L1\nL2")</item>
/// <item><c>OVERLAP</c> → V6001 (fix: whole word → <c>A</c>) and V6002 (fix: "LAP" → <c>B</c>), which overlap</item>
/// <item><c>MAYBE</c> → V6003 with low confidence, no fix</item>
/// <item><c>CRASH</c> → throws (the scanner must turn it into an internal-error parse error)</item>
/// <item><c>BROKEN</c> → a parse error on that line</item>
/// <item>a first line <c>GENERATED</c> → <see cref="FileResult.SkipReason"/></item>
/// </list>
/// <c># …</c> to the end of a line is a comment.
/// </summary>
public sealed class FakeFrontEnd : ILanguageFrontEnd
{
    public const string Language = "zerolang";

    public string Name => "zz-fake";

    public bool NeedsContent(string relativePath) => relativePath.EndsWith(".zhead", StringComparison.Ordinal);

    public string? Detect(string relativePath, string? head)
    {
        if (relativePath.EndsWith(".zero", StringComparison.Ordinal)) return Language;
        if (relativePath.EndsWith(".zhead", StringComparison.Ordinal) && head is not null && head.StartsWith("#!zero", StringComparison.Ordinal)) return Language;
        return null;
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context)
    {
        var result = new FileResult(document.Path, Language);
        var text = document.Text;
        if (text.StartsWith("GENERATED", StringComparison.Ordinal))
        {
            result.SkipReason = "generated file";
            return result;
        }
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#')
            {
                var start = i;
                while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
                var (line, column) = document.GetLineColumn(start);
                result.Comments.Add(new Comment(line, column, line, text.Substring(start, i - start)));
                continue;
            }
            if (!IsWord(c)) { i++; continue; }
            var s = i;
            while (i < text.Length && IsWord(text[i])) i++;
            var word = text.Substring(s, i - s);
            switch (word)
            {
                case "ZERO":
                    result.Findings.Add(context.CreateFinding(document, Language, RuleCatalog.V6001, s, 4,
                        new Fix("Bind both families", FixSafety.Safe, new[] { new TextEdit(s, 4, "DUAL") }), Confidence.High, "'ZERO'"));
                    break;
                case "UNSAFE":
                    result.Findings.Add(context.CreateFinding(document, Language, RuleCatalog.V6008, s, 6,
                        new Fix("Check the family", FixSafety.Unsafe, new[] { new TextEdit(s, 6, "CHECKED") }), Confidence.High, "'UNSAFE'"));
                    break;
                case "LINES":
                    result.Findings.Add(context.CreateFinding(document, Language, RuleCatalog.V6005, s, 5,
                        new Fix("Split in two lines", FixSafety.Safe, new[] { new TextEdit(s, 5, "L1\nL2") }), Confidence.High, "'LINES'"));
                    break;
                case "OVERLAP":
                    result.Findings.Add(context.CreateFinding(document, Language, RuleCatalog.V6001, s, 7,
                        new Fix("Whole word", FixSafety.Safe, new[] { new TextEdit(s, 7, "A") }), Confidence.High, "'OVERLAP'"));
                    result.Findings.Add(context.CreateFinding(document, Language, RuleCatalog.V6002, s + 4, 3,
                        new Fix("Tail", FixSafety.Safe, new[] { new TextEdit(s + 4, 3, "B") }), Confidence.High, "'LAP'"));
                    break;
                case "MAYBE":
                    result.Findings.Add(context.CreateFinding(document, Language, RuleCatalog.V6003, s, 5, null, Confidence.Low, "'MAYBE'"));
                    break;
                case "CRASH":
                    throw new InvalidOperationException("fake front end crashed");
                case "BROKEN":
                    result.ParseErrors.Add(new ParseError(document.Path, document.GetLineColumn(s).Line, "unexpected BROKEN"));
                    break;
            }
        }
        return result;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

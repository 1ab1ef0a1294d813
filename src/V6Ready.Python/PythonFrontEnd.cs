using V6Ready.Core;
using V6Ready.Python.Analysis;
using V6Ready.Python.Syntax;

[assembly: V6Ready.Core.FrontEnd(typeof(V6Ready.Python.PythonFrontEnd))]

namespace V6Ready.Python;

/// <summary>
/// The Python front end: <c>.py</c>, <c>.pyi</c>, <c>.pyw</c> files and extension-less scripts with a python shebang,
/// parsed by the project's own parser (<see cref="Parser"/>), checked by <see cref="PyRules"/> against the runtime
/// model rows of <c>rules/models/python.json</c>.
/// </summary>
public sealed class PythonFrontEnd : ILanguageFrontEnd
{
    public const string Language = "python";

    /// <summary>Files larger than this are not parsed (reported as a parse error).</summary>
    public const int MaxFileLength = 8 * 1024 * 1024;

    public string Name => Language;

    public string? Detect(string relativePath, string? head)
    {
        var name = Path.GetFileName(relativePath);
        if (name.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pyw", StringComparison.OrdinalIgnoreCase)) return Language;
        if (head is not null && !name.Contains('.') && IsPythonShebang(head)) return Language;
        return null;
    }

    public bool NeedsContent(string relativePath) => !Path.GetFileName(relativePath).Contains('.');

    /// <summary><c>#!/usr/bin/env python3</c>, <c>#!/usr/bin/python</c>, <c>#!/usr/bin/env -S python3 -u</c>.</summary>
    public static bool IsPythonShebang(string head)
    {
        if (!head.StartsWith("#!", StringComparison.Ordinal)) return false;
        var nl = head.IndexOf('\n');
        var line = nl < 0 ? head : head[..nl];
        foreach (var word in line[2..].Split(new[] { ' ', '\t', '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.Trim();
            if (w == "python" || (w.StartsWith("python", StringComparison.Ordinal) && w[6..].All(c => char.IsAsciiDigit(c) || c == '.'))) return true;
        }
        return false;
    }

    public FileResult Analyze(SourceDocument document, AnalysisContext context) =>
        GuardedAnalysis.Run(document, Language, "Python", MaxFileLength, result => AnalyzeCore(document, context, result));

    private static void AnalyzeCore(SourceDocument document, AnalysisContext context, FileResult result)
    {
        var module = Parser.Parse(document.Text, context.CancellationToken);
        foreach (var c in module.Comments) GuardedAnalysis.AddComment(result, document, c.Pos, c.End);
        GuardedAnalysis.AddSyntaxErrors(result, document, module.Errors, e => e.Pos, e => e.Message);
        var model = new FileModel(module, document.Path)
        {
            CrossFile = context.Index is { } index && Path.IsPathRooted(document.FullPath) ? new PyModuleScope(index, document.FullPath) : null,
        };
        foreach (var f in new PyRules(model).Run(context.CancellationToken))
            result.Findings.Add(context.CreateFinding(document, Language, f.Rule, f.Start, f.Length, f.Fix, f.Confidence, f.Subject));
    }
}

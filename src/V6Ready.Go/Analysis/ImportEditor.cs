using System.Text;
using V6Ready.Core;
using V6Ready.Go.Syntax;

namespace V6Ready.Go.Analysis;

/// <summary>Minimal, gofmt-style edits to a file's imports: add paths to the first import group (sorted), turn a single import into a group, remove unused specs.</summary>
public static class ImportEditor
{
    // The import declarations of a parsed file, found once per file (a file with many fixes asks for them per fix).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GoFile, List<GenDecl>> ImportDecls = new();

    public static List<TextEdit> Edits(GoFile file, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove)
    {
        var src = file.Source;
        var edits = new List<TextEdit>();
        var existing = new HashSet<string>(file.Imports.Select(i => i.Path), StringComparer.Ordinal);
        var toAdd = add.Where(p => !existing.Contains(p)).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        var toRemove = remove.Where(existing.Contains).ToHashSet(StringComparer.Ordinal);
        var importDecls = ImportDecls.GetValue(file, f => f.Decls.OfType<GenDecl>().Where(d => d.Tok == TokenKind.Import).ToList());
        var grouped = importDecls.FirstOrDefault(d => d.LParen >= 0);
        var converted = (GenDecl?)null;

        if (toAdd.Count > 0)
        {
            if (grouped is not null)
            {
                var specs = grouped.Specs.OfType<ImportSpec>().ToList();
                // the first group: specs up to the first blank line
                var group = new List<ImportSpec>();
                foreach (var s in specs)
                {
                    if (group.Count > 0 && HasBlankLineBetween(src, group[^1].End, s.Pos)) break;
                    group.Add(s);
                }
                var indent = group.Count > 0 ? LineIndent(src, group[0].Pos) : "\t";
                foreach (var path in toAdd)
                {
                    var before = group.FirstOrDefault(s => string.CompareOrdinal(s.Path, path) > 0 && !toRemove.Contains(s.Path));
                    var text = indent + Quote(path) + "\n";
                    int at;
                    if (before is not null) at = LineStart(src, before.Pos);
                    else if (group.Count > 0) at = NextLineStart(src, group[^1].End);
                    else at = NextLineStart(src, grouped.LParen);
                    edits.Add(new TextEdit(at, 0, text));
                }
            }
            else if (importDecls.Count > 0)
            {
                converted = importDecls[0];
                var spec = (ImportSpec)converted.Specs[0];
                var lines = new List<(string Path, string Text)>();
                if (!toRemove.Contains(spec.Path)) lines.Add((spec.Path, src.Substring(spec.Pos, spec.End - spec.Pos)));
                lines.AddRange(toAdd.Select(p => (p, Quote(p))));
                lines.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
                string text;
                if (lines.Count == 1) text = "import " + lines[0].Text;
                else
                {
                    var sb = new StringBuilder("import (\n");
                    foreach (var l in lines) sb.Append('\t').Append(l.Text).Append('\n');
                    sb.Append(')');
                    text = sb.ToString();
                }
                edits.Add(new TextEdit(converted.Pos, converted.End - converted.Pos, text));
            }
            else
            {
                var at = file.PackageName?.End ?? 0;
                var text = toAdd.Count == 1
                    ? "\n\nimport " + Quote(toAdd[0])
                    : "\n\nimport (\n" + string.Concat(toAdd.Select(p => "\t" + Quote(p) + "\n")) + ")";
                edits.Add(new TextEdit(at, 0, text));
            }
        }

        foreach (var decl in importDecls)
        {
            if (decl == converted) continue;
            foreach (var spec in decl.Specs.OfType<ImportSpec>())
            {
                if (!toRemove.Contains(spec.Path)) continue;
                var removeDecl = decl.Specs.Count == 1 && (decl.LParen < 0 || decl != grouped || toAdd.Count == 0);
                var node = removeDecl ? (Node)decl : spec;
                var start = LineStart(src, node.Pos);
                var end = NextLineStart(src, node.End);
                if (src.Substring(start, node.Pos - start).Trim().Length != 0 || src.Substring(node.End, Math.Max(0, end - node.End)).Trim().Length != 0)
                {
                    start = node.Pos;
                    end = node.End;
                }
                else if (removeDecl && decl.Specs.Count == 1 && toAdd.Count == 0 && end < src.Length && (src[end] == '\n' || src[end] == '\r'))
                {
                    // drop the blank line that followed a removed import declaration
                    end = NextLineStart(src, end);
                }
                edits.Add(new TextEdit(start, end - start, ""));
            }
        }
        return Merge(edits);
    }

    /// <summary>Merges an insertion and a deletion that start at the same offset (so edits never touch).</summary>
    private static List<TextEdit> Merge(List<TextEdit> edits)
    {
        // a stable order: insertions at one offset (several imports added after the same line) keep their sorted order
        var ordered = edits.Select((e, i) => (Edit: e, Index: i)).OrderBy(x => x.Edit.Start).ThenBy(x => x.Edit.Length).ThenBy(x => x.Index).Select(x => x.Edit);
        var result = new List<TextEdit>();
        foreach (var e in ordered)
        {
            if (result.Count > 0)
            {
                var last = result[^1];
                if (last.End >= e.Start)
                {
                    // touching or overlapping: combine into one replacement
                    var start = last.Start;
                    var end = Math.Max(last.End, e.End);
                    result[^1] = new TextEdit(start, end - start, last.NewText + e.NewText);
                    continue;
                }
            }
            result.Add(e);
        }
        return result;
    }

    public static string Quote(string path) => "\"" + path + "\"";

    private static bool HasBlankLineBetween(string src, int from, int to)
    {
        var newlines = 0;
        for (var i = from; i < to && i < src.Length; i++)
        {
            if (src[i] == '\n')
            {
                newlines++;
                if (newlines >= 2) return true;
            }
            else if (!char.IsWhiteSpace(src[i]))
            {
                newlines = 0; // a comment line between specs does not make a blank line
                if (src[i] == '/')
                {
                    var nl = src.IndexOf('\n', i);
                    if (nl < 0 || nl >= to) return false;
                    i = nl - 1;
                }
            }
        }
        return false;
    }

    public static int LineStart(string src, int pos)
    {
        var i = Math.Min(pos, src.Length);
        while (i > 0 && src[i - 1] != '\n') i--;
        return i;
    }

    public static int NextLineStart(string src, int pos)
    {
        var nl = src.IndexOf('\n', Math.Min(pos, src.Length));
        return nl < 0 ? src.Length : nl + 1;
    }

    private static string LineIndent(string src, int pos)
    {
        var start = LineStart(src, pos);
        var i = start;
        while (i < src.Length && (src[i] == ' ' || src[i] == '\t')) i++;
        return src.Substring(start, i - start);
    }

    /// <summary>Applies non-overlapping edits to a text.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var sb = new StringBuilder(text);
        foreach (var e in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.Length))
            sb.Remove(e.Start, e.Length).Insert(e.Start, e.NewText);
        return sb.ToString();
    }
}

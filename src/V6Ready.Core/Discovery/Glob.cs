using System.Text;
using System.Text.RegularExpressions;

namespace V6Ready.Core.Discovery;

/// <summary>
/// Glob patterns over '/'-separated relative paths, in two dialects: gitignore (used for .gitignore and --exclude)
/// and editorconfig section names (which add <c>{a,b}</c> and <c>{1..3}</c>).
/// </summary>
public static class Glob
{
    // The translated globs use only what a finite automaton can run (classes, '.*', alternation, anchors), so they are
    // matched by .NET's non-backtracking engine: time linear in the path, whatever the pattern ("*a*a*a*…b" cost
    // ~250 ms per path with backtracking). A pattern longer than this is ignored (with a warning by the caller).
    public const int MaxPatternLength = 4096;
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>Translates a gitignore-style body (no '!' and no trailing '/') into an anchored regex.</summary>
    public static Regex GitIgnoreRegex(string body, bool anchored)
    {
        var sb = new StringBuilder("^");
        if (!anchored) sb.Append("(?:.*/)?");
        Translate(body, sb, braces: false);
        sb.Append('$');
        return new Regex(sb.ToString(), Options);
    }

    /// <summary>Translates an editorconfig section glob. Without '/', it matches the file name at any depth.</summary>
    public static Regex EditorConfigRegex(string section)
    {
        var glob = section;
        var anchored = glob.Contains('/');
        if (glob.StartsWith('/')) glob = glob.Substring(1);
        var sb = new StringBuilder("^");
        if (!anchored) sb.Append("(?:.*/)?");
        Translate(glob, sb, braces: true);
        sb.Append('$');
        return new Regex(sb.ToString(), Options);
    }

    public static bool SafeIsMatch(Regex regex, string input) => regex.IsMatch(input);

    private static void Translate(string glob, StringBuilder sb, bool braces)
    {
        var braceDepth = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    if (i + 1 < glob.Length && glob[i + 1] == '*')
                    {
                        var atStart = i == 0 || glob[i - 1] == '/';
                        var j = i + 2;
                        if (atStart && j < glob.Length && glob[j] == '/')
                        {
                            // "**/" : zero or more directories
                            sb.Append("(?:.*/)?");
                            i = j;
                        }
                        else
                        {
                            sb.Append(".*");
                            i = j - 1;
                        }
                    }
                    else sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                {
                    var close = glob.IndexOf(']', i + 2 <= glob.Length ? i + 2 : i + 1);
                    if (close < 0) { sb.Append(@"\["); break; }
                    var inner = glob.Substring(i + 1, close - i - 1);
                    var negate = inner.StartsWith('!') || inner.StartsWith('^');
                    if (negate) inner = inner.Substring(1);
                    sb.Append('[');
                    if (negate) sb.Append('^');
                    foreach (var ch in inner)
                    {
                        if (ch == '\\' || ch == '[' || ch == ']' || ch == '^') sb.Append('\\');
                        sb.Append(ch);
                    }
                    sb.Append(']');
                    i = close;
                    break;
                }
                case '\\':
                    if (i + 1 < glob.Length) { sb.Append(Regex.Escape(glob[i + 1].ToString())); i++; }
                    else sb.Append(@"\\");
                    break;
                case '{' when braces:
                {
                    var close = FindClosingBrace(glob, i);
                    if (close < 0) { sb.Append(@"\{"); break; }
                    var inner = glob.Substring(i + 1, close - i - 1);
                    var range = Regex.Match(inner, @"^(-?\d+)\.\.(-?\d+)$");
                    if (range.Success)
                    {
                        var a = long.Parse(range.Groups[1].Value);
                        var b = long.Parse(range.Groups[2].Value);
                        if (a > b) (a, b) = (b, a);
                        if (b - a <= 256)
                        {
                            sb.Append("(?:");
                            for (var n = a; n <= b; n++) { if (n != a) sb.Append('|'); sb.Append(n); }
                            sb.Append(')');
                        }
                        else sb.Append(@"-?\d+");
                        i = close;
                        break;
                    }
                    if (!inner.Contains(','))
                    {
                        sb.Append(@"\{");
                        break;
                    }
                    braceDepth++;
                    sb.Append("(?:");
                    break;
                }
                case ',' when braces && braceDepth > 0:
                    sb.Append('|');
                    break;
                case '}' when braces && braceDepth > 0:
                    braceDepth--;
                    sb.Append(')');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        while (braceDepth-- > 0) sb.Append(')');
    }

    private static int FindClosingBrace(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '\\') { i++; continue; }
            if (s[i] == '{') depth++;
            else if (s[i] == '}' && --depth == 0) return i;
        }
        return -1;
    }
}

/// <summary>
/// One line of a .gitignore (or an --exclude glob): negation, anchoring, dir-only, '**'. The common shapes — a plain
/// name (<c>build</c>), a suffix (<c>*.log</c>), a prefix (<c>npm-debug*</c>), a plain anchored path
/// (<c>/out/tmp</c>) — are matched with string comparisons; patterns whose only wildcards are <c>*</c> and <c>?</c>
/// (<c>.skaffold-*.yaml</c>, <c>/.terraform/*</c>) segment by segment with a small wildcard matcher (building a
/// non-backtracking regex costs more than a short scan matches); other patterns become a regex.
/// (Every file of a scan is tested against every pattern that applies, so this is on the scan's critical path.)
/// </summary>
public sealed class IgnorePattern
{
    private enum Shape { Regex, Name, Suffix, Prefix, Path, Wildcard, AnchoredWildcard }

    private readonly Shape _shape;
    private readonly string _text;
    private readonly Regex? _regex;

    private IgnorePattern(string body, bool anchored, bool negate, bool dirOnly, string source)
    {
        Negate = negate;
        DirectoryOnly = dirOnly;
        Source = source;
        (_shape, _text) = Classify(body, anchored);
        if (_shape == Shape.Regex) _regex = Glob.GitIgnoreRegex(body, anchored); // throws ArgumentException on a bad class
    }

    public bool Negate { get; }
    public bool DirectoryOnly { get; }
    public string Source { get; }

    /// <summary>The exact last path component this pattern needs (a plain name), else null.</summary>
    internal string? ExactName => _shape == Shape.Name ? _text : null;

    /// <summary>The extension (".log") the last component must end with when the pattern is just <c>*.ext</c>, else null.</summary>
    internal string? ExactExtension => _shape == Shape.Suffix && _text.Length > 1 && _text.LastIndexOf('.') == 0 ? _text : null;

    private static bool IsPlain(string s, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = s[i];
            if (c is '*' or '?' or '[' or '\\' or '/') return false;
        }
        return true;
    }

    private static (Shape, string) Classify(string body, bool anchored)
    {
        if (!anchored)
        {
            if (IsPlain(body, 0, body.Length)) return (Shape.Name, body);
            if (body.Length > 1 && body[0] == '*' && IsPlain(body, 1, body.Length)) return (Shape.Suffix, body.Substring(1));
            if (body.Length > 1 && body[^1] == '*' && IsPlain(body, 0, body.Length - 1)) return (Shape.Prefix, body.Substring(0, body.Length - 1));
            return IsWildcard(body) ? (Shape.Wildcard, body) : (Shape.Regex, body);
        }
        if (body.Contains("//", StringComparison.Ordinal)) return (Shape.Regex, body);
        foreach (var c in body)
            if (c is '*' or '?' or '[' or '\\') return IsWildcard(body) ? (Shape.AnchoredWildcard, body) : (Shape.Regex, body);
        return (Shape.Path, body);
    }

    /// <summary>Only '*' (never "**") and '?' as wildcards, no class, no escape, no empty segment.</summary>
    private static bool IsWildcard(string body) =>
        !body.Contains("**", StringComparison.Ordinal) && !body.Contains("//", StringComparison.Ordinal) &&
        body.IndexOfAny(new[] { '[', '\\' }) < 0 && !body.StartsWith('/') && !body.EndsWith('/');

    /// <summary>
    /// A wildcard pattern against a path: the same number of '/'-separated segments, each matched by
    /// <see cref="SegmentMatches"/> (neither '*' nor '?' crosses a '/'). An unanchored pattern (no '/') matches the last segment.
    /// </summary>
    private static bool WildcardMatches(string pattern, string path, bool anchored)
    {
        if (!anchored)
            return SegmentMatches(pattern.AsSpan(), path.AsSpan(path.LastIndexOf('/') + 1));
        var p = pattern.AsSpan();
        var s = path.AsSpan();
        while (true)
        {
            var ps = p.IndexOf('/');
            var ss = s.IndexOf('/');
            if ((ps < 0) != (ss < 0)) return false;
            if (ps < 0) return SegmentMatches(p, s);
            if (!SegmentMatches(p[..ps], s[..ss])) return false;
            p = p[(ps + 1)..];
            s = s[(ss + 1)..];
        }
    }

    /// <summary>'*' (any run) and '?' (one character) in one segment: greedy, going back only to the last '*' (time at
    /// most the product of the lengths, whatever the pattern).</summary>
    internal static bool SegmentMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    /// <summary>Parses one .gitignore line; null for blanks and comments.</summary>
    public static IgnorePattern? Parse(string line)
    {
        var source = line;
        // Trailing spaces are ignored unless escaped with a backslash.
        var end = line.Length;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
        {
            if (end >= 2 && line[end - 2] == '\\') break;
            end--;
        }
        line = line.Substring(0, end);
        if (line.Length == 0 || line.StartsWith('#') || line.Length > Glob.MaxPatternLength) return null;
        var negate = false;
        if (line.StartsWith('!')) { negate = true; line = line.Substring(1); }
        else if (line.StartsWith(@"\!", StringComparison.Ordinal) || line.StartsWith(@"\#", StringComparison.Ordinal)) line = line.Substring(1);
        var dirOnly = false;
        if (line.EndsWith('/') && !line.EndsWith(@"\/", StringComparison.Ordinal)) { dirOnly = true; line = line.TrimEnd('/'); }
        if (line.Length == 0) return null;
        var anchored = line.Contains('/');
        if (line.StartsWith('/')) line = line.Substring(1);
        try
        {
            return new IgnorePattern(line, anchored, negate, dirOnly, source);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null; // e.g. a reversed range "[z-a]": git ignores such a line too
        }
    }

    /// <summary>Whether the pattern matches <paramref name="relativePath"/> (relative to the pattern's base folder).</summary>
    public bool IsMatch(string relativePath, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory) return false;
        switch (_shape)
        {
            case Shape.Path:
                return string.Equals(relativePath, _text, StringComparison.Ordinal);
            case Shape.Name:
            case Shape.Suffix:
            case Shape.Prefix:
            {
                var slash = relativePath.LastIndexOf('/');
                var name = relativePath.AsSpan(slash + 1);
                return _shape switch
                {
                    Shape.Name => name.SequenceEqual(_text),
                    Shape.Suffix => name.EndsWith(_text, StringComparison.Ordinal),
                    _ => name.StartsWith(_text, StringComparison.Ordinal),
                };
            }
            case Shape.Wildcard or Shape.AnchoredWildcard:
                return WildcardMatches(_text, relativePath, _shape == Shape.AnchoredWildcard);
            default:
                return Glob.SafeIsMatch(_regex!, relativePath);
        }
    }
}

/// <summary>The patterns of one .gitignore file, relative to its folder.</summary>
public sealed class IgnoreFile
{
    /// <param name="baseRelative">The file's folder relative to the scan root ("" for the root).</param>
    /// <param name="lines">The file's lines.</param>
    /// <param name="ancestorPrefix">For a .gitignore above the scan root: the path from its folder down to the root.</param>
    public IgnoreFile(string baseRelative, IEnumerable<string> lines, string? ancestorPrefix = null)
    {
        AncestorPrefix = ancestorPrefix?.Trim('/');
        BaseRelative = baseRelative.Trim('/');
        var patterns = new List<IgnorePattern>();
        foreach (var l in lines)
        {
            var p = IgnorePattern.Parse(l);
            if (p is not null) patterns.Add(p);
        }
        Patterns = patterns;
        _basePrefix = BaseRelative + "/";
        for (var i = 0; i < patterns.Count; i++)
        {
            var p = patterns[i];
            if (p.ExactName is { } name) Add(_byName, name, i);
            else if (p.ExactExtension is { } ext) Add(_byExtension, ext, i);
            else _others.Add(i);
        }

        static void Add(Dictionary<string, List<int>> d, string key, int i)
        {
            if (!d.TryGetValue(key, out var list)) d[key] = list = new List<int>();
            list.Add(i);
        }
    }

    /// <summary>The folder of the file, relative to the scan root ("" for the root).</summary>
    public string BaseRelative { get; }

    public IReadOnlyList<IgnorePattern> Patterns { get; }

    public string? AncestorPrefix { get; }

    // Plain-name and "*.ext" patterns by name and extension; the rest are tried in turn (indices into Patterns).
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byExtension = new(StringComparer.Ordinal);
    private readonly List<int> _others = new();
    private readonly string _basePrefix;

    /// <summary>null when no pattern matches; true when the last match ignores, false when it re-includes ('!').</summary>
    public bool? Match(string rootRelativePath, bool isDirectory)
    {
        string rel;
        if (AncestorPrefix is not null) rel = AncestorPrefix.Length == 0 ? rootRelativePath : AncestorPrefix + "/" + rootRelativePath;
        else if (BaseRelative.Length == 0) rel = rootRelativePath;
        else if (rootRelativePath.StartsWith(_basePrefix, StringComparison.Ordinal)) rel = rootRelativePath.Substring(_basePrefix.Length);
        else return null;

        // The last matching pattern decides.
        var last = -1;
        var name = rel.Substring(rel.LastIndexOf('/') + 1);
        if (_byName.TryGetValue(name, out var named)) last = LastMatch(named, rel, isDirectory, last);
        var dot = name.LastIndexOf('.');
        if (dot >= 0 && _byExtension.Count > 0 && _byExtension.TryGetValue(name.Substring(dot), out var byExt)) last = LastMatch(byExt, rel, isDirectory, last);
        last = LastMatch(_others, rel, isDirectory, last);
        return last < 0 ? null : !Patterns[last].Negate;
    }

    private int LastMatch(List<int> candidates, string rel, bool isDirectory, int last)
    {
        for (var k = candidates.Count - 1; k >= 0 && candidates[k] > last; k--)
            if (Patterns[candidates[k]].IsMatch(rel, isDirectory)) return candidates[k];
        return last;
    }
}

/// <summary>The stack of .gitignore files that apply in a folder: deeper files take precedence.</summary>
public sealed class IgnoreStack
{
    private readonly IReadOnlyList<IgnoreFile> _files;

    public IgnoreStack(IReadOnlyList<IgnoreFile> files) => _files = files;

    public static IgnoreStack Empty { get; } = new(Array.Empty<IgnoreFile>());

    public IgnoreStack Push(IgnoreFile file)
    {
        var list = new List<IgnoreFile>(_files) { file };
        return new IgnoreStack(list);
    }

    public bool IsIgnored(string rootRelativePath, bool isDirectory)
    {
        for (var i = _files.Count - 1; i >= 0; i--)
        {
            var m = _files[i].Match(rootRelativePath, isDirectory);
            if (m.HasValue) return m.Value;
        }
        return false;
    }
}

using System.Text;
using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>An nginx directive: name, arguments (with offsets) and an optional block.</summary>
public sealed class NginxDirective
{
    public required string Name { get; init; }
    public int Start { get; init; }
    /// <summary>Offset just after the terminating ';' or the block's '}'.</summary>
    public int End { get; set; }
    public List<(string Value, int Start, int End)> Args { get; } = new();
    public List<NginxDirective>? Block { get; set; }
}

/// <summary>A tokenizer and parser for nginx configuration (no recursion; nesting is bounded).</summary>
public static class NginxParser
{
    public const int MaxDepth = 100;

    public static (List<NginxDirective> Root, List<Comment> Comments, List<(int Line, string Message)> Errors) Parse(SourceDocument doc)
    {
        var text = doc.Text;
        var comments = new List<Comment>();
        var errors = new List<(int, string)>();
        var root = new List<NginxDirective>();
        var stack = new Stack<(List<NginxDirective> List, NginxDirective? Owner)>();
        var current = root;
        NginxDirective? pending = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#')
            {
                var end = i;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
                var (line, col) = doc.GetLineColumn(i);
                comments.Add(new Comment(line, col, line, text.Substring(i, end - i)));
                i = end;
                continue;
            }
            if (c == ';')
            {
                if (pending is not null) { pending.End = i + 1; pending = null; }
                i++;
                continue;
            }
            if (c == '{')
            {
                if (pending is null)
                {
                    errors.Add((doc.GetLineColumn(i).Line, "nginx: '{' without a directive"));
                    pending = new NginxDirective { Name = "", Start = i };
                    current.Add(pending);
                }
                if (stack.Count >= MaxDepth)
                {
                    errors.Add((doc.GetLineColumn(i).Line, $"nginx: blocks nested deeper than {MaxDepth} levels; the rest was not analyzed"));
                    return (root, comments, errors);
                }
                pending.Block = new List<NginxDirective>();
                stack.Push((current, pending));
                current = pending.Block;
                pending = null;
                i++;
                continue;
            }
            if (c == '}')
            {
                if (pending is not null)
                {
                    errors.Add((doc.GetLineColumn(pending.Start).Line, $"nginx: directive '{pending.Name}' is not terminated by ';'"));
                    pending = null;
                }
                if (stack.Count == 0) errors.Add((doc.GetLineColumn(i).Line, "nginx: unexpected '}'"));
                else
                {
                    var (list, owner) = stack.Pop();
                    if (owner is not null) owner.End = i + 1;
                    current = list;
                }
                i++;
                continue;
            }
            // A word: quoted or bare (${var} keeps its braces).
            var start = i;
            var sb = new StringBuilder();
            if (c is '"' or '\'')
            {
                var q = c;
                i++;
                while (i < text.Length && text[i] != q)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) { sb.Append(text[i + 1]); i += 2; continue; }
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) errors.Add((doc.GetLineColumn(start).Line, "nginx: unterminated string"));
                i = Math.Min(text.Length, i + 1);
            }
            else
            {
                while (i < text.Length)
                {
                    var ch = text[i];
                    if (char.IsWhiteSpace(ch) || ch is ';' or '{' or '}' ) break;
                    if (ch == '$' && i + 1 < text.Length && text[i + 1] == '{')
                    {
                        var close = text.IndexOf('}', i);
                        if (close < 0) close = text.Length - 1;
                        sb.Append(text, i, close - i + 1);
                        i = close + 1;
                        continue;
                    }
                    if (ch == '\\' && i + 1 < text.Length) { sb.Append(text[i + 1]); i += 2; continue; }
                    sb.Append(ch);
                    i++;
                }
            }
            if (pending is null)
            {
                pending = new NginxDirective { Name = sb.ToString(), Start = start, End = i };
                current.Add(pending);
            }
            else
            {
                pending.Args.Add((sb.ToString(), start, i));
                pending.End = i;
            }
        }
        if (pending is not null) errors.Add((doc.GetLineColumn(pending.Start).Line, $"nginx: directive '{pending.Name}' is not terminated by ';'"));
        if (stack.Count > 0) errors.Add((doc.LineCount, "nginx: unexpected end of file (missing '}')"));
        return (root, comments, errors);
    }
}

/// <summary>V6201: a server's IPv4 listen without the IPv6 counterpart.</summary>
public static class NginxRules
{
    public static void Analyze(Ctx ctx, List<NginxDirective> root)
    {
        var stack = new Stack<List<NginxDirective>>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            foreach (var d in stack.Pop())
            {
                if (d.Block is null) continue;
                if (d.Name == "server") AnalyzeServer(ctx, d.Block);
                stack.Push(d.Block);
            }
        }
    }

    private sealed record Listen(NginxDirective Directive, string Host, string Port, bool IsV6, bool V6OnlyOff);

    private static void AnalyzeServer(Ctx ctx, List<NginxDirective> server)
    {
        var listens = new List<Listen>();
        var hasInclude = false;
        foreach (var d in server)
        {
            if (d.Name == "include") hasInclude = true;
            if (d.Name != "listen" || d.Args.Count == 0) continue;
            var addr = d.Args[0].Value;
            if (addr.StartsWith("unix:", StringComparison.Ordinal) || addr.Contains('$')) continue;
            string host, port;
            var isV6 = false;
            if (addr.StartsWith('['))
            {
                var close = addr.IndexOf(']');
                if (close < 0) continue;
                host = addr[1..close];
                port = close + 2 < addr.Length && addr[close + 1] == ':' ? addr[(close + 2)..] : "80";
                isV6 = true;
            }
            else if (addr.All(char.IsDigit))
            {
                host = "*";
                port = addr;
            }
            else
            {
                var colon = addr.LastIndexOf(':');
                host = colon >= 0 ? addr[..colon] : addr;
                port = colon >= 0 ? addr[(colon + 1)..] : "80";
            }
            var off = d.Args.Skip(1).Any(a => a.Value == "ipv6only=off");
            listens.Add(new Listen(d, host, port, isV6, off));
        }
        foreach (var l in listens)
        {
            if (l.IsV6) continue;
            if (!(l.Host is "*" or "0.0.0.0" || Net.IsIPv4(l.Host))) continue; // host names: unknown
            var covered = listens.Any(o => o.IsV6 && o.Port == l.Port && (o.V6OnlyOff || o.Host == "::" || !IsWildcard(l.Host)));
            if (covered || hasInclude) continue;
            Fix? fix = null;
            var v6Host = IsWildcard(l.Host) ? "::" : Net.IsLoopbackV4(l.Host) ? "::1" : null;
            if (v6Host is not null && ctx.OnlyWhitespaceBefore(l.Directive.Start) && l.Directive.End > l.Directive.Start && ctx.Text[l.Directive.End - 1] == ';')
            {
                var lineStart = ctx.LineStartOf(l.Directive.Start);
                var indent = ctx.Text.Substring(lineStart, l.Directive.Start - lineStart);
                var rest = string.Concat(l.Directive.Args.Skip(1).Select(a => " " + ctx.Text.Substring(a.Start, a.End - a.Start)));
                var newLine = $"listen [{v6Host}]:{l.Port}{rest};";
                // After a trailing comment of the same line, so the comment stays on the line it belongs to.
                var lineEnd = ctx.LineEndOf(l.Directive.End);
                var after = ctx.Text.Substring(l.Directive.End, lineEnd - l.Directive.End).Trim();
                var at = after.Length == 0 || after.StartsWith('#') ? lineEnd : l.Directive.End;
                fix = new Fix($"Add '{newLine}'", FixSafety.Safe, new[] { new TextEdit(at, 0, ctx.NewLine + indent + newLine) });
            }
            var shown = ctx.Text.Substring(l.Directive.Start, Math.Max(0, (l.Directive.End > 0 ? l.Directive.End : l.Directive.Start) - l.Directive.Start)).TrimEnd(';').Trim();
            // A loopback listener only breaks for a local client that dials 'localhost' and gets ::1 first; a pod keeps 127.0.0.1
            // on lo even in an IPv6-only cluster, so this is less sure than a wildcard that outside clients reach.
            var loopback = Net.IsLoopbackV4(l.Host);
            ctx.Report(RuleCatalog.V6201, l.Directive.Start, Math.Max(0, l.Directive.End - l.Directive.Start), fix,
                       loopback ? Confidence.Low : Confidence.High, $"'{shown}'", l.Port, loopback ? "::1" : "::");
        }
    }

    private static bool IsWildcard(string host) => host is "*" or "0.0.0.0";
}

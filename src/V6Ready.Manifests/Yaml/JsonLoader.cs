using System.Globalization;
using System.Text;
using V6Ready.Core;

namespace V6Ready.Manifests.Yaml;

/// <summary>A small JSON parser producing <see cref="YNode"/>s with exact char offsets. Recursion is bounded by <see cref="YamlLoader.MaxDepth"/>.</summary>
public static class JsonLoader
{
    public static LoadResult Load(string text) => Load(text, jsonc: false);

    /// <summary>
    /// With <paramref name="jsonc"/>, reads JSON as ASP.NET Core's JSON configuration provider does (System.Text.Json
    /// with comments skipped and trailing commas allowed): <c>//</c> and <c>/* */</c> comments (returned in
    /// <paramref name="comments"/> so that <c>v6ready-ignore</c> and markers work) and a comma before <c>}</c> or <c>]</c>.
    /// </summary>
    public static LoadResult Load(string text, bool jsonc, List<Comment>? comments = null)
    {
        var result = new LoadResult();
        var p = new P(text) { Jsonc = jsonc, Comments = comments };
        try
        {
            p.Ws();
            var root = p.Value(0);
            p.Ws();
            if (p.Pos < text.Length) throw p.Error("unexpected text after the JSON value");
            result.Documents.Add(new YDocument(root, 0, text.Length));
        }
        catch (JsonSyntax ex)
        {
            result.Errors.Add((ex.Line, ex.Message));
        }
        return result;
    }

    private sealed class JsonSyntax : Exception
    {
        public JsonSyntax(int line, string message) : base(message) { Line = line; }
        public int Line { get; }
    }

    private sealed class P
    {
        private readonly string _t;
        public int Pos;
        private int _nodes;
        public P(string t) { _t = t; }
        public bool Jsonc;
        public List<Comment>? Comments;

        public JsonSyntax Error(string message)
        {
            var line = 1;
            for (var i = 0; i < Math.Min(Pos, _t.Length); i++) if (_t[i] == '\n') line++;
            return new JsonSyntax(line, "JSON: " + message);
        }

        public void Ws()
        {
            while (Pos < _t.Length)
            {
                var c = _t[Pos];
                if (c is ' ' or '\t' or '\r' or '\n') { Pos++; continue; }
                if (!Jsonc || c != '/' || Pos + 1 >= _t.Length || _t[Pos + 1] is not ('/' or '*')) return;
                var start = Pos;
                int end;
                if (_t[Pos + 1] == '/')
                {
                    end = Pos + 2;
                    while (end < _t.Length && _t[end] is not ('\n' or '\r')) end++;
                    Pos = end;
                }
                else
                {
                    var close = _t.IndexOf("*/", Pos + 2, StringComparison.Ordinal);
                    if (close < 0) throw Error("unterminated /* comment");
                    end = close + 2;
                    Pos = end;
                }
                if (Comments is not null)
                {
                    var (line, column) = LineColumn(start);
                    var (endLine, _) = LineColumn(end);
                    Comments.Add(new Comment(line, column, endLine, _t.Substring(start, end - start)));
                }
            }
        }

        // Comments come in text order: lines are counted forward from the previous one (linear in the text).
        private int _lcPos, _lcLine = 1, _lcLineStart;

        private (int Line, int Column) LineColumn(int offset)
        {
            for (; _lcPos < offset && _lcPos < _t.Length; _lcPos++)
            {
                if (_t[_lcPos] == '\n') { _lcLine++; _lcLineStart = _lcPos + 1; }
            }
            return (_lcLine, offset - _lcLineStart + 1);
        }

        public YNode Value(int depth)
        {
            if (depth >= YamlLoader.MaxDepth) throw Error($"nesting deeper than {YamlLoader.MaxDepth} levels");
            if (++_nodes > YamlLoader.MaxNodes) throw Error("too many JSON values");
            if (Pos >= _t.Length) throw Error("unexpected end of input");
            var c = _t[Pos];
            if (c == '{')
            {
                var map = new YMap { Start = Pos, IsFlow = true };
                Pos++;
                Ws();
                if (Pos < _t.Length && _t[Pos] == '}') { Pos++; map.End = Pos; return map; }
                while (true)
                {
                    Ws();
                    if (Jsonc && map.Entries.Count > 0 && Pos < _t.Length && _t[Pos] == '}') { Pos++; map.End = Pos; return map; }
                    if (Pos >= _t.Length || _t[Pos] != '"') throw Error("expected a string key");
                    var key = String();
                    Ws();
                    if (Pos >= _t.Length || _t[Pos] != ':') throw Error("expected ':'");
                    Pos++;
                    Ws();
                    var value = Value(depth + 1);
                    map.Entries.Add(new(key, value));
                    Ws();
                    if (Pos < _t.Length && _t[Pos] == ',') { Pos++; continue; }
                    if (Pos < _t.Length && _t[Pos] == '}') { Pos++; map.End = Pos; return map; }
                    throw Error("expected ',' or '}'");
                }
            }
            if (c == '[')
            {
                var seq = new YSeq { Start = Pos, IsFlow = true };
                Pos++;
                Ws();
                if (Pos < _t.Length && _t[Pos] == ']') { Pos++; seq.End = Pos; return seq; }
                while (true)
                {
                    Ws();
                    if (Jsonc && seq.Items.Count > 0 && Pos < _t.Length && _t[Pos] == ']') { Pos++; seq.End = Pos; return seq; }
                    seq.Items.Add(Value(depth + 1));
                    Ws();
                    if (Pos < _t.Length && _t[Pos] == ',') { Pos++; continue; }
                    if (Pos < _t.Length && _t[Pos] == ']') { Pos++; seq.End = Pos; return seq; }
                    throw Error("expected ',' or ']'");
                }
            }
            if (c == '"') return String();
            var start = Pos;
            while (Pos < _t.Length && (char.IsLetterOrDigit(_t[Pos]) || _t[Pos] is '-' or '+' or '.')) Pos++;
            var word = _t.Substring(start, Pos - start);
            if (word is "true" or "false" or "null" || double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return new YScalar(word, YScalarStyle.Plain) { Start = start, End = Pos };
            Pos = start;
            throw Error("unexpected character '" + (char.IsControl(c) ? "\\u" + ((int)c).ToString("x4") : c.ToString()) + "'");
        }

        private YScalar String()
        {
            var start = Pos;
            Pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (Pos >= _t.Length) throw Error("unterminated string");
                var c = _t[Pos++];
                if (c == '"') break;
                if (c == '\n') throw Error("line break in a string");
                if (c != '\\') { sb.Append(c); continue; }
                if (Pos >= _t.Length) throw Error("unterminated string");
                var e = _t[Pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        if (Pos + 4 > _t.Length || !int.TryParse(_t.AsSpan(Pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            throw Error("bad \\u escape");
                        sb.Append((char)code);
                        Pos += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
            return new YScalar(sb.ToString(), YScalarStyle.DoubleQuoted) { Start = start, End = Pos };
        }
    }
}

using System.Globalization;
using System.Text;

namespace V6Ready.Manifests.Yaml;

/// <summary>A small JSON parser producing <see cref="YNode"/>s with exact char offsets. Recursion is bounded by <see cref="YamlLoader.MaxDepth"/>.</summary>
public static class JsonLoader
{
    public static LoadResult Load(string text)
    {
        var result = new LoadResult();
        var p = new P(text);
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

        public JsonSyntax Error(string message)
        {
            var line = 1;
            for (var i = 0; i < Math.Min(Pos, _t.Length); i++) if (_t[i] == '\n') line++;
            return new JsonSyntax(line, "JSON: " + message);
        }

        public void Ws()
        {
            while (Pos < _t.Length && _t[Pos] is ' ' or '\t' or '\r' or '\n') Pos++;
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

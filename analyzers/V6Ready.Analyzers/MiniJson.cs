using System;
using System.Collections.Generic;
using System.Globalization;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// A small JSON reader for the runtime models embedded in this assembly (which cannot use System.Text.Json): objects
    /// become <c>Dictionary&lt;string, object?&gt;</c>, arrays <c>List&lt;object?&gt;</c>, numbers <c>double</c>. Comments
    /// and trailing commas are accepted; nesting is bounded; malformed input throws <see cref="FormatException"/>.
    /// </summary>
    internal sealed class MiniJson
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _pos;

        private MiniJson(string text) => _text = text;

        public static object? Parse(string text)
        {
            var reader = new MiniJson(text);
            var value = reader.Value(0);
            reader.Skip();
            if (reader._pos < text.Length) throw new FormatException("text after the value at " + reader._pos);
            return value;
        }

        private object? Value(int depth)
        {
            if (depth > MaxDepth) throw new FormatException("nested too deep");
            Skip();
            if (_pos >= _text.Length) throw new FormatException("unexpected end");
            var ch = _text[_pos];
            if (ch == '{')
            {
                _pos++;
                var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (true)
                {
                    Skip();
                    if (Peek() == '}') { _pos++; return obj; }
                    var name = String();
                    Skip();
                    Expect(':');
                    obj[name] = Value(depth + 1);
                    Skip();
                    if (Peek() == ',') { _pos++; continue; }
                    Expect('}');
                    return obj;
                }
            }
            if (ch == '[')
            {
                _pos++;
                var list = new List<object?>();
                while (true)
                {
                    Skip();
                    if (Peek() == ']') { _pos++; return list; }
                    list.Add(Value(depth + 1));
                    Skip();
                    if (Peek() == ',') { _pos++; continue; }
                    Expect(']');
                    return list;
                }
            }
            if (ch == '"') return String();
            var begin = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '-' || _text[_pos] == '+' || _text[_pos] == '.')) _pos++;
            var word = _text.Substring(begin, _pos - begin);
            switch (word)
            {
                case "true": return true;
                case "false": return false;
                case "null": return null;
            }
            if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
            throw new FormatException("bad value at " + begin);
        }

        private string String() => JsonText.ReadString(_text, ref _pos);

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char ch)
        {
            if (Peek() != ch) throw new FormatException("expected '" + ch + "' at " + _pos);
            _pos++;
        }

        private void Skip() => JsonText.SkipTrivia(_text, ref _pos);
    }
}

using System;
using System.Collections.Generic;

namespace V6Ready.Analyzers
{
    /// <summary>A string value found in a JSON document, with its property path and the span of its token.</summary>
    internal readonly struct JsonStringValue
    {
        public JsonStringValue(IReadOnlyList<string> path, string value, int start, int length)
        {
            Path = path;
            Value = value;
            Start = start;
            Length = length;
        }

        public IReadOnlyList<string> Path { get; }
        public string Value { get; }
        public int Start { get; }
        public int Length { get; }
    }

    /// <summary>
    /// A small tolerant JSON reader for configuration files (appsettings.json, launchSettings.json): accepts comments and
    /// trailing commas like ASP.NET Core does, bounds nesting, and on malformed input returns what it read so far.
    /// </summary>
    internal sealed class JsonScanner
    {
        public const int MaxDepth = 64;
        private readonly string _text;
        private readonly List<JsonStringValue> _values = new List<JsonStringValue>();
        private readonly List<string> _path = new List<string>();
        private int _pos;

        private JsonScanner(string text) => _text = text;

        /// <summary>Every string value whose parent chain consists of object properties (array items get the path segment "[]").</summary>
        public static List<JsonStringValue> StringValues(string text)
        {
            var scanner = new JsonScanner(text);
            try
            {
                scanner.SkipTrivia();
                scanner.Value(0);
            }
            catch (FormatException)
            {
                // Malformed: keep the values read before the error.
            }
            return scanner._values;
        }

        private void Value(int depth)
        {
            if (depth > MaxDepth) throw new FormatException("too deep");
            SkipTrivia();
            if (_pos >= _text.Length) throw new FormatException("eof");
            var ch = _text[_pos];
            if (ch == '{')
            {
                _pos++;
                while (true)
                {
                    SkipTrivia();
                    if (Peek() == '}') { _pos++; return; }
                    var name = String(out _, out _);
                    SkipTrivia();
                    Expect(':');
                    _path.Add(name);
                    Value(depth + 1);
                    _path.RemoveAt(_path.Count - 1);
                    SkipTrivia();
                    if (Peek() == ',') { _pos++; continue; }
                    if (Peek() == '}') { _pos++; return; }
                    throw new FormatException("object");
                }
            }
            if (ch == '[')
            {
                _pos++;
                while (true)
                {
                    SkipTrivia();
                    if (Peek() == ']') { _pos++; return; }
                    _path.Add("[]");
                    Value(depth + 1);
                    _path.RemoveAt(_path.Count - 1);
                    SkipTrivia();
                    if (Peek() == ',') { _pos++; continue; }
                    if (Peek() == ']') { _pos++; return; }
                    throw new FormatException("array");
                }
            }
            if (ch == '"')
            {
                var s = String(out var start, out var length);
                _values.Add(new JsonStringValue(_path.ToArray(), s, start, length));
                return;
            }
            // number, true, false, null
            var begin = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '-' || _text[_pos] == '+' || _text[_pos] == '.')) _pos++;
            if (_pos == begin) throw new FormatException("value");
        }

        private string String(out int start, out int length)
        {
            start = _pos;
            var value = JsonText.ReadString(_text, ref _pos);
            length = _pos - start;
            return value;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void Expect(char ch)
        {
            if (Peek() != ch) throw new FormatException("expected " + ch);
            _pos++;
        }

        private void SkipTrivia() => JsonText.SkipTrivia(_text, ref _pos);
    }
}

using System;
using System.Text;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// The JSON tokens both of this assembly's JSON readers share (<see cref="JsonScanner"/> for configuration files,
    /// <see cref="MiniJson"/> for the embedded runtime models): trivia as ASP.NET Core's configuration reader accepts it
    /// (whitespace, BOM, <c>//</c> and <c>/* */</c> comments) and string literals with their escapes.
    /// </summary>
    internal static class JsonText
    {
        /// <summary>Moves <paramref name="pos"/> past whitespace, a BOM and comments.</summary>
        public static void SkipTrivia(string text, ref int pos)
        {
            while (pos < text.Length)
            {
                var ch = text[pos];
                if (char.IsWhiteSpace(ch) || ch == '\uFEFF') { pos++; continue; }
                if (ch == '/' && pos + 1 < text.Length && text[pos + 1] == '/')
                {
                    while (pos < text.Length && text[pos] != '\n') pos++;
                    continue;
                }
                if (ch == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
                {
                    var end = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                    pos = end < 0 ? text.Length : end + 2;
                    continue;
                }
                return;
            }
        }

        /// <summary>Reads the string literal at <paramref name="pos"/> (its opening quote) and moves past its closing quote.</summary>
        /// <exception cref="FormatException">No string there, an unterminated string or a truncated escape.</exception>
        public static string ReadString(string text, ref int pos)
        {
            if (pos >= text.Length || text[pos] != '"') throw new FormatException("expected '\"' at " + pos);
            pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (pos >= text.Length) throw new FormatException("unterminated string");
                var ch = text[pos++];
                if (ch == '"') return sb.ToString();
                if (ch != '\\') { sb.Append(ch); continue; }
                if (pos >= text.Length) throw new FormatException("bad escape");
                var e = text[pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        if (pos + 4 > text.Length) throw new FormatException("bad escape");
                        sb.Append((char)Convert.ToInt32(text.Substring(pos, 4), 16));
                        pos += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace V6Ready.Python.Syntax;

/// <summary>Values of string literals: escape sequences decoded as Python does (raw strings kept as written).</summary>
public static class StrValue
{
    /// <summary>The value of a string expression without f-string parts (adjacent literals concatenated), else null.</summary>
    public static string? Of(StrExpr s)
    {
        if (s.Parts.Count == 1) return s.Parts[0].IsFormatted ? null : Decode(s.Parts[0]);
        var sb = new StringBuilder();
        foreach (var p in s.Parts)
        {
            if (p.IsFormatted) return null;
            sb.Append(Decode(p));
        }
        return sb.ToString();
    }

    /// <summary>The decoded value of one non-formatted literal.</summary>
    public static string Decode(StrPart p) => Decode(SourceOf(p), p.BodyStart, p.BodyEnd, p.IsRaw);

    internal static string SourceOf(Node n)
    {
        var cur = n;
        while (cur.Parent is not null) cur = cur.Parent;
        return cur is PyModule m ? m.Source : throw new InvalidOperationException("node is not attached to a module");
    }

    /// <summary>Decodes [start, end) of <paramref name="s"/> as a string body.</summary>
    public static string Decode(string s, int start, int end, bool raw)
    {
        var span = s.AsSpan(start, Math.Max(0, end - start));
        if (raw || span.IndexOf('\\') < 0) return span.ToString();
        var sb = new StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c != '\\' || i + 1 >= span.Length)
            {
                sb.Append(c);
                continue;
            }
            var n = span[++i];
            switch (n)
            {
                case '\n': break;
                case '\r': if (i + 1 < span.Length && span[i + 1] == '\n') i++; break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case 'x': i = Hex(span, i, 2, sb); break;
                case 'u': i = Hex(span, i, 4, sb); break;
                case 'U': i = Hex(span, i, 8, sb); break;
                case >= '0' and <= '7':
                {
                    var v = 0;
                    var k = 0;
                    while (k < 3 && i < span.Length && span[i] is >= '0' and <= '7')
                    {
                        v = v * 8 + (span[i] - '0');
                        i++;
                        k++;
                    }
                    i--;
                    sb.Append((char)v);
                    break;
                }
                default:
                    sb.Append('\\').Append(n);
                    break;
            }
        }
        return sb.ToString();
    }

    private static int Hex(ReadOnlySpan<char> span, int i, int digits, StringBuilder sb)
    {
        if (i + digits < span.Length + 0 && int.TryParse(span.Slice(i + 1, Math.Min(digits, span.Length - i - 1)), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) && i + digits < span.Length)
        {
            if (v <= 0x10FFFF) sb.Append(char.ConvertFromUtf32(v is >= 0xD800 and <= 0xDFFF ? 0xFFFD : v));
            return i + digits;
        }
        sb.Append('\\').Append(span[i]);
        return i;
    }
}

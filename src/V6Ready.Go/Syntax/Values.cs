using System.Globalization;
using System.Text;

namespace V6Ready.Go.Syntax;

/// <summary>Decoding of Go literal values.</summary>
public static class Values
{
    /// <summary>The value of a Go string literal (interpreted or raw), or null when malformed.</summary>
    public static string? Unquote(string raw)
    {
        if (raw.Length < 2) return null;
        var q = raw[0];
        if (raw[^1] != q) return null;
        if (q == '`') return raw.Substring(1, raw.Length - 2).Replace("\r", "");
        if (q != '"') return null;
        var body = raw.AsSpan(1, raw.Length - 2);
        if (body.IndexOf('\\') < 0) return body.ToString();
        var sb = new StringBuilder(body.Length);
        var bytes = new List<byte>();
        void FlushBytes()
        {
            if (bytes.Count == 0) return;
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                FlushBytes();
                sb.Append(c);
                continue;
            }
            if (++i >= body.Length) return null;
            var e = body[i];
            switch (e)
            {
                case 'a': FlushBytes(); sb.Append('\a'); break;
                case 'b': FlushBytes(); sb.Append('\b'); break;
                case 'f': FlushBytes(); sb.Append('\f'); break;
                case 'n': FlushBytes(); sb.Append('\n'); break;
                case 'r': FlushBytes(); sb.Append('\r'); break;
                case 't': FlushBytes(); sb.Append('\t'); break;
                case 'v': FlushBytes(); sb.Append('\v'); break;
                case '\\': FlushBytes(); sb.Append('\\'); break;
                case '"': FlushBytes(); sb.Append('"'); break;
                case '\'': FlushBytes(); sb.Append('\''); break;
                case 'x':
                    if (i + 2 >= body.Length) return null;
                    if (!byte.TryParse(body.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var xb)) return null;
                    bytes.Add(xb);
                    i += 2;
                    break;
                case 'u':
                case 'U':
                    {
                        var n = e == 'u' ? 4 : 8;
                        if (i + n >= body.Length) return null;
                        if (!int.TryParse(body.Slice(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp)) return null;
                        FlushBytes();
                        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return null;
                        sb.Append(char.ConvertFromUtf32(cp));
                        i += n;
                        break;
                    }
                default:
                    if (e >= '0' && e <= '7')
                    {
                        if (i + 2 >= body.Length) return null;
                        var v = 0;
                        for (var k = 0; k < 3; k++)
                        {
                            var d = body[i + k];
                            if (d < '0' || d > '7') return null;
                            v = v * 8 + (d - '0');
                        }
                        if (v > 255) return null;
                        bytes.Add((byte)v);
                        i += 2;
                        break;
                    }
                    return null;
            }
        }
        FlushBytes();
        return sb.ToString();
    }

    /// <summary>Quotes a string as a Go interpreted string literal.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>The value of a Go integer literal (decimal, 0x, 0o, 0b, legacy octal, '_' separators), or null.</summary>
    public static long? ParseInt(string raw)
    {
        var s = raw.Replace("_", "");
        try
        {
            if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return Convert.ToInt64(s.Substring(2), 16);
            if (s.Length > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) return Convert.ToInt64(s.Substring(2), 2);
            if (s.Length > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) return Convert.ToInt64(s.Substring(2), 8);
            if (s.Length > 1 && s[0] == '0') return Convert.ToInt64(s.Substring(1), 8);
            return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }
}

using System.Text;

namespace V6Ready.Core.Text;

/// <summary>A file's text with what is needed to write it back byte-compatibly: encoding, BOM and dominant line ending.</summary>
public sealed record DecodedText(string Text, Encoding Encoding, bool HasBom, string NewLine)
{
    /// <summary>Name shown in messages: utf-8, utf-16le, utf-16be, latin-1.</summary>
    public string EncodingName => Encoding switch
    {
        UTF8Encoding => "utf-8",
        UnicodeEncoding u when u.CodePage == 1201 => "utf-16be",
        UnicodeEncoding => "utf-16le",
        UTF32Encoding => "utf-32",
        _ => Encoding.WebName,
    };

    private static byte[] Preamble(Encoding e) => TextDecoder.PreambleFor(e);

    /// <summary>Encodes <paramref name="text"/> the way this file was encoded (same encoding, BOM or not).</summary>
    public byte[] Encode(string text)
    {
        var body = Encoding.GetBytes(text);
        if (!HasBom) return body;
        var bom = Preamble(Encoding);
        var result = new byte[bom.Length + body.Length];
        bom.CopyTo(result, 0);
        body.CopyTo(result, bom.Length);
        return result;
    }
}

public static class TextDecoder
{
    /// <summary>The byte-order mark of an encoding (the instances used here are created without one).</summary>
    internal static byte[] PreambleFor(Encoding encoding) => encoding switch
    {
        UTF8Encoding => new byte[] { 0xEF, 0xBB, 0xBF },
        UnicodeEncoding u when u.CodePage == 1201 => new byte[] { 0xFE, 0xFF },
        UnicodeEncoding => new byte[] { 0xFF, 0xFE },
        UTF32Encoding => new byte[] { 0xFF, 0xFE, 0, 0 },
        _ => encoding.GetPreamble(),
    };

    private static readonly Encoding s_utf8Strict = new UTF8Encoding(false, true);
    private static readonly Encoding s_utf8 = new UTF8Encoding(false, false);
    private static readonly Encoding s_utf16le = new UnicodeEncoding(false, false, false);
    private static readonly Encoding s_utf16be = new UnicodeEncoding(true, false, false);
    private static readonly Encoding s_utf32le = new UTF32Encoding(false, false, false);

    /// <summary>Length of the BOM at the start of <paramref name="bytes"/> and the encoding it names (null when none).</summary>
    public static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) return (s_utf8, 3);
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0) return (s_utf32le, 4);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return (s_utf16le, 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return (s_utf16be, 2);
        return (null, 0);
    }

    /// <summary>True when the first 8 KB contain a NUL byte and no UTF-16/32 BOM explains it.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (DetectBom(bytes).Encoding is UnicodeEncoding or UTF32Encoding) return false;
        var head = bytes.Slice(0, Math.Min(bytes.Length, 8192));
        return head.IndexOf((byte)0) >= 0;
    }

    /// <summary>Decodes a file: BOM first (UTF-8, UTF-16 LE/BE, UTF-32 LE), else strict UTF-8, else Latin-1 (which round-trips every byte).</summary>
    public static DecodedText Decode(byte[] bytes)
    {
        var (bomEncoding, bomLength) = DetectBom(bytes);
        string text;
        Encoding encoding;
        if (bomEncoding is not null)
        {
            encoding = bomEncoding;
            text = encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
        }
        else
        {
            try
            {
                text = s_utf8Strict.GetString(bytes);
                encoding = s_utf8;
            }
            catch (DecoderFallbackException)
            {
                encoding = Encoding.Latin1;
                text = encoding.GetString(bytes);
            }
        }
        return new DecodedText(text, encoding, bomEncoding is not null, DominantNewLine(text));
    }

    /// <summary>"\r\n" when CRLF line ends outnumber LF-only ones, "\r" for old Mac files, else "\n".</summary>
    public static string DominantNewLine(string text)
    {
        int crlf = 0, lf = 0, cr = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') { crlf++; i++; }
                else cr++;
            }
            else if (text[i] == '\n') lf++;
        }
        if (crlf > lf && crlf >= cr) return "\r\n";
        if (cr > lf && cr > crlf) return "\r";
        return "\n";
    }

    /// <summary>Rewrites every line break in <paramref name="text"/> to <paramref name="newLine"/>.</summary>
    public static string NormalizeNewLines(string text, string newLine)
    {
        if (text.IndexOfAny(new[] { '\r', '\n' }) < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                sb.Append(newLine);
            }
            else if (c == '\n') sb.Append(newLine);
            else sb.Append(c);
        }
        return sb.ToString();
    }
}

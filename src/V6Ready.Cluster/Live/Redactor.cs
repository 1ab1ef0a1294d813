using System.Text.RegularExpressions;

namespace V6Ready.Cluster.Live;

/// <summary>
/// Makes text from kubectl safe to echo: keeps the first lines only and blanks anything that looks like a credential
/// (tokens, passwords, certificate/key data, bearer headers, user info in URLs, long base64 runs).
/// </summary>
public static class Redactor
{
    private static readonly Regex s_keyValue = new(
        @"(?i)\b(token|id-token|refresh-token|access-token|password|passwd|secret|client-key-data|client-certificate-data|certificate-authority-data|authorization|bearer)(\s*[""']?\s*[:=]?\s*[""']?\s*)([^\s""',}]+)",
        RegexOptions.CultureInvariant);
    private static readonly Regex s_userInfo = new(@"(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s@]+@", RegexOptions.CultureInvariant);
    private static readonly Regex s_base64 = new(@"[A-Za-z0-9+/_=-]{40,}", RegexOptions.CultureInvariant);

    public static string Clean(string? text, int maxLines = 3, int maxChars = 400)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lines = text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(maxLines);
        var s = string.Join(" | ", lines);
        s = s_keyValue.Replace(s, m => m.Groups[1].Value + m.Groups[2].Value + "<redacted>");
        s = s_userInfo.Replace(s, "$1<redacted>@");
        s = s_base64.Replace(s, "<redacted>");
        if (s.Length > maxChars) s = s.Substring(0, maxChars) + "…";
        return s;
    }

    /// <summary>A server URL without user info, query or fragment.</summary>
    public static string CleanUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "";
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var b = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
            return b.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
        return Clean(url, 1, 200);
    }
}

using System.Text.RegularExpressions;

namespace V6Ready.Cluster.Live;

/// <summary>
/// Makes text from kubectl safe to echo: keeps the first lines only and blanks anything that looks like a credential
/// (tokens, passwords, certificate/key data, bearer headers, user info in URLs, long base64 runs).
/// </summary>
public static class Redactor
{
    // "Authorization: Bearer <token>", "Proxy-Authorization: Basic <b64>": the scheme and the credential after it
    private static readonly Regex s_authHeader = new(
        @"(?i)\b((?:proxy-)?authorization)(\s*[""']?\s*[:=]\s*[""']?\s*)(?:(?:bearer|basic|digest|negotiate|token|apikey)\s+)?[^\s""',}]+",
        RegexOptions.CultureInvariant);
    // "bearer <token>" anywhere (a JWT in full, with its dots)
    private static readonly Regex s_bearer = new(@"(?i)\b(bearer)(\s+)[^\s""',}]+", RegexOptions.CultureInvariant);
    // key: value / key=value for every name that holds a credential (token, password, secret, api key, cookie, key data …)
    private static readonly Regex s_keyValue = new(
        @"(?i)\b([\w-]*(?:token|password|passwd|pwd|secret|api[-_]?key|access[-_]?key|private[-_]?key|key-data|certificate-data|authority-data|cookie|credential|session)[\w-]*)(\s*[""']?\s*[:=]\s*[""']?\s*|\s+)([^\s""',}&<]+)",
        RegexOptions.CultureInvariant);
    // a JSON Web Token wherever it appears (three base64url parts, the first starting "eyJ")
    private static readonly Regex s_jwt = new(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?", RegexOptions.CultureInvariant);
    private static readonly Regex s_userInfo = new(@"(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s@]+@", RegexOptions.CultureInvariant);
    private static readonly Regex s_base64 = new(@"[A-Za-z0-9+/_=-]{32,}", RegexOptions.CultureInvariant);

    public static string Clean(string? text, int maxLines = 3, int maxChars = 400)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // bounded before any matching: kubectl may print megabytes on stderr
        if (text.Length > 64 * 1024) text = text.Substring(0, 64 * 1024);
        var lines = text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(maxLines);
        var s = string.Join(" | ", lines);
        s = s_authHeader.Replace(s, m => m.Groups[1].Value + m.Groups[2].Value + "<redacted>");
        s = s_bearer.Replace(s, m => m.Groups[1].Value + m.Groups[2].Value + "<redacted>");
        s = s_keyValue.Replace(s, m => m.Groups[1].Value + m.Groups[2].Value + "<redacted>");
        s = s_jwt.Replace(s, "<redacted>");
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

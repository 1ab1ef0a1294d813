using System;
using System.Text;

namespace V6Ready.Analyzers
{
    /// <summary>Rewrites dotted-quad URL hosts ("scheme://HOST" followed by ':', '/', ';', a quote, a hole or the end) in literal text.</summary>
    internal static class UrlRewrite
    {
        public static string RewriteHosts(string text, Func<string, string?> map)
        {
            var sb = new StringBuilder(text.Length);
            var i = 0;
            while (i < text.Length)
            {
                var k = text.IndexOf("://", i, StringComparison.Ordinal);
                if (k < 0) break;
                var hostStart = k + 3;
                var hostEnd = hostStart;
                while (hostEnd < text.Length && (char.IsDigit(text[hostEnd]) || text[hostEnd] == '.')) hostEnd++;
                var host = text.Substring(hostStart, hostEnd - hostStart);
                var boundary = hostEnd == text.Length || ":/;\"{\\".IndexOf(text[hostEnd]) >= 0;
                var replacement = boundary && Ipv4.TryParse(host, out _) ? map(host) : null;
                sb.Append(text, i, hostStart - i);
                sb.Append(replacement ?? host);
                i = hostEnd;
            }
            if (i < text.Length) sb.Append(text, i, text.Length - i);
            return sb.ToString();
        }

        /// <summary>Kestrel and HttpListener: "0.0.0.0" becomes "*" (every address, IPv6 dual-mode with IPv4 fallback).</summary>
        public static string? WildcardToStar(string host) => host == "0.0.0.0" ? "*" : null;

        /// <summary>Kestrel: "127.x.x.x" becomes "localhost" (both loopbacks).</summary>
        public static string? LoopbackToLocalhost(string host) =>
            Ipv4.TryParse(host, out var o) && Ipv4.IsLoopback(o) ? "localhost" : null;
    }
}

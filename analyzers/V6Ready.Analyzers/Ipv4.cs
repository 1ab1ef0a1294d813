using System;
using System.Collections.Generic;
using System.Globalization;

namespace V6Ready.Analyzers
{
    /// <summary>Classifies address text: strict dotted quads, netmasks, special ranges, URL hosts.</summary>
    internal static class Ipv4
    {
        /// <summary>Strict dotted quad: four decimal octets 0-255, no signs, no spaces.</summary>
        public static bool TryParse(string? text, out byte[] octets)
        {
            octets = new byte[4];
            if (text is null || text.Length < 7 || text.Length > 15) return false;
            var parts = text.Split('.');
            if (parts.Length != 4) return false;
            for (var i = 0; i < 4; i++)
            {
                var p = parts[i];
                if (p.Length == 0 || p.Length > 3) return false;
                foreach (var ch in p) if (ch < '0' || ch > '9') return false;
                var v = int.Parse(p, CultureInfo.InvariantCulture);
                if (v > 255) return false;
                octets[i] = (byte)v;
            }
            return true;
        }

        public static bool IsAny(byte[] o) => o[0] == 0 && o[1] == 0 && o[2] == 0 && o[3] == 0;
        public static bool IsLoopback(byte[] o) => o[0] == 127;

        /// <summary>A contiguous run of one bits from the top (255.255.255.0, 255.255.0.0, 255.255.255.255 …).</summary>
        public static bool IsNetmask(byte[] o)
        {
            if (o[0] != 255) return false;
            uint v = (uint)(o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3]);
            var inverted = ~v;
            return (inverted & (inverted + 1)) == 0;
        }

        /// <summary>An address that is a real unicast/multicast target (not any, loopback, netmask or broadcast).</summary>
        public static bool IsTarget(byte[] o) => !IsAny(o) && !IsLoopback(o) && !IsNetmask(o);

        /// <summary>
        /// Splits a URL list (Kestrel accepts several URLs separated by ';') into host texts. Only URLs with a scheme count.
        /// </summary>
        public static IEnumerable<string> UrlHosts(string text)
        {
            foreach (var span in UrlHostSpans(text)) yield return span.Host;
        }

        /// <summary>
        /// The hosts of a URL list (see <see cref="UrlHosts"/>), each with its offset in <paramref name="text"/> (for an
        /// edit of the host). Brackets stay on an IPv6 host; user info before '@' is skipped.
        /// </summary>
        public static IEnumerable<(string Host, int Offset)> UrlHostSpans(string text)
        {
            var pos = 0;
            foreach (var part in text.Split(';'))
            {
                var lead = part.Length - part.TrimStart().Length;
                var url = part.Trim();
                var scheme = url.IndexOf("://", StringComparison.Ordinal);
                if (scheme > 0)
                {
                    var (start, length) = HostSpan(url, scheme + 3);
                    if (length > 0) yield return (url.Substring(start, length), pos + lead + start);
                }
                pos += part.Length + 1;
            }
        }

        /// <summary>The host of a URL that starts at <paramref name="start"/> (after "scheme://"), brackets kept.</summary>
        public static string HostAt(string url, int start)
        {
            var (at, length) = HostSpan(url, start);
            return url.Substring(at, length);
        }

        private static (int Start, int Length) HostSpan(string url, int start)
        {
            var at = url.IndexOf('@', start);
            var slash = url.IndexOf('/', start);
            if (at >= 0 && (slash < 0 || at < slash)) start = at + 1;
            if (start < url.Length && url[start] == '[')
            {
                var close = url.IndexOf(']', start);
                return close < 0 ? (start, url.Length - start) : (start, close - start + 1);
            }
            var end = start;
            while (end < url.Length && url[end] != ':' && url[end] != '/' && url[end] != '?' && url[end] != '#') end++;
            return (start, end - start);
        }

        /// <summary>
        /// For text that names an endpoint: a bare address ("10.0.0.1"), "address:port", or a URL. Returns the IPv4 host if any.
        /// </summary>
        public static bool TryGetEndpointIpv4(string text, out string host, out byte[] octets)
        {
            host = "";
            octets = new byte[4];
            var t = text.Trim();
            var scheme = t.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                host = HostAt(t, scheme + 3);
            }
            else
            {
                var colon = t.IndexOf(':');
                if (colon >= 0 && t.IndexOf(':', colon + 1) < 0)
                {
                    var port = t.Substring(colon + 1);
                    if (port.Length == 0 || port.Length > 5) return false;
                    foreach (var ch in port) if (ch < '0' || ch > '9') return false;
                    host = t.Substring(0, colon);
                }
                else host = t;
            }
            return TryParse(host, out octets);
        }

        /// <summary>Splits an identifier into lower-case words (camelCase, PascalCase, snake_case, kebab-case, dots).</summary>
        public static List<string> Words(string identifier)
        {
            var words = new List<string>();
            var current = new System.Text.StringBuilder();
            for (var i = 0; i < identifier.Length; i++)
            {
                var ch = identifier[i];
                if (!char.IsLetterOrDigit(ch))
                {
                    Flush();
                    continue;
                }
                if (char.IsUpper(ch) && current.Length > 0 &&
                    (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1]) && char.IsUpper(identifier[i - 1]))))
                    Flush();
                current.Append(char.ToLowerInvariant(ch));
            }
            Flush();
            return words;

            void Flush()
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}

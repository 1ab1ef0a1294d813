using System.Xml;
using V6Ready.Core;
using V6Ready.Core.Models;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6007 for JVM options outside Java code: <c>-Djava.net.preferIPv4Stack=true</c> in the JVM option variables of
/// containers (Kubernetes env, compose environment, Dockerfile ENV), on <c>java</c> command lines, and in build files
/// (<c>.mvn/jvm.config</c>, <c>gradle.properties</c>, <c>pom.xml</c>, <c>build.gradle(.kts)</c>). Which option, which
/// values, which variables and which build-file keys: rows of <c>rules/models/jvm.json</c> (module <c>jvm-options</c>,
/// <c>env</c>, <c>file</c>).
/// </summary>
public static class JvmOptionRules
{
    /// <summary>The language of the build files this class reads.</summary>
    public const string Language = "jvm-config";

    private static readonly Lazy<(string Option, HashSet<string> Ipv4Values, HashSet<string> EnvNames, HashSet<string> PomElements, HashSet<string> GradleKeys)> s_data = new(() =>
    {
        var m = RuntimeModels.Get("jvm");
        var opt = m.Apis.First(a => a.Module == "jvm-options");
        var values = opt.Params.First(p => p.Role == "family").Values!.Where(kv => kv.Value == "ipv4").Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var env = m.Apis.Where(a => a.Module == "env").Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var pom = m.Apis.Where(a => a.Module == "file" && a.Receiver == "pom.xml").Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var gradle = m.Apis.Where(a => a.Module == "file" && a.Receiver == "gradle.properties").Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return (opt.Name, values, env, pom, gradle);
    });

    private const string Message = "-Djava.net.preferIPv4Stack=true (every socket of the JVM becomes IPv4-only)";

    /// <summary>True for <c>-Djava.net.preferIPv4Stack=true</c> (any value the model maps to IPv4).</summary>
    public static bool IsIpv4Flag(string word)
    {
        var d = s_data.Value;
        var prefix = "-D" + d.Option + "=";
        return word.StartsWith(prefix, StringComparison.Ordinal) && d.Ipv4Values.Contains(word[prefix.Length..].Trim('"', '\''));
    }

    /// <summary>Reports the flag as one word of a command line.</summary>
    public static void ReportFlag(Ctx ctx, Word w) => ctx.Report(RuleCatalog.V6007, w.Start, w.Length, null, Confidence.High, Message);

    /// <summary>
    /// Checks one environment variable; true when it is a JVM options variable of the model (handled here), so the
    /// caller does not look at it again.
    /// </summary>
    public static bool AnalyzeEnv(Ctx ctx, string name, Word value)
    {
        if (!s_data.Value.EnvNames.Contains(name) && name != "_JAVA_OPTIONS") return false;
        foreach (var cmd in Shell.Split(value.Value))
        {
            foreach (var sw in cmd)
            {
                if (!IsIpv4Flag(sw.Value)) continue;
                var (start, length) = Locate(ctx.Text, value.Start, value.Length, sw.Value);
                Fix? fix = null;
                if (!value.FromValues && value.Replace is not null)
                {
                    var edit = value.Replace(" " + sw.Value, "") ?? value.Replace(sw.Value + " ", "");
                    if (edit is not null) fix = new Fix("Remove -Djava.net.preferIPv4Stack=true (check why it was set first)", FixSafety.Unsafe, new[] { edit });
                }
                ctx.Report(RuleCatalog.V6007, start, length, fix, value.FromValues ? Confidence.Medium : Confidence.High, $"{name} with {Message}");
            }
        }
        return true;
    }

    /// <summary>The span of <paramref name="needle"/> inside [start, start+length) of the text, else the whole range.</summary>
    private static (int, int) Locate(string text, int start, int length, string needle)
    {
        start = Math.Clamp(start, 0, text.Length);
        length = Math.Clamp(length, 0, text.Length - start);
        var i = text.IndexOf(needle, start, length, StringComparison.Ordinal);
        return i >= 0 ? (i, needle.Length) : (start, length);
    }

    /// <summary>The language of a JVM build file (by name), or null.</summary>
    public static string? Detect(string path)
    {
        var p = path.Replace('\\', '/');
        var name = p[(p.LastIndexOf('/') + 1)..];
        if (name == "jvm.config" && (p == ".mvn/jvm.config" || p.EndsWith("/.mvn/jvm.config", StringComparison.Ordinal))) return Language;
        if (name is "gradle.properties" or "pom.xml" or "build.gradle" or "build.gradle.kts") return Language;
        return null;
    }

    public static void AnalyzeFile(Ctx ctx, SourceDocument doc)
    {
        var p = doc.Path.Replace('\\', '/');
        var name = p[(p.LastIndexOf('/') + 1)..];
        var text = doc.Text;
        switch (name)
        {
            case "jvm.config":
                foreach (var (w, s) in Words(text, 0, text.Length))
                    if (IsIpv4Flag(w)) ctx.Report(RuleCatalog.V6007, s, w.Length, null, Confidence.High, Message);
                break;
            case "gradle.properties":
                ctx.Result.Comments.AddRange(LineComments.Scan(text, '#', requireLineStart: true));
                AnalyzeGradleProperties(ctx, text);
                break;
            case "pom.xml":
                AnalyzePom(ctx, text);
                break;
            default:
                AnalyzeGradleScript(ctx, text);
                break;
        }
    }

    /// <summary>White-space separated words of [start, end) with their offsets.</summary>
    private static IEnumerable<(string Word, int Start)> Words(string text, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            var s = i;
            while (i < end && !char.IsWhiteSpace(text[i])) i++;
            if (i > s) yield return (text[s..i], s);
        }
    }

    private static void AnalyzeGradleProperties(Ctx ctx, string text)
    {
        var d = s_data.Value;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var nl = text.IndexOf('\n', lineStart);
            var lineEnd = nl < 0 ? text.Length : nl;
            var line = text[lineStart..lineEnd].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] is not ('#' or '!'))
            {
                var sep = trimmed.IndexOfAny(new[] { '=', ':' });
                if (sep > 0)
                {
                    var key = trimmed[..sep].Trim();
                    var valueStart = lineStart + (line.Length - trimmed.Length) + sep + 1;
                    if (d.GradleKeys.Contains(key))
                    {
                        foreach (var (w, s) in Words(text, valueStart, lineStart + line.Length))
                            if (IsIpv4Flag(w)) ctx.Report(RuleCatalog.V6007, s, w.Length, null, Confidence.High, $"{key} with {Message}");
                    }
                    else if (key == "systemProp." + d.Option && d.Ipv4Values.Contains(trimmed[(sep + 1)..].Trim()))
                    {
                        ctx.Report(RuleCatalog.V6007, lineStart + (line.Length - trimmed.Length), trimmed.Length, null, Confidence.High, $"{key}=true (the Gradle JVM's sockets become IPv4-only)");
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
    }

    private static void AnalyzePom(Ctx ctx, string text)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') lineStarts.Add(i + 1);
        int Offset(IXmlLineInfo li) => li.LineNumber >= 1 && li.LineNumber <= lineStarts.Count ? lineStarts[li.LineNumber - 1] + Math.Max(0, li.LinePosition - 1) : 0;
        var elements = s_data.Value.PomElements;
        var stack = new Stack<string>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = 20_000_000 });
            var li = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (!reader.IsEmptyElement) stack.Push(reader.LocalName);
                        break;
                    case XmlNodeType.EndElement:
                        if (stack.Count > 0) stack.Pop();
                        break;
                    case XmlNodeType.Comment:
                    {
                        var start = Offset(li) - 4; // "<!--"
                        var startLine = li.LineNumber;
                        var value = reader.Value;
                        ctx.Result.Comments.Add(new Comment(startLine, Math.Max(1, li.LinePosition - 4), startLine + value.Count(c => c == '\n'), "<!--" + value + "-->"));
                        _ = start;
                        break;
                    }
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                    {
                        var inJvmArgs = stack.Count > 0 && (elements.Contains(stack.Peek()) || stack.Peek() is "argument" or "jvmArg" or "jvmArgs" && stack.Contains("configuration"));
                        if (!inJvmArgs) break;
                        var start = Offset(li);
                        var raw = reader.Value;
                        foreach (var (w, s) in Words(raw, 0, raw.Length))
                        {
                            if (!IsIpv4Flag(w)) continue;
                            var (fs, fl) = Locate(text, start, Math.Min(text.Length - Math.Min(start, text.Length), raw.Length + 64), w);
                            ctx.Report(RuleCatalog.V6007, fs, fl, null, Confidence.High, $"<{stack.Peek()}> with {Message}");
                        }
                        break;
                    }
                }
            }
        }
        catch (XmlException e)
        {
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, e.LineNumber, $"{e.LineNumber}:{e.LinePosition}: {e.Message}"));
        }
    }

    /// <summary>build.gradle(.kts): string literals (Groovy/Kotlin quoting) holding the flag; <c>systemProperty "java.net.preferIPv4Stack", "true"</c>.</summary>
    private static void AnalyzeGradleScript(Ctx ctx, string text)
    {
        var d = s_data.Value;
        var strings = new List<(string Value, int Start, int Length)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var e = text.IndexOf('\n', i);
                if (e < 0) e = text.Length;
                ctx.Result.Comments.Add(MakeComment(ctx, i, e));
                i = e;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var e = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                e = e < 0 ? text.Length : e + 2;
                ctx.Result.Comments.Add(MakeComment(ctx, i, e));
                i = e;
                continue;
            }
            if (c is '"' or '\'')
            {
                var triple = i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c;
                var delim = triple ? new string(c, 3) : c.ToString();
                var s = i + delim.Length;
                var j = s;
                while (j < text.Length && string.CompareOrdinal(text, j, delim, 0, delim.Length) != 0 && (triple || text[j] != '\n'))
                    j += text[j] == '\\' ? 2 : 1;
                j = Math.Min(j, text.Length);
                strings.Add((text[s..j], s, j - s));
                i = Math.Min(text.Length, j + delim.Length);
                continue;
            }
            i++;
        }
        for (var k = 0; k < strings.Count; k++)
        {
            var (v, s, l) = strings[k];
            foreach (var (w, ws) in Words(v, 0, v.Length))
                if (IsIpv4Flag(w)) ctx.Report(RuleCatalog.V6007, s + ws, w.Length, null, Confidence.High, Message);
            if (v == d.Option && k + 1 < strings.Count && d.Ipv4Values.Contains(strings[k + 1].Value) && strings[k + 1].Start - (s + l) < 8)
                ctx.Report(RuleCatalog.V6007, s, strings[k + 1].Start + strings[k + 1].Length - s, null, Confidence.High, "systemProperty java.net.preferIPv4Stack=true (the JVM's sockets become IPv4-only)");
        }
    }

    private static Comment MakeComment(Ctx ctx, int start, int end)
    {
        var (line, col) = ctx.Doc.GetLineColumn(start);
        var (endLine, _) = ctx.Doc.GetLineColumn(Math.Max(start, end - 1));
        return new Comment(line, col, endLine, ctx.Text[start..end]);
    }
}

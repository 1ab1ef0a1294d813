using System.Collections.Concurrent;
using System.Text;
using V6Ready.Core;
using V6Ready.Core.Models;
using V6Ready.Rules;
using YamlDotNet.RepresentationModel;

namespace V6Ready.Java.Analysis;

/// <summary>One key of a Spring configuration file: dotted key (relaxed form), value, and the value's span in the file.</summary>
public sealed record SpringEntry(string Key, string Value, int Start, int Length);

/// <summary>
/// Spring Boot configuration: <c>application*.properties</c>, <c>application*.yml</c>/<c>.yaml</c>,
/// <c>bootstrap*.*</c>. Parsed with a small <c>.properties</c> tokenizer (comments, continuations, escapes,
/// <c>=</c>/<c>:</c>/space separators) or YamlDotNet (keys flattened to dotted names, list items as <c>[i]</c>).
/// Rows of <c>rules/models/jvm.json</c> with module <c>spring-boot</c> say which keys listen or dial.
/// </summary>
public sealed class SpringConfig
{
    private static readonly ConcurrentDictionary<string, SpringConfig?> s_byDir = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyList<SpringEntry> Entries { get; }

    private SpringConfig(IReadOnlyList<SpringEntry> entries)
    {
        Entries = entries;
        foreach (var e in entries) _values.TryAdd(Relaxed(e.Key), e.Value);
    }

    /// <summary>Spring's relaxed binding, reduced: lower case, no '-' or '_'.</summary>
    public static string Relaxed(string key) => key.ToLowerInvariant().Replace("-", "").Replace("_", "");

    public string? Get(string key) => _values.GetValueOrDefault(Relaxed(key));

    public static bool IsSpringConfig(string path)
    {
        var p = path.Replace('\\', '/');
        var name = p[(p.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (!(name.StartsWith("application", StringComparison.Ordinal) || name.StartsWith("bootstrap", StringComparison.Ordinal))) return false;
        var ext = name.EndsWith(".properties", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);
        if (!ext) return false;
        var stem = name[..name.LastIndexOf('.')];
        return stem is "application" or "bootstrap" || stem.StartsWith("application-", StringComparison.Ordinal) || stem.StartsWith("bootstrap-", StringComparison.Ordinal);
    }

    public static SpringConfig Parse(string path, string text, List<Comment>? comments = null, List<string>? errors = null)
    {
        var yaml = path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        var entries = new List<SpringEntry>();
        if (yaml) ParseYaml(text, entries, comments, errors);
        else ParseProperties(text, entries, comments);
        return new SpringConfig(entries);
    }

    /// <summary>
    /// The Spring configuration of the module a Java source belongs to: the <c>application*.properties/yml</c> of
    /// the nearest <c>src/main/resources</c> above it (read once per folder), or null.
    /// </summary>
    public static SpringConfig? ForSource(SourceDocument doc)
    {
        if (!Path.IsPathRooted(doc.FullPath)) return null;
        string? dir;
        try { dir = Path.GetDirectoryName(Path.GetFullPath(doc.FullPath)); }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException) { return null; }
        for (var i = 0; dir is not null && i < 12; i++, dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) == "src")
            {
                var module = dir;
                return s_byDir.GetOrAdd(module, Load);
            }
            if (Directory.Exists(Path.Combine(dir, ".git"))) break;
        }
        return null;
    }

    private static SpringConfig? Load(string srcDir)
    {
        var res = Path.Combine(srcDir, "main", "resources");
        if (!Directory.Exists(res)) return null;
        var entries = new List<SpringEntry>();
        try
        {
            // application.* first so that its values win over profile files
            foreach (var f in Directory.EnumerateFiles(res).Where(f => IsSpringConfig(f)).OrderBy(f => Path.GetFileNameWithoutExtension(f).Length).ThenBy(f => f, StringComparer.Ordinal).Take(20))
            {
                var info = new FileInfo(f);
                if (info.Length > 1024 * 1024) continue;
                entries.AddRange(Parse(f, File.ReadAllText(f)).Entries);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return entries.Count == 0 ? null : new SpringConfig(entries);
    }

    // ---- .properties ----

    private static void ParseProperties(string text, List<SpringEntry> entries, List<Comment>? comments)
    {
        var i = 0;
        var line = 1;
        while (i < text.Length)
        {
            // skip leading white space
            while (i < text.Length && text[i] is ' ' or '\t' or '\f') i++;
            if (i >= text.Length) break;
            if (text[i] is '\n' or '\r') { i = NextLine(text, i, ref line); continue; }
            if (text[i] is '#' or '!')
            {
                var s = i;
                while (i < text.Length && text[i] is not ('\n' or '\r')) i++;
                comments?.Add(new Comment(line, ColumnOf(text, s), line, text[s..i]));
                i = NextLine(text, i, ref line);
                continue;
            }
            // key
            var key = new StringBuilder();
            while (i < text.Length && text[i] is not ('=' or ':' or ' ' or '\t' or '\f' or '\n' or '\r'))
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    if (text[i + 1] is '\n' or '\r') { i = NextLine(text, i + 1, ref line); while (i < text.Length && text[i] is ' ' or '\t') i++; continue; }
                    key.Append(Unescape(text[i + 1]));
                    i += 2;
                    continue;
                }
                key.Append(text[i++]);
            }
            while (i < text.Length && text[i] is ' ' or '\t' or '\f') i++;
            if (i < text.Length && text[i] is '=' or ':') i++;
            while (i < text.Length && text[i] is ' ' or '\t' or '\f') i++;
            var vStart = i;
            var value = new StringBuilder();
            while (i < text.Length && text[i] is not ('\n' or '\r'))
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    if (text[i + 1] is '\n' or '\r')
                    {
                        i = NextLine(text, i + 1, ref line);
                        while (i < text.Length && text[i] is ' ' or '\t' or '\f') i++;
                        continue;
                    }
                    if (text[i + 1] == 'u' && i + 5 < text.Length && int.TryParse(text.AsSpan(i + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var cp))
                    {
                        value.Append((char)cp);
                        i += 6;
                        continue;
                    }
                    value.Append(Unescape(text[i + 1]));
                    i += 2;
                    continue;
                }
                value.Append(text[i++]);
            }
            var v = value.ToString().TrimEnd();
            if (key.Length > 0) entries.Add(new SpringEntry(key.ToString(), v, vStart, Math.Max(0, Math.Min(i, vStart + v.Length) - vStart)));
            i = NextLine(text, i, ref line);
        }
    }

    private static char Unescape(char c) => c switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', _ => c };

    private static int NextLine(string text, int i, ref int line)
    {
        if (i < text.Length && text[i] == '\r') i++;
        if (i < text.Length && text[i] == '\n') i++;
        line++;
        return i;
    }

    private static int ColumnOf(string text, int offset)
    {
        var nl = offset == 0 ? -1 : text.LastIndexOf('\n', offset - 1);
        return offset - nl;
    }

    // ---- YAML ----

    private static void ParseYaml(string text, List<SpringEntry> entries, List<Comment>? comments, List<string>? errors)
    {
        if (comments != null) YamlComments(text, comments);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            errors?.Add($"{e.Start.Line}:{e.Start.Column}: {e.Message}");
            return;
        }
        foreach (var doc in stream.Documents)
            Flatten(doc.RootNode, "", entries, 0);
    }

    private static void Flatten(YamlNode node, string prefix, List<SpringEntry> entries, int depth)
    {
        if (depth > 200) return;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "" : "?";
                    Flatten(v, prefix.Length == 0 ? key : prefix + "." + key, entries, depth + 1);
                }
                break;
            case YamlSequenceNode seq:
                var i = 0;
                foreach (var item in seq.Children) Flatten(item, $"{prefix}[{i++}]", entries, depth + 1);
                break;
            case YamlScalarNode s when s.Value is not null:
                var start = (int)s.Start.Index;
                var end = (int)s.End.Index;
                entries.Add(new SpringEntry(prefix, s.Value, start, Math.Max(1, end - start)));
                break;
        }
    }

    /// <summary># comments outside quotes (a '#' at a line start or after white space).</summary>
    private static void YamlComments(string text, List<Comment> comments)
    {
        var line = 1;
        var lineStart = 0;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { line++; lineStart = i + 1; quote = '\0'; continue; }
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'' && (i == lineStart || text[i - 1] is ' ' or ':' or '[' or ',' or '-')) { quote = c; continue; }
            if (c == '#' && (i == lineStart || text[i - 1] is ' ' or '\t'))
            {
                var e = text.IndexOf('\n', i);
                if (e < 0) e = text.Length;
                comments.Add(new Comment(line, i - lineStart + 1, line, text[i..e].TrimEnd('\r')));
                i = e - 1;
            }
        }
    }

    // ---- rules ----

    public static void Analyze(SourceDocument document, AnalysisContext context, FileResult result)
    {
        var errors = new List<string>();
        // .properties or YAML: by the file's own name (a ConfigMap key when the file is embedded in a manifest)
        var cfg = Parse(document.EmbeddedFileName ?? document.Path, document.Text, result.Comments, errors);
        foreach (var e in errors) result.ParseErrors.Add(new ParseError(document.Path, int.TryParse(e.Split(':')[0], out var l) ? l : 1, e));
        var test = JavaRules.IsTestPath(document.Path);
        var rt = RuntimeModels.Get("jvm");
        var rows = rt.Apis.Where(r => r.Module == "spring-boot").ToDictionary(r => Relaxed(r.Name));
        foreach (var entry in cfg.Entries)
        {
            var value = Placeholder(entry.Value, out var configurable);
            if (value is null || test) continue;
            var key = Relaxed(entry.Key);
            if (rows.TryGetValue(key, out var row))
            {
                var role = row.Params.FirstOrDefault()?.Role ?? "host";
                if (row.Kind == ApiKind.Listen)
                {
                    var cls = RuntimeModels.Classify(value, mayHavePort: false);
                    var verdict = rt.VerdictFor(row, cls);
                    if (verdict == Verdict.Ipv4Only && cls == HostClass.Ipv4Loopback)
                        result.Findings.Add(context.CreateFinding(document, JavaFrontEnd.SpringLanguage, RuleCatalog.V6002, entry.Start, entry.Length, null, Confidence.High, $"{entry.Key}={value}{(configurable ? " (the configured default)" : "")}"));
                    continue;
                }
                if (row.Kind == ApiKind.Dial && DialsIpv4Literal(role, value, out var lit))
                {
                    result.Findings.Add(context.CreateFinding(document, JavaFrontEnd.SpringLanguage, RuleCatalog.V6003, entry.Start, entry.Length, null, Confidence.High, $"{lit} ({entry.Key}{(configurable ? ", the configured default" : "")})"));
                    continue;
                }
                continue;
            }
            // any other key whose value is a URL with an IPv4 literal host (service URLs, eureka zones…)
            if (value.Contains("://", StringComparison.Ordinal) && DialsIpv4Literal("address", value, out var lit2))
                result.Findings.Add(context.CreateFinding(document, JavaFrontEnd.SpringLanguage, RuleCatalog.V6003, entry.Start, entry.Length, null, Confidence.High, $"{lit2} ({entry.Key})"));
        }
    }

    private static bool DialsIpv4Literal(string role, string value, out string literal)
    {
        literal = "";
        IEnumerable<string> hosts = role switch
        {
            "url" => new[] { JavaModel.UrlHost(value) },
            "address" => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(JavaModel.UrlHost),
            _ => new[] { value },
        };
        foreach (var h in hosts)
        {
            if (RuntimeModels.Classify(h, mayHavePort: role != "host") != HostClass.Ipv4Literal) continue;
            literal = RuntimeModels.StripPort(h);
            return true;
        }
        return false;
    }

    /// <summary><c>${ENV:default}</c> → the default (configurable); a value with an unresolvable placeholder → null.</summary>
    private static string? Placeholder(string value, out bool configurable)
    {
        configurable = false;
        var v = value.Trim();
        if (!v.Contains("${", StringComparison.Ordinal)) return v;
        configurable = true;
        var sb = new StringBuilder();
        var i = 0;
        while (i < v.Length)
        {
            var s = v.IndexOf("${", i, StringComparison.Ordinal);
            if (s < 0) { sb.Append(v, i, v.Length - i); break; }
            sb.Append(v, i, s - i);
            var e = v.IndexOf('}', s);
            if (e < 0) return null;
            var inner = v.Substring(s + 2, e - s - 2);
            var colon = inner.IndexOf(':');
            if (colon < 0) return null;
            sb.Append(inner, colon + 1, inner.Length - colon - 1);
            i = e + 1;
        }
        return sb.ToString();
    }
}

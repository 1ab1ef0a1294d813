using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests;

/// <summary>A value an action renders with the chart's defaults; <see cref="Origin"/> is the values.yaml scalar it is copied from, when it is one.</summary>
public readonly record struct HelmValue(string Text, YScalar? Origin);

/// <summary>
/// What a chart's templates render with its defaults: values.yaml, Chart.yaml's name and appVersion, and the simple
/// <c>define</c>s of its templates. Evaluates the small subset of Go template pipelines charts use for names, addresses
/// and policies (<c>.Values.a.b</c>, <c>| default</c>, <c>quote</c>, <c>include</c> of a define without control flow,
/// <c>printf "%s-%s"</c>, …); anything else is unknown (null), never guessed.
/// </summary>
public sealed class HelmChart
{
    private const int MaxTemplates = 2000;
    private const long MaxFileBytes = 4_000_000;
    private static readonly ConcurrentDictionary<string, (DateTime Stamp, HelmChart Chart)> s_cache = new(StringComparer.Ordinal);

    private HelmChart(string dir) { Dir = dir; }

    /// <summary>The chart folder (holding Chart.yaml).</summary>
    public string Dir { get; }
    /// <summary>values.yaml's root, when the chart has one.</summary>
    public YNode? Values { get; private set; }
    /// <summary>values.yaml on disk, when the chart has one.</summary>
    public string? ValuesPath { get; private set; }
    public string? Name { get; private set; }
    public string? AppVersion { get; private set; }
    /// <summary>Bodies of the chart's <c>define</c> blocks by name.</summary>
    public Dictionary<string, string> Defines { get; } = new(StringComparer.Ordinal);

    /// <summary>The chart a template belongs to (the nearest Chart.yaml up to 4 folders up), or null.</summary>
    public static HelmChart? ForTemplate(string? templateFullPath)
    {
        try
        {
            if (string.IsNullOrEmpty(templateFullPath)) return null;
            var dir = Path.GetDirectoryName(Path.GetFullPath(templateFullPath));
            for (var up = 0; up < 4 && dir is not null; up++, dir = Path.GetDirectoryName(dir))
                if (File.Exists(Path.Combine(dir, "Chart.yaml"))) return Load(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
        }
        return null;
    }

    /// <summary>The chart in <paramref name="dir"/> (cached until Chart.yaml or values.yaml changes).</summary>
    public static HelmChart Load(string dir)
    {
        var chartFile = Path.Combine(dir, "Chart.yaml");
        var valuesFile = Path.Combine(dir, "values.yaml");
        var stamp = File.GetLastWriteTimeUtc(chartFile);
        var vstamp = File.Exists(valuesFile) ? File.GetLastWriteTimeUtc(valuesFile) : DateTime.MinValue;
        if (vstamp > stamp) stamp = vstamp;
        if (s_cache.TryGetValue(dir, out var cached) && cached.Stamp == stamp) return cached.Chart;
        var chart = new HelmChart(dir);
        chart.Read(chartFile, valuesFile);
        s_cache[dir] = (stamp, chart);
        return chart;
    }

    private void Read(string chartFile, string valuesFile)
    {
        try
        {
            if (new FileInfo(chartFile).Length <= MaxFileBytes &&
                YamlLoader.Load(File.ReadAllText(chartFile), collectComments: false) is { Documents.Count: > 0 } c)
            {
                Name = c.Documents[0].Root.Str("name");
                AppVersion = c.Documents[0].Root.Str("appVersion");
            }
            if (File.Exists(valuesFile) && new FileInfo(valuesFile).Length <= MaxFileBytes)
            {
                ValuesPath = valuesFile;
                var load = YamlLoader.Load(File.ReadAllText(valuesFile), collectComments: false);
                Values = load.Documents.Count > 0 ? load.Documents[0].Root : null;
            }
            var templates = Path.Combine(Dir, "templates");
            if (Directory.Exists(templates))
            {
                var n = 0;
                foreach (var f in Directory.EnumerateFiles(templates, "*", SearchOption.AllDirectories))
                {
                    if (++n > MaxTemplates) break;
                    if (!(f.EndsWith(".tpl", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))) continue;
                    if (new FileInfo(f).Length > MaxFileBytes) continue;
                    var text = File.ReadAllText(f);
                    if (text.Contains("define", StringComparison.Ordinal)) ReadDefines(text, Defines);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
        }
    }

    /// <summary>Every <c>{{ define "name" }}…{{ end }}</c> of <paramref name="text"/> (nested blocks counted).</summary>
    public static void ReadDefines(string text, Dictionary<string, string> into)
    {
        var actions = HelmTemplate.Scan(text);
        for (var i = 0; i < actions.Count; i++)
        {
            var words = Tokens(Trimmed(actions[i].Inner));
            if (words.Count < 2 || words[0] != "define" || !IsString(words[1])) continue;
            var depth = 0;
            for (var j = i + 1; j < actions.Count; j++)
            {
                var kw = Keyword(actions[j].Inner);
                if (kw is "if" or "with" or "range" or "define" or "block") depth++;
                else if (kw == "end")
                {
                    if (depth-- > 0) continue;
                    var body = text.Substring(actions[i].End, actions[j].Start - actions[i].End);
                    into.TryAdd(Unquote(words[1]), body);
                    i = j;
                    break;
                }
            }
        }
    }

    /// <summary>The first word of an action ("if", "end", "define", ".Values.x"…).</summary>
    public static string Keyword(string inner)
    {
        var t = Trimmed(inner);
        var sp = 0;
        while (sp < t.Length && !char.IsWhiteSpace(t[sp])) sp++;
        return t[..sp];
    }

    /// <summary>The action's text without the trim markers ("{{- x -}}" → "x").</summary>
    public static string Trimmed(string inner)
    {
        var t = inner.Trim();
        if (t.StartsWith('-')) t = t[1..];
        if (t.EndsWith('-')) t = t[..^1];
        t = t.Trim();
        if (t.StartsWith("/*", StringComparison.Ordinal)) return "";
        return t;
    }

    /// <summary>The text of an action with the chart's defaults, or null when it cannot be known.</summary>
    public HelmValue? Eval(string inner) => Eval(inner, 0);

    private HelmValue? Eval(string inner, int depth)
    {
        if (depth > 6) return null;
        var t = Trimmed(inner);
        if (t.Length == 0 || t.Contains('(') || t.Contains(":=") || t.Contains(" = ")) return null;
        var stages = SplitPipes(t);
        if (stages is null) return null;
        HelmValue? cur = null;
        for (var i = 0; i < stages.Count; i++)
        {
            var words = Tokens(stages[i]);
            if (words.Count == 0) return null;
            cur = i == 0 ? Command(words, depth) : Filter(words, cur, depth);
            if (cur is null && !(i + 1 < stages.Count && Tokens(stages[i + 1]) is [ "default", ..])) return null;
        }
        return cur;
    }

    /// <summary>
    /// The image repository an <c>image:</c> action names when its text cannot be rendered: the <c>repository</c> of a
    /// values map the action (or a define it includes, up to 3 levels) passes on, e.g. bitnami's
    /// <c>include "common.images.image" (dict "imageRoot" .Values.server.thanos.image …)</c> → <c>bitnami/thanos</c>.
    /// Null when no such map, or several different repositories, are named.
    /// </summary>
    public string? ImageRepository(string inner) => ImageRepository(inner, 0);

    private string? ImageRepository(string inner, int depth)
    {
        if (depth > 3) return null;
        string? found = null;
        foreach (var word in inner.Split(new[] { ' ', '\t', '\n', '\r', '(', ')', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string? repo = null;
            if (IsValuesPath(word) && Lookup(word) is (true, var node) && node.Deref() is YMap m &&
                m.Field("repository").Deref() is YScalar { IsNull: false } r && r.Value.Length > 0 && !r.Value.Contains("{{", StringComparison.Ordinal))
                repo = r.Value;
            else if (IsString(word) && Defines.TryGetValue(Unquote(word), out var body))
                foreach (var a in HelmTemplate.Scan(body))
                    if (ImageRepository(a.Inner, depth + 1) is { } x) { if (repo is not null && repo != x) return null; repo = x; }
            if (repo is null) continue;
            if (found is not null && found != repo) return null;
            found = repo;
        }
        return found;
    }

    /// <summary>True/false when an <c>if</c>/<c>with</c> condition is known with the defaults; the values scalar it reads.</summary>
    public (bool Value, YScalar? Origin)? Condition(string inner)
    {
        var words = Tokens(Trimmed(inner));
        if (words.Count < 2 || words[0] is not ("if" or "with")) return null;
        var negate = false;
        var k = 1;
        if (words[k] == "not") { negate = true; k++; }
        if (k != words.Count - 1 || !IsValuesPath(words[k])) return null;
        var (found, node) = Lookup(words[k]);
        bool truth;
        YScalar? origin = null;
        if (!found || node is null) truth = false;
        else if (node.Deref() is YScalar s)
        {
            origin = s;
            truth = !(s.IsNull || s.Value.Length == 0 || s.Style == YScalarStyle.Plain && s.Value is "false" or "False" or "FALSE" or "0");
        }
        else if (node.Deref() is YMap m) truth = m.Entries.Count > 0;
        else if (node.Deref() is YSeq q) truth = q.Items.Count > 0;
        else return null;
        return (truth != negate, origin);
    }

    private HelmValue? Command(List<string> w, int depth)
    {
        var head = w[0];
        if (w.Count == 1)
        {
            if (IsString(head)) return new HelmValue(Unquote(head), null);
            if (double.TryParse(head, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return new HelmValue(head, null);
            return PathValue(head);
        }
        switch (head)
        {
            case "tpl" when w.Count == 3:
                return PathValue(w[1]) is { } v && !v.Text.Contains("{{", StringComparison.Ordinal) ? v : null;
            case "include" or "template" when w.Count == 3 && IsString(w[1]) && w[2] is "." or "$":
                return Include(Unquote(w[1]), depth);
            case "default" when w.Count == 3:
                return Filter(new List<string> { "default", w[1] }, Command(new List<string> { w[2] }, depth), depth);
            case "printf" when w.Count >= 2 && IsString(w[1]):
            {
                var args = new List<string>();
                for (var i = 2; i < w.Count; i++)
                {
                    if (Command(new List<string> { w[i] }, depth) is not { } a) return null;
                    args.Add(a.Text);
                }
                var fmt = Unquote(w[1]);
                var sb = new StringBuilder();
                var ai = 0;
                for (var i = 0; i < fmt.Length; i++)
                {
                    if (fmt[i] != '%' || i + 1 >= fmt.Length) { sb.Append(fmt[i]); continue; }
                    var verb = fmt[++i];
                    if (verb == '%') { sb.Append('%'); continue; }
                    if (verb is not ('s' or 'd' or 'v') || ai >= args.Count) return null;
                    sb.Append(args[ai++]);
                }
                return ai == args.Count ? new HelmValue(sb.ToString(), null) : null;
            }
            case "quote" or "squote" or "lower" or "upper" or "trim" or "toString" when w.Count == 2:
                return Filter(new List<string> { head }, Command(new List<string> { w[1] }, depth), depth);
        }
        return null;
    }

    private HelmValue? Filter(List<string> w, HelmValue? input, int depth)
    {
        switch (w[0])
        {
            case "default" when w.Count == 2:
                if (input is { } v && v.Text.Length > 0) return v;
                return Command(new List<string> { w[1] }, depth);
        }
        if (input is not { } cur) return null;
        var s = cur.Text;
        switch (w[0])
        {
            case "quote" or "squote" or "toString" or "toYaml" when w.Count == 1:
            case "nindent" or "indent" when w.Count == 2 && !s.Contains('\n'):
                return cur;
            case "trim" when w.Count == 1: return cur with { Text = s.Trim() };
            case "lower" when w.Count == 1: return cur with { Text = s.ToLowerInvariant() };
            case "upper" when w.Count == 1: return cur with { Text = s.ToUpperInvariant() };
            case "trunc" when w.Count == 2 && int.TryParse(w[1], out var n) && n >= 0:
                return cur with { Text = s.Length > n ? s[..n] : s };
            case "trimSuffix" when w.Count == 2 && IsString(w[1]):
            {
                var x = Unquote(w[1]);
                return cur with { Text = x.Length > 0 && s.EndsWith(x, StringComparison.Ordinal) ? s[..^x.Length] : s };
            }
            case "trimPrefix" when w.Count == 2 && IsString(w[1]):
            {
                var x = Unquote(w[1]);
                return cur with { Text = x.Length > 0 && s.StartsWith(x, StringComparison.Ordinal) ? s[x.Length..] : s };
            }
        }
        return null;
    }

    private HelmValue? Include(string name, int depth)
    {
        if (!Defines.TryGetValue(name, out var body)) return null;
        var actions = HelmTemplate.Scan(body);
        var sb = new StringBuilder();
        var pos = 0;
        YScalar? origin = null;
        foreach (var a in actions)
        {
            if (Keyword(a.Inner) is "if" or "else" or "end" or "with" or "range" or "define" or "block") return null;
            var lead = body.Substring(pos, a.Start - pos);
            if (a.Inner.StartsWith('-')) lead = lead.TrimEnd();
            sb.Append(lead);
            if (Eval(a.Inner, depth + 1) is not { } v) return null;
            sb.Append(v.Text);
            origin = actions.Count == 1 ? v.Origin : null;
            pos = a.End;
            if (a.Inner.EndsWith('-')) while (pos < body.Length && char.IsWhiteSpace(body[pos])) pos++;
        }
        sb.Append(body, pos, body.Length - pos);
        var text = sb.ToString().Trim();
        return text.Contains('\n') ? null : new HelmValue(text, origin);
    }

    private HelmValue? PathValue(string word)
    {
        if (IsValuesPath(word))
        {
            var (found, node) = Lookup(word);
            if (!found) return null;
            if (node.Deref() is YScalar s) return new HelmValue(s.IsNull ? "" : s.Value, s);
            return null;
        }
        var w = word.StartsWith('$') ? word[1..] : word;
        return w switch
        {
            ".Chart.Name" when Name is not null => new HelmValue(Name, null),
            ".Chart.AppVersion" when AppVersion is not null => new HelmValue(AppVersion, null),
            _ => null,
        };
    }

    private static bool IsValuesPath(string word) => word.StartsWith(".Values.", StringComparison.Ordinal) || word.StartsWith("$.Values.", StringComparison.Ordinal);

    /// <summary>Looks a <c>.Values.a.b</c> path up in values.yaml: found is false when the chart has no values.yaml or a part is missing.</summary>
    private (bool Found, YNode? Node) Lookup(string word)
    {
        if (Values is null) return (false, null);
        var path = word[(word.IndexOf(".Values.", StringComparison.Ordinal) + 8)..];
        YNode? node = Values;
        foreach (var part in path.Split('.'))
        {
            if (part.Length == 0) return (false, null);
            node = node.Field(part);
            if (node is null) return (false, null);
        }
        return (true, node);
    }

    private static bool IsString(string w) => w.Length >= 2 && (w[0] == '"' && w[^1] == '"' || w[0] == '`' && w[^1] == '`');

    private static string Unquote(string w)
    {
        if (w[0] == '`') return w[1..^1];
        var sb = new StringBuilder();
        for (var i = 1; i < w.Length - 1; i++)
        {
            if (w[i] == '\\' && i + 1 < w.Length - 1) { i++; sb.Append(w[i] switch { 'n' => '\n', 't' => '\t', _ => w[i] }); }
            else sb.Append(w[i]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Splits a pipeline at the '|' outside strings (<c>"…"</c>, <c>`…`</c>) and parentheses (<c>(x | y)</c> is one
    /// stage); null when a string is not closed.
    /// </summary>
    public static List<string>? SplitPipes(string t)
    {
        var list = new List<string>();
        var quote = '\0';
        var depth = 0;
        var start = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"') { i++; continue; }
                if (c == quote) quote = '\0';
                continue;
            }
            if (c is '"' or '`') quote = c;
            else if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (c == '|' && depth == 0 && !(i + 1 < t.Length && t[i + 1] == '|')) { list.Add(t[start..i].Trim()); start = i + 1; }
        }
        if (quote != '\0') return null;
        list.Add(t[start..].Trim());
        return list;
    }

    /// <summary>Words of a command: strings stay whole (with their quotes).</summary>
    internal static List<string> Tokens(string t)
    {
        var list = new List<string>();
        var i = 0;
        while (i < t.Length)
        {
            if (char.IsWhiteSpace(t[i])) { i++; continue; }
            var start = i;
            if (t[i] is '"' or '`')
            {
                var q = t[i++];
                while (i < t.Length && t[i] != q) { if (q == '"' && t[i] == '\\') i++; i++; }
                i = Math.Min(t.Length, i + 1);
            }
            else
            {
                while (i < t.Length && !char.IsWhiteSpace(t[i])) i++;
            }
            list.Add(t[start..i]);
        }
        return list;
    }
}

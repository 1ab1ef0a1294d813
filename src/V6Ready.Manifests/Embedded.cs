using V6Ready.Core;
using V6Ready.Manifests.Rules;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests;

/// <summary>
/// Hands back the parts of a manifest that are files of another language (ConfigMap/Secret values, inline scripts) as
/// <see cref="EmbeddedRegion"/>s; the scanner analyses them with the right front end and maps the results back.
/// </summary>
public static class Embedded
{
    /// <summary>Every <c>data</c>/<c>stringData</c> value of a ConfigMap or Secret that is a file V6Ready reads (by key name, else by content).</summary>
    public static void ConfigMapData(Ctx ctx, YMap obj, string kind)
    {
        foreach (var field in new[] { "data", "stringData" })
        {
            if (kind == "Secret" && field == "data") continue; // base64
            foreach (var (k, v) in obj.Field(field).Pairs())
            {
                if (k.Scalar() is not { } key || v.Scalar() is not { IsNull: false } value) continue;
                var name = FileNameFor(key.Value, value.Value);
                if (name is null) continue;
                AddScalar(ctx, value, kind + " " + field, name, null);
            }
        }
    }

    /// <summary>
    /// Multi-line strings of a Helm values.yaml that are whole config files (<c>haproxy.cfg: |</c>, <c>configuration: |</c>
    /// holding an HAProxy or nginx config, by key name and else by content, as for ConfigMap data): the templates render
    /// them into ConfigMaps (often through <c>tpl</c>), so they are read as regions and reported at the values line. Template
    /// actions inside (for <c>tpl</c>) are neutralised with their offsets kept.
    /// </summary>
    public static void ValuesStrings(Ctx ctx, YNode? node, int depth = 0)
    {
        if (node is null || depth > 64) return;
        switch (node)
        {
            case YMap map:
                foreach (var (k, v) in map.Entries)
                {
                    if (v is YScalar { IsNull: false } value && k is YScalar key)
                    {
                        if (!value.Value.Contains('\n') || FileNameFor(key.Value, value.Value) is not { } name) continue;
                        AddTemplatedScalar(ctx, value, "values.yaml string", name);
                    }
                    else ValuesStrings(ctx, v, depth + 1);
                }
                break;
            case YSeq seq:
                foreach (var item in seq.Items) ValuesStrings(ctx, item, depth + 1);
                break;
        }
    }

    /// <summary><see cref="AddScalar"/> for a value that may hold template actions (rendered by <c>tpl</c>): they become filler or their default.</summary>
    private static void AddTemplatedScalar(Ctx ctx, YScalar value, string kind, string fileName)
    {
        if (!TemplateText.HasTemplateSyntax(value.Value) || value.Value.Length > EmbeddedDocuments.MaxRegionLength)
        {
            AddScalar(ctx, value, kind, fileName, null);
            return;
        }
        var before = ctx.Result.Regions.Count;
        AddScalar(ctx, value, kind, fileName, null);
        if (ctx.Result.Regions.Count != before + 1) return;
        var plain = ctx.Result.Regions[^1];
        var rendered = TemplateText.Render(plain.Text);
        var map = rendered.Map.Select(i => i >= 0 && i < plain.Map.Length ? plain.Map[i] : -1).ToArray();
        var defaults = rendered.Defaults.Where(d => d.End > d.Start && plain.Map[d.Start] >= 0 && plain.Map[d.End - 1] >= 0)
            .Select(d => (plain.Map[d.Start], plain.Map[d.End - 1] + 1)).ToList();
        var canWrite = plain.CanWrite;
        ctx.Result.Regions[^1] = new EmbeddedRegion(kind, fileName, null, rendered.Text, map)
        {
            LineIndent = plain.LineIndent,
            CanWrite = s => !TemplateText.HasTemplateSyntax(s) && (canWrite?.Invoke(s) ?? true),
            Configurable = defaults,
        };
    }

    /// <summary>A file name front ends will recognise: the key when it has one, else one guessed from the content.</summary>
    public static string? FileNameFor(string key, string content)
    {
        var k = key.Trim();
        if (k.Length == 0 || k.Length > 255) return null;
        if (k.Contains('.') && !k.EndsWith('.')) return k;
        var head = content.Length > 4096 ? content[..4096] : content;
        if (head.StartsWith("#!", StringComparison.Ordinal) && (head.Contains("sh", StringComparison.Ordinal))) return k + ".sh";
        if (head.Contains("static_resources:", StringComparison.Ordinal) || head.Contains("socket_address:", StringComparison.Ordinal)) return k + ".yaml";
        if (ManifestsFrontEnd.LooksLikeNginx(head)) return k + ".conf";
        if (HaproxyRules.LooksLikeHaproxy(head)) return k + ".cfg";
        if (LooksLikeRedis(head)) return "redis.conf";
        if (PostgresRules.LooksLikePostgres(head)) return "postgresql.conf";
        if (PgbouncerRules.HasSection(head)) return "pgbouncer.ini";
        if (MemcachedRules.LooksLikeMemcached(head)) return "memcached.conf";
        if (MysqlRules.HasServerGroup(head)) return "my.cnf";
        return null;
    }

    /// <summary>A redis/valkey config: a <c>bind</c> directive beside one of redis's own directives, and no braces.</summary>
    private static bool LooksLikeRedis(string head)
    {
        if (head.Contains('{') ) return false;
        bool bind = false, redis = false;
        foreach (var raw in head.Split('\n', '\r'))
        {
            var t = raw.TrimStart();
            if (t.StartsWith("bind ", StringComparison.Ordinal)) bind = true;
            if (t.StartsWith("protected-mode ", StringComparison.Ordinal) || t.StartsWith("appendonly ", StringComparison.Ordinal) ||
                t.StartsWith("maxmemory", StringComparison.Ordinal) || t.StartsWith("requirepass ", StringComparison.Ordinal) ||
                t.StartsWith("replicaof ", StringComparison.Ordinal) || t.StartsWith("save ", StringComparison.Ordinal) ||
                t.StartsWith("cluster-enabled ", StringComparison.Ordinal) || t.StartsWith("sentinel ", StringComparison.Ordinal))
                redis = true;
        }
        return bind && redis;
    }

    /// <summary>
    /// Adds <paramref name="value"/> (the text of host span [start, end) with its quoting removed) as a region. The
    /// map is an alignment; every fix edit is still checked against the host characters before it is kept.
    /// </summary>
    public static void AddSpan(Ctx ctx, string kind, string fileName, string? language, string value, int start, int end, Func<string, bool>? canWrite, string? lineIndent = null)
    {
        if (value.Length == 0 || start < 0 || end > ctx.Text.Length || end <= start) return;
        if (value.Length > EmbeddedDocuments.MaxRegionLength)
        {
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, ctx.Doc.GetLineColumn(start).Line, $"{kind} '{fileName}' is {value.Length} characters long (limit {EmbeddedDocuments.MaxRegionLength}); not analysed"));
            return;
        }
        var source = ctx.Helm?.Text ?? ctx.Text;
        var map = EmbeddedRegion.Align(source, start, Math.Min(end, source.Length), value);
        ctx.Result.Regions.Add(new EmbeddedRegion(kind, fileName, language, value, map) { CanWrite = canWrite, LineIndent = lineIndent });
    }

    /// <summary>
    /// What may be written into a shell word whose source is <paramref name="raw"/>: no quote that would end it, no
    /// character a double-quoted string expands, and nothing that splits an unquoted word.
    /// </summary>
    public static bool ShellWordCanWrite(string raw, string s)
    {
        if (raw.Contains('\'') && s.Contains('\'')) return false;
        if (raw.Contains('"') && s.IndexOfAny(new[] { '"', '\\', '$', '`' }) >= 0) return false;
        if (!raw.Contains('\'') && !raw.Contains('"') && s.IndexOfAny(new[] { ' ', '\t', ';', '&', '|', '<', '>', '(', ')', '$', '`', '\\', '"', '\'', '#' }) >= 0) return false;
        return true;
    }

    /// <summary>What may be written into a YAML scalar whose source is <paramref name="raw"/> (by its quoting style).</summary>
    public static bool YamlScalarCanWrite(string? raw, string s)
    {
        if (raw is null) return false;
        var t = raw.TrimStart();
        if (t.StartsWith('"')) return !s.Contains('"') && !s.Contains('\\');
        if (t.StartsWith('\'')) return !s.Contains('\'');
        if (t.StartsWith('|')) return !s.Contains("{{", StringComparison.Ordinal);
        if (t.StartsWith('>')) return false;
        // Plain: a ':' or '#' may meet a neighbouring space in the host (": ", " #") and change the YAML.
        return !s.Contains(':') && !s.Contains('#');
    }

    /// <summary>Adds the scalar's value as a region; skips values too large to map.</summary>
    public static void AddScalar(Ctx ctx, YScalar value, string kind, string fileName, string? language)
    {
        var text = value.Value;
        if (text.Length == 0) return;
        var (line, _) = ctx.Doc.GetLineColumn(value.Start);
        if (text.Length > EmbeddedDocuments.MaxRegionLength)
        {
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, line, $"{kind} '{fileName}' is {text.Length} characters long (limit {EmbeddedDocuments.MaxRegionLength}); not analysed"));
            return;
        }
        // Align against the text the YAML was parsed from (Helm actions neutralised), so an action stays in place.
        var source = ctx.Helm?.Text ?? ctx.Text;
        var map = EmbeddedRegion.Align(source, value.Start, Math.Min(value.End, source.Length), text);
        string? indent = null;
        if (value.Style is YScalarStyle.Literal && map.Length > 0 && map[0] >= 0)
        {
            var ls = ctx.LineStartOf(map[0]);
            var pad = ctx.Text.Substring(ls, map[0] - ls);
            if (pad.All(c => c == ' ')) indent = pad;
        }
        Func<string, bool> canWrite = value.Style switch
        {
            YScalarStyle.DoubleQuoted => s => !s.Contains('"') && !s.Contains('\\'),
            YScalarStyle.SingleQuoted => s => !s.Contains('\''),
            YScalarStyle.Plain => s => !s.Contains(" #", StringComparison.Ordinal) && !s.Contains(": ", StringComparison.Ordinal),
            YScalarStyle.Folded => _ => false,
            _ => s => !s.Contains("{{", StringComparison.Ordinal),
        };
        ctx.Result.Regions.Add(new EmbeddedRegion(kind, fileName, language, text, map) { LineIndent = indent, CanWrite = canWrite });
    }
}

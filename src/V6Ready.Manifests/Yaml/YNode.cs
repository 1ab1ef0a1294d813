namespace V6Ready.Manifests.Yaml;

/// <summary>A node of a YAML or JSON document with its exact span (0-based char offsets into the file text).</summary>
public abstract class YNode
{
    public int Start { get; internal set; }
    public int End { get; internal set; }
    public string? Tag { get; internal set; }

    public virtual YMap? AsMap => null;
    public virtual YSeq? AsSeq => null;
    public virtual YScalar? AsScalar => null;
}

public enum YScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

public sealed class YScalar : YNode
{
    public YScalar(string value, YScalarStyle style) { Value = value; Style = style; }
    public string Value { get; }
    public YScalarStyle Style { get; }
    /// <summary>True for a plain empty scalar or a plain null/~ (YAML null).</summary>
    public bool IsNull => Style == YScalarStyle.Plain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");
    public override YScalar? AsScalar => this;
    public override string ToString() => Value;
}

public sealed class YMap : YNode
{
    public List<KeyValuePair<YNode, YNode>> Entries { get; } = new();
    public bool IsFlow { get; internal set; }
    public override YMap? AsMap => this;

    /// <summary>The value of the first entry whose scalar key equals <paramref name="key"/> (ordinal), or null.</summary>
    public YNode? Get(string key)
    {
        foreach (var e in Entries)
            if (e.Key is YScalar s && s.Value == key) return e.Value;
        return null;
    }

    public YScalar? GetKeyNode(string key)
    {
        foreach (var e in Entries)
            if (e.Key is YScalar s && s.Value == key) return s;
        return null;
    }

    public string? GetString(string key) => (Get(key) as YScalar) is { IsNull: false } s ? s.Value : null;
    public YMap? GetMap(string key) => Get(key) as YMap;
    public YSeq? GetSeq(string key) => Get(key) as YSeq;
}

public sealed class YSeq : YNode
{
    public List<YNode> Items { get; } = new();
    public bool IsFlow { get; internal set; }
    public override YSeq? AsSeq => this;
}

/// <summary>An alias to an anchored node; the target is shared (never copied), so alias bombs cost nothing to load.</summary>
public sealed class YAlias : YNode
{
    public YAlias(string name) { Name = name; }
    public string Name { get; }
    public YNode? Target { get; internal set; }
}

/// <summary>One document of a stream.</summary>
public sealed class YDocument
{
    public YDocument(YNode? root, int start, int end) { Root = root; Start = start; End = end; }
    public YNode? Root { get; }
    public int Start { get; }
    public int End { get; }
}

public static class YNodeExtensions
{
    /// <summary>Follows aliases (bounded) to the real node.</summary>
    public static YNode? Deref(this YNode? node)
    {
        for (var i = 0; i < 64 && node is YAlias a; i++) node = a.Target;
        return node is YAlias ? null : node;
    }

    public static YMap? Map(this YNode? node) => node.Deref() as YMap;
    public static YSeq? Seq(this YNode? node) => node.Deref() as YSeq;
    public static YScalar? Scalar(this YNode? node) => node.Deref() as YScalar;

    /// <summary>A map's value, following YAML merge keys (&lt;&lt;) one level.</summary>
    public static YNode? Field(this YNode? node, string key)
    {
        var map = node.Map();
        if (map is null) return null;
        var v = map.Get(key);
        if (v is not null) return v.Deref();
        var merge = map.Get("<<").Deref();
        if (merge is YMap mm) return mm.Get(key).Deref();
        if (merge is YSeq ms)
            foreach (var item in ms.Items)
                if (item.Map()?.Get(key).Deref() is { } found) return found;
        return null;
    }

    public static string? Str(this YNode? node, string key) => node.Field(key) is YScalar { IsNull: false } s ? s.Value : null;

    /// <summary>The entries of a map including merged ones (own keys win).</summary>
    public static IEnumerable<KeyValuePair<YNode, YNode>> Pairs(this YNode? node)
    {
        var map = node.Map();
        if (map is null) yield break;
        var seen = new HashSet<string>();
        foreach (var e in map.Entries)
        {
            if (e.Key is YScalar k && k.Value == "<<" && k.Style == YScalarStyle.Plain) continue;
            if (e.Key is YScalar ks) seen.Add(ks.Value);
            yield return e;
        }
        var merge = map.Get("<<").Deref();
        var sources = merge is YMap m1 ? new[] { m1 } : merge is YSeq s ? s.Items.Select(i => i.Map()).Where(x => x is not null).Cast<YMap>().ToArray() : Array.Empty<YMap>();
        foreach (var src in sources)
            foreach (var e in src.Entries)
                if (e.Key is YScalar ks && seen.Add(ks.Value)) yield return e;
    }
}

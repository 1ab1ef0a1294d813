using System.Text.Json;
using V6Ready.Core;
using V6Ready.Manifests.Hcl;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6106 over Terraform (<c>*.tf</c>): a security-group, firewall or network-ACL rule that opens <c>0.0.0.0/0</c> with
/// no IPv6 counterpart (<c>::/0</c> in the same rule, or a sibling rule of the same kind and ports). Which resource and
/// attribute holds which family is data: rules/terraform.json, one row per rule kind, each with its source.
/// </summary>
public static class TerraformRules
{
    public const string Language = "terraform";
    private const string OpenV4 = "0.0.0.0/0";
    private const string OpenV6 = "::/0";

    /// <summary>One row of rules/terraform.json.</summary>
    public sealed record Row(
        string Id, IReadOnlyList<string> Resources, IReadOnlyList<string> Blocks, IReadOnlyList<string> Ipv4, IReadOnlyList<string> Ipv6,
        IReadOnlyList<string> Match, IReadOnlyList<string> DualValues, string? Fix, string Source);

    private static readonly Lazy<IReadOnlyList<Row>> s_table = new(Load);

    /// <summary>The table (rules/terraform.json).</summary>
    public static IReadOnlyList<Row> Table => s_table.Value;

    public static bool Detect(string lowerName) => lowerName.EndsWith(".tf", StringComparison.Ordinal);

    private static IReadOnlyList<Row> Load()
    {
        using var stream = typeof(TerraformRules).Assembly.GetManifestResourceStream("V6Ready.Manifests.terraform.json");
        if (stream is null) return Array.Empty<Row>();
        using var doc = JsonDocument.Parse(stream);
        var rows = new List<Row>();
        foreach (var e in doc.RootElement.GetProperty("rules").EnumerateArray())
        {
            string? S(string n) => e.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            IReadOnlyList<string> L(string n) => e.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList()
                : Array.Empty<string>();
            rows.Add(new Row(S("id") ?? "", L("resources"), L("blocks"), L("ipv4"), L("ipv6"), L("match"), L("dualValues"), S("fix"), S("source") ?? ""));
        }
        return rows;
    }

    /// <summary>
    /// A resource block with the text it was parsed from (sibling files of the module are read from disk); also the
    /// module's <c>locals</c> (Type "locals") and <c>variable</c> blocks (Type "variable"), and the attributes of its
    /// auto-loaded variable files (Type "tfvars": terraform.tfvars, *.auto.tfvars, as one block named by the file).
    /// </summary>
    private sealed record Resource(string Type, string Name, HclBlock Block, string Text);

    /// <summary>A value a rule attribute refers to: the expression, what to show, and how sure the tool is that it is deployed.</summary>
    private sealed record Reference(HclExpr Value, string Shown, Confidence Confidence);

    public static void Analyze(Ctx ctx)
    {
        var file = HclParser.Parse(ctx.Doc, ctx.Analysis.CancellationToken);
        ctx.Result.Comments.AddRange(file.Comments);
        // A .tf file written by a shell heredoc or a template holds the host's $VARS and actions: its syntax errors are the
        // host's business, so only a file of its own reports them.
        if (ctx.Doc.EmbeddedFileName is null)
            foreach (var (line, message) in file.Errors) ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, line, message));
        var own = ResourcesOf(file.Body, ctx.Text);
        List<Resource>? module = null;
        List<Resource> Module() => module ??= own.Concat(ModuleSiblings(ctx.Doc.FullPath)).ToList();
        // local.NAME: the literal of a locals block of the module (all_ips = ["0.0.0.0/0"] is a common idiom).
        // var.NAME: the value an auto-loaded variable file (terraform.tfvars, *.auto.tfvars) gives it, which terraform
        // uses over the default; else the variable's default, reported as configurable (medium confidence).
        Reference? Resolve(string reference)
        {
            if (reference.StartsWith("local.", StringComparison.Ordinal))
                return Module().Where(m => m.Type == "locals").Select(m => m.Block.Body.Attribute(reference[6..])?.Value).FirstOrDefault(v => v is not null) is { } lv
                    ? new Reference(lv, reference, Confidence.High) : null;
            var name = reference[4..];
            if (Module().Where(m => m.Type == "tfvars").OrderBy(m => m.Name == "terraform.tfvars" ? "" : m.Name, StringComparer.Ordinal)
                    .Select(m => (m.Name, Value: m.Block.Body.Attribute(name)?.Value)).LastOrDefault(v => v.Value is not null) is { Value: { } tv } set)
                return new Reference(tv, $"{reference} = {{0}} in {set.Name}", Confidence.High);
            return Module().Where(m => m.Type == "variable" && m.Name == name).Select(m => m.Block.Body.Attribute("default")?.Value).FirstOrDefault(v => v is not null) is { } dv
                ? new Reference(dv, $"{reference} = {{0}} by default", Confidence.Medium) : null;
        }
        var covered = new Dictionary<Row, HashSet<string>>();
        foreach (var r in own)
        {
            foreach (var row in Table)
            {
                if (!row.Resources.Contains(r.Type)) continue;
                if (row.Blocks.Count == 0)
                {
                    // Siblings: resources of the same type in the module (this file and the other *.tf of its folder).
                    if (!covered.TryGetValue(row, out var set))
                    {
                        covered[row] = set = CoveredSignatures(row, Module().Where(o => row.Resources.Contains(o.Type)).Select(o => (o.Type, o.Block.Body, o.Text)));
                    }
                    Check(ctx, row, r.Type, r.Block.Body, set, $"{r.Type} '{r.Name}'", Resolve);
                }
                else
                {
                    HashSet<string>? set = null;
                    foreach (var b in r.Block.Body.Blocks)
                    {
                        if (!row.Blocks.Contains(b.Type)) continue;
                        // Siblings: blocks of the same type in the same resource.
                        set ??= CoveredSignatures(row, r.Block.Body.Blocks.Where(o => row.Blocks.Contains(o.Type)).Select(o => (o.Type, o.Body, ctx.Text)));
                        Check(ctx, row, b.Type, b.Body, set, $"{r.Type} '{r.Name}' {b.Type} block", Resolve);
                    }
                }
            }
        }
    }

    /// <summary>The match signatures (kind + match attributes) of the rules that open ::/0, or whose IPv6 side is not readable.</summary>
    private static HashSet<string> CoveredSignatures(Row row, IEnumerable<(string Kind, HclBody Body, string Text)> rules)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, body, text) in rules)
            if (Coverage(row, body) != Cover.No) set.Add(Signature(row, kind, body, text));
        return set;
    }

    private static string Signature(Row row, string kind, HclBody body, string text) =>
        kind + "\u0001" + string.Join("\u0001", row.Match.Select(k => Normal(body.Attribute(k), text)));

    /// <summary>The resource blocks, and the locals blocks (as type "locals"), of a file.</summary>
    private static List<Resource> ResourcesOf(HclBody body, string text) =>
        body.Blocks.Where(b => b.Type == "resource" && b.Labels.Count >= 2 || b.Type == "locals" && b.Labels.Count == 0 || b.Type == "variable" && b.Labels.Count == 1)
            .Select(b => b.Type switch
            {
                "locals" => new Resource("locals", "", b, text),
                "variable" => new Resource("variable", b.Labels[0], b, text),
                _ => new Resource(b.Labels[0], b.Labels[1], b, text),
            }).ToList();

    /// <summary>terraform.tfvars and *.auto.tfvars: terraform loads them without a -var-file flag (later names win).</summary>
    public static bool IsAutoVariableFile(string fileName) =>
        fileName.Equals("terraform.tfvars", StringComparison.Ordinal) || fileName.EndsWith(".auto.tfvars", StringComparison.Ordinal);

    private static void Check(Ctx ctx, Row row, string kind, HclBody body, HashSet<string> coveredSignatures, string what, Func<string, Reference?> reference)
    {
        foreach (var name in row.Ipv4)
        {
            var attr = body.Attribute(name);
            if (attr is null) continue;
            var value = attr.Value;
            Reference? via = null;
            if (value is HclOther { Text: var t } && IsReference(t) && reference(t) is { } r)
            {
                value = r.Value;
                via = r;
            }
            if (OpenToAll(value) is not { } literal) continue;
            var (start, end) = via is null ? (literal.Start, literal.End) : (attr.Value.Start, attr.Value.End);
            if (Coverage(row, body) != Cover.No) continue; // ::/0 beside it, or an IPv6 value the tool cannot read
            if (coveredSignatures.Contains(Signature(row, kind, body, ctx.Text))) continue; // a sibling rule opens ::/0
            var shown = via is null ? OpenV4 : via.Shown.Contains("{0}", StringComparison.Ordinal) ? via.Shown.Replace("{0}", OpenV4, StringComparison.Ordinal) : via.Shown + " = " + OpenV4;
            ctx.Report(RuleCatalog.V6106, start, end - start, FixFor(ctx, row, body, attr), via?.Confidence ?? Confidence.High,
                $"{what} {name} ({shown}, no {OpenV6})");
        }
    }

    /// <summary><c>local.NAME</c> or <c>var.NAME</c>, nothing more (no index, call or attribute of it).</summary>
    private static bool IsReference(string t)
    {
        var prefix = t.StartsWith("local.", StringComparison.Ordinal) ? 6 : t.StartsWith("var.", StringComparison.Ordinal) ? 4 : 0;
        return prefix > 0 && t.Length > prefix && t.Skip(prefix).All(c => char.IsLetterOrDigit(c) || c is '_' or '-');
    }

    private enum Cover { No, Yes, Unknown }

    /// <summary>Whether the IPv6 attributes of <paramref name="body"/> hold ::/0 (or a value covering both families).</summary>
    private static Cover Coverage(Row row, HclBody body)
    {
        var result = Cover.No;
        foreach (var name in row.Ipv6)
        {
            if (body.Attribute(name) is not { } a) continue;
            foreach (var item in Items(a.Value))
            {
                if (item is HclString { Value: { } v })
                {
                    var t = v.Trim();
                    if (t == OpenV6 || row.DualValues.Contains(t, StringComparer.OrdinalIgnoreCase)) return Cover.Yes;
                }
                else result = Cover.Unknown; // var.ipv6_cidrs, a template, a call: not read
            }
        }
        return result;
    }

    private static IEnumerable<HclExpr> Items(HclExpr e) => e is HclList l ? l.Items : new[] { e };

    /// <summary>The <c>"0.0.0.0/0"</c> literal of the value (a string or a list item), else null.</summary>
    private static HclString? OpenToAll(HclExpr value) =>
        Items(value).OfType<HclString>().FirstOrDefault(s => s.Value is { } v && v.Trim() == OpenV4);

    private static string Normal(HclAttribute? attr, string text)
    {
        if (attr is null) return "";
        if (attr.Value is HclString { Value: { } v }) return v.Trim();
        var raw = attr.Value.End <= text.Length ? text[attr.Value.Start..attr.Value.End] : "";
        return new string(raw.Where(c => !char.IsWhiteSpace(c) && c != '"').ToArray());
    }

    /// <summary>
    /// The row's attribute line inserted after the IPv4 one, at its indentation (and '=' column): only when the provider
    /// accepts both families in one rule, the block has no IPv6 attribute yet, and the IPv4 attribute has its own line(s).
    /// </summary>
    private static Fix? FixFor(Ctx ctx, Row row, HclBody body, HclAttribute attr)
    {
        if (row.Fix is not { } fixText || row.Ipv6.Any(n => body.Attribute(n) is not null)) return null;
        var eq = fixText.IndexOf('=');
        if (eq <= 0) return null;
        var newName = fixText[..eq].Trim();
        var newValue = fixText[(eq + 1)..].Trim();
        var text = ctx.Text;
        if (!ctx.OnlyWhitespaceBefore(attr.Start)) return null;
        var lineEnd = ctx.LineEndOf(attr.End);
        var rest = text[attr.End..lineEnd].Trim();
        if (rest.Length > 0 && !rest.StartsWith('#') && !rest.StartsWith("//", StringComparison.Ordinal)) return null;
        var indent = text[ctx.LineStartOf(attr.Start)..attr.Start];
        // Keep the '=' column the block uses (terraform fmt aligns consecutive attributes).
        var eqAt = text.IndexOf('=', attr.Start + attr.Name.Length);
        var eqColumn = eqAt >= 0 && eqAt < attr.Value.Start ? eqAt - attr.Start : attr.Name.Length + 1;
        var pad = new string(' ', Math.Max(1, eqColumn - newName.Length));
        var line = indent + newName + pad + "= " + newValue;
        var next = ctx.NextLineStart(attr.End);
        var edit = next > lineEnd
            ? new TextEdit(next, 0, line + ctx.NewLine)
            : new TextEdit(lineEnd, 0, ctx.NewLine + line);
        return new Fix($"Add {newName} = {newValue} (IPv6 from everywhere, as 0.0.0.0/0 is for IPv4)", FixSafety.Unsafe, new[] { edit });
    }

    // ---- the other *.tf files of the module (folder) -------------------------------------------------------------------

    private const long MaxSiblingBytes = 1024 * 1024;

    /// <summary>
    /// Parsed sibling files, bounded (64 MB of source text, 4,096 files; least recently used out first) so the
    /// long-running language server does not keep every module it ever opened.
    /// </summary>
    private static readonly BoundedFileCache<List<Resource>> SiblingCache = new(64L * 1024 * 1024, 4096);

    /// <summary>The number of sibling files cached and the text size they hold (for tests and diagnostics).</summary>
    public static (int Files, long Bytes) SiblingCacheSize => (SiblingCache.Count, SiblingCache.Cost);

    private static IEnumerable<Resource> ModuleSiblings(string fullPath)
    {
        string? dir;
        try
        {
            if (!Path.IsPathRooted(fullPath)) return Array.Empty<Resource>();
            dir = Path.GetDirectoryName(fullPath);
            if (dir is null || !Directory.Exists(dir)) return Array.Empty<Resource>();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Array.Empty<Resource>();
        }
        var result = new List<Resource>();
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(dir, "*.tf")
                .Concat(Directory.EnumerateFiles(dir, "*.tfvars").Where(f => IsAutoVariableFile(Path.GetFileName(f)))).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return result; }
        foreach (var f in files)
        {
            if (string.Equals(Path.GetFullPath(f), Path.GetFullPath(fullPath), StringComparison.Ordinal)) continue;
            try
            {
                var info = new FileInfo(f);
                if (!info.Exists || info.Length > MaxSiblingBytes) continue;
                if (SiblingCache.TryGet(f, info.Length, info.LastWriteTimeUtc, out var cached))
                {
                    result.AddRange(cached);
                    continue;
                }
                var text = File.ReadAllText(f);
                if (text.IndexOf('\0') >= 0) continue;
                var body = HclParser.Parse(new SourceDocument(f, text)).Body;
                var parsed = f.EndsWith(".tfvars", StringComparison.Ordinal)
                    ? new List<Resource> { new("tfvars", Path.GetFileName(f), new HclBlock("tfvars", new[] { Path.GetFileName(f) }, 0, text.Length, body), text) }
                    : ResourcesOf(body, text);
                SiblingCache.Add(f, info.Length, info.LastWriteTimeUtc, parsed, text.Length);
                result.AddRange(parsed);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return result;
    }
}

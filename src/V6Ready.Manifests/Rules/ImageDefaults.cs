using System.Text.Json;
using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>One row of rules/images.json: an image whose default configuration listens on IPv4 only.</summary>
public sealed record ImageDefault(string Id, string Image, string? Before, string Program, IReadOnlyList<string> CleanIf, string? ConfigPath, string Reason, string Fix, string Source);

/// <summary>
/// V6301 for container images (Dockerfile FROM, Kubernetes and compose image:) whose default configuration listens on
/// IPv4 only, when nothing in the container's command line makes it dual-stack or replaces the config.
/// </summary>
public static class ImageDefaults
{
    private static readonly Lazy<IReadOnlyList<ImageDefault>> s_rows = new(Load);

    public static IReadOnlyList<ImageDefault> Rows => s_rows.Value;

    private static IReadOnlyList<ImageDefault> Load()
    {
        using var stream = typeof(ImageDefaults).Assembly.GetManifestResourceStream("V6Ready.Manifests.images.json");
        if (stream is null) return Array.Empty<ImageDefault>();
        using var doc = JsonDocument.Parse(stream);
        var list = new List<ImageDefault>();
        foreach (var e in doc.RootElement.GetProperty("images").EnumerateArray())
        {
            string? S(string n) => e.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var clean = e.TryGetProperty("cleanIf", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : new List<string>();
            list.Add(new ImageDefault(S("id")!, S("image")!, S("before"), S("program")!, clean, S("configPath"), S("reason")!, S("fix")!, S("source")!));
        }
        return list;
    }

    /// <summary>The row for <paramref name="image"/> ("registry/name:tag"), when its tag is in the row's range.</summary>
    public static ImageDefault? Match(string? image)
    {
        if (string.IsNullOrWhiteSpace(image)) return null;
        var name = image.Trim();
        var at = name.IndexOf('@');
        if (at >= 0) name = name[..at];
        var slash = name.LastIndexOf('/');
        var repo = slash >= 0 ? name[(slash + 1)..] : name;
        var prefix = slash >= 0 ? name[..slash] : "";
        // Official images only: no prefix, library/, or a registry host followed by library/.
        if (prefix.Length > 0 && prefix is not ("library" or "docker.io/library" or "index.docker.io/library")) return null;
        var colon = repo.IndexOf(':');
        var tag = colon >= 0 ? repo[(colon + 1)..] : "latest";
        repo = colon >= 0 ? repo[..colon] : repo;
        foreach (var row in Rows)
        {
            if (!repo.Equals(row.Image, StringComparison.OrdinalIgnoreCase)) continue;
            if (row.Before is null) return row;
            var v = LeadingVersion(tag);
            if (v is not null && Version.TryParse(row.Before, out var before) && v < before) return row;
        }
        return null;
    }

    private static Version? LeadingVersion(string tag)
    {
        var i = 0;
        while (i < tag.Length && (char.IsDigit(tag[i]) || tag[i] == '.')) i++;
        var s = tag[..i].Trim('.');
        if (s.Length == 0) return null;
        if (!s.Contains('.')) s += ".0";
        return Version.TryParse(s, out var v) ? v : null;
    }

    /// <summary>
    /// Reports the image at [start, start+length) unless <paramref name="argv"/> has one of the row's clean switches or a
    /// bind setting its own rule judges, or <paramref name="replacesConfig"/> (the config folder is replaced).
    /// </summary>
    public static void Check(Ctx ctx, string? image, int start, int length, IReadOnlyList<string> argv, Func<string, bool> replacesConfig)
    {
        var row = Match(image);
        if (row is null) return;
        if (argv.Any(a => row.CleanIf.Contains(a))) return;
        if (row.Program == "mongod" && argv.Any(a => a.StartsWith("--bind_ip", StringComparison.Ordinal))) return; // V6203 judges it
        if (row.ConfigPath is not null && replacesConfig(row.ConfigPath)) return;
        ctx.Report(RuleCatalog.V6301, start, length, null, Confidence.Medium, $"image '{image}': {row.Reason}; {row.Fix} (source: {row.Source})");
    }
}

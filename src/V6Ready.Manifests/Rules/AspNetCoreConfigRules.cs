using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// ASP.NET Core endpoint settings without Roslyn: <c>Urls</c> and <c>Kestrel:Endpoints:*:Url</c> in
/// <c>appsettings*.json</c>, <c>applicationUrl</c> and <c>environmentVariables:ASPNETCORE_URLS</c> (or <c>URLS</c>) of
/// each profile in <c>launchSettings.json</c>. Kestrel's AddressBinder turns a URL whose host parses as an IP address
/// into exactly that endpoint, so <c>0.0.0.0</c> is <c>IPAddress.Any</c> (IPv4 only, V6001) and <c>127.x.x.x</c> is
/// IPv4 loopback only (V6002); <c>*</c>, <c>+</c> and other names bind <c>IPv6Any</c> dual-mode (falling back to
/// IPv4), <c>[::]</c> is <c>IPv6Any</c> dual-mode and <c>localhost</c> binds both loopbacks (rules/V6001.md).
/// The CLI's only reader of these files (the C# front end leaves them to this one, with or without <c>.cs</c> files);
/// same rule ids and messages as the Roslyn analyzer of the V6Ready.Analyzers package (ConfigUrlAnalyzer), plus fixes.
/// </summary>
public static class AspNetCoreConfigRules
{
    /// <summary><c>appsettings*.json</c> or <c>launchSettings.json</c> (file name, any case).</summary>
    public static bool IsConfigFile(string fileName) =>
        IsAppSettings(fileName) || IsLaunchSettings(fileName);

    public static bool IsAppSettings(string fileName) =>
        fileName.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsLaunchSettings(string fileName) => fileName.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase);

    public static void Analyze(Ctx ctx, string fileName)
    {
        var load = JsonLoader.Load(ctx.Text, jsonc: true, ctx.Result.Comments);
        foreach (var (line, msg) in load.Errors) ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, line, msg));
        if (load.Documents.Count == 0 || load.Documents[0].Root is not YMap root) return;
        var appSettings = IsAppSettings(fileName);
        foreach (var (path, value) in StringValues(root, new List<string>()))
        {
            if (!(appSettings ? IsAppSettingsUrl(path) : IsLaunchSettingsUrl(path))) continue;
            Check(ctx, string.Join(":", path), value);
        }
    }

    private static IEnumerable<(List<string> Path, YScalar Value)> StringValues(YMap map, List<string> path)
    {
        if (path.Count >= 8) yield break; // the keys looked at are at most 4 deep
        foreach (var (key, value) in map.Entries)
        {
            if (key is not YScalar k) continue;
            path.Add(k.Value);
            if (value is YScalar { Style: YScalarStyle.DoubleQuoted } s) yield return (new List<string>(path), s);
            else if (value is YMap m) foreach (var inner in StringValues(m, path)) yield return inner;
            path.RemoveAt(path.Count - 1);
        }
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // ASP.NET Core configuration keys are case-insensitive.
    private static bool IsAppSettingsUrl(List<string> p) =>
        p.Count == 1 && Is(p[0], "Urls") ||
        p.Count == 4 && Is(p[0], "Kestrel") && Is(p[1], "Endpoints") && Is(p[3], "Url");

    private static bool IsLaunchSettingsUrl(List<string> p) =>
        p.Count == 3 && Is(p[0], "profiles") && Is(p[2], "applicationUrl") ||
        p.Count == 4 && Is(p[0], "profiles") && Is(p[2], "environmentVariables") && (Is(p[3], "ASPNETCORE_URLS") || Is(p[3], "URLS"));

    private static void Check(Ctx ctx, string key, YScalar value)
    {
        var hosts = V6Ready.Analyzers.Ipv4.UrlHostSpans(value.Value).ToList();
        RuleDescriptor rule;
        string replacement;
        if (hosts.Any(h => h.Host == "0.0.0.0")) (rule, replacement) = (RuleCatalog.V6001, "*");
        else if (hosts.Any(h => Net.IsLoopbackV4(h.Host))) (rule, replacement) = (RuleCatalog.V6002, "localhost");
        else return;

        // The fix rewrites the flagged hosts inside the string token; only when the token is written without escapes
        // (then the value's offsets are the token's, one past the opening quote).
        Fix? fix = null;
        var raw = ctx.Text.Substring(value.Start, value.End - value.Start);
        if (raw.Length == value.Value.Length + 2 && raw[1..^1] == value.Value)
        {
            var edits = hosts
                .Where(h => rule == RuleCatalog.V6001 ? h.Host == "0.0.0.0" : Net.IsLoopbackV4(h.Host))
                .Select(h => new TextEdit(value.Start + 1 + h.Offset, h.Host.Length, replacement))
                .ToList();
            var title = rule == RuleCatalog.V6001
                ? "Use the host * (Kestrel binds IPv6Any dual-mode)"
                : "Use the host localhost (Kestrel binds 127.0.0.1 and ::1)";
            fix = new Fix(title, FixSafety.Safe, edits);
        }
        ctx.Report(rule, value.Start, value.End - value.Start, fix, Confidence.High, "'" + key + "' URL '" + value.Value + "'");
    }
}

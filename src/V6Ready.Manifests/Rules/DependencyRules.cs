using System.Text.Json;
using System.Xml;
using V6Ready.Core;
using V6Ready.Manifests.Yaml;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>One entry of rules/advisories.json.</summary>
public sealed record Advisory(string Id, string Ecosystem, string Package, string Affected, string Fixed, string Reason, string Source,
    string? UnlessPackage, string? UnlessAtLeast, bool NoFix);

/// <summary>V6301 over csproj / Directory.Packages.props, package.json and go.mod, against the advisory list kept as data.</summary>
public static class DependencyRules
{
    private static readonly Lazy<IReadOnlyList<Advisory>> s_advisories = new(LoadEmbedded);

    public static IReadOnlyList<Advisory> Advisories => s_advisories.Value;

    private static IReadOnlyList<Advisory> LoadEmbedded()
    {
        using var stream = typeof(DependencyRules).Assembly.GetManifestResourceStream("V6Ready.Manifests.advisories.json");
        if (stream is null) return Array.Empty<Advisory>();
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public static IReadOnlyList<Advisory> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<Advisory>();
        foreach (var a in doc.RootElement.GetProperty("advisories").EnumerateArray())
        {
            string S(string name) => a.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            string? unlessPkg = null, unlessMin = null;
            if (a.TryGetProperty("unlessAlso", out var u))
            {
                unlessPkg = u.GetProperty("package").GetString();
                unlessMin = u.GetProperty("atLeast").GetString();
            }
            list.Add(new Advisory(S("id"), S("ecosystem"), S("package"), S("affected"), S("fixed"), S("reason"), S("source"), unlessPkg, unlessMin,
                a.TryGetProperty("noFix", out var nf) && nf.ValueKind == JsonValueKind.True));
        }
        return list;
    }

    /// <summary>One dependency as written: name, version text and where the version sits in the file; NoFix for lock files and ranges the fix cannot rewrite.</summary>
    internal sealed record Dep(string Name, string VersionText, int VersionStart, int VersionLength, bool NoFix = false);

    public static void Analyze(Ctx ctx, SourceDocument document, string language)
    {
        var name = Path.GetFileName(document.Path).ToLowerInvariant();
        List<Dep> deps;
        string ecosystem;
        if (language == "msbuild") { deps = MsBuild(ctx); ecosystem = "nuget"; }
        else if (language == "gomod") { deps = GoMod(ctx); ecosystem = "go"; }
        else if (name == "package.json") { deps = PackageJson(ctx); ecosystem = "npm"; }
        else if (PythonDependencies.IsLanguage(language)) { deps = PythonDependencies.Read(ctx, language); ecosystem = "pypi"; }
        else return;

        // PyPI names compare after PEP 503 normalisation (Kafka_Python is kafka-python).
        IEqualityComparer<string> comparer = ecosystem == "nuget" ? StringComparer.OrdinalIgnoreCase
            : ecosystem == "pypi" ? new PypiNameComparer() : StringComparer.Ordinal;
        foreach (var dep in deps)
        {
            foreach (var adv in Advisories)
            {
                if (adv.Ecosystem != ecosystem || !comparer.Equals(adv.Package, dep.Name)) continue;
                var (baseVersion, prefix, upperExclusive) = NormalizeRange(dep.VersionText, ecosystem);
                if (baseVersion is null || !Satisfies(baseVersion, adv.Affected)) continue;
                if (adv.UnlessPackage is not null && deps.Any(d => comparer.Equals(d.Name, adv.UnlessPackage) &&
                        NormalizeRange(d.VersionText, ecosystem).Base is { } v && Compare(v, adv.UnlessAtLeast!) >= 0))
                    continue;
                // A range that already admits the fixed version (^5.3.0 with 5.8.2 fixed) may resolve to a good one: check the lock file.
                var rangeAllowsFix = upperExclusive is not null && Compare(adv.Fixed, upperExclusive) < 0 && Compare(adv.Fixed, baseVersion) > 0;
                Fix? fix = null;
                if (!adv.NoFix && !dep.NoFix && !rangeAllowsFix)
                    fix = new Fix($"Upgrade {dep.Name} to {adv.Fixed} (review: may change behaviour)", FixSafety.Unsafe,
                        new[] { new TextEdit(dep.VersionStart, dep.VersionLength, prefix + adv.Fixed) });
                var note = rangeAllowsFix ? $" (the range {dep.VersionText} allows {adv.Fixed}: check the lock file)" : "";
                ctx.Report(RuleCatalog.V6301, dep.VersionStart, dep.VersionLength, fix, rangeAllowsFix ? Confidence.Medium : Confidence.High,
                    $"{dep.Name} {dep.VersionText}: {adv.Reason}; fixed in {adv.Fixed}{note} [{adv.Source}]");
            }
        }
    }

    // ---- readers -------------------------------------------------------------------------------------------------

    private static List<Dep> MsBuild(Ctx ctx)
    {
        var deps = new List<Dep>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(ctx.Text), settings);
            var info = (IXmlLineInfo)reader;
            string? pendingName = null;
            var depth = 0;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Comment)
                {
                    var line = info.LineNumber;
                    var endLine = line + reader.Value.Count(c => c == '\n');
                    ctx.Result.Comments.Add(new Comment(line, Math.Max(1, info.LinePosition - 4), endLine, reader.Value));
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (++depth > 10_000) break;
                if (reader.LocalName is "PackageReference" or "PackageVersion" or "GlobalPackageReference")
                {
                    var pkg = reader.GetAttribute("Include") ?? reader.GetAttribute("Update");
                    if (pkg is null) continue;
                    if (reader.MoveToAttribute("Version") || reader.MoveToAttribute("VersionOverride"))
                    {
                        var (start, length) = AttributeValueSpan(ctx, info.LineNumber, info.LinePosition);
                        if (start >= 0) deps.Add(new Dep(pkg, reader.Value, start, length));
                        reader.MoveToElement();
                    }
                    else if (!reader.IsEmptyElement) pendingName = pkg;
                }
                else if (reader.LocalName == "Version" && pendingName is not null)
                {
                    var line = info.LineNumber;
                    var col = info.LinePosition;
                    var text = reader.ReadElementContentAsString();
                    var open = ctx.Doc.GetOffset(line, col);
                    var gt = ctx.Text.IndexOf('>', open);
                    if (gt >= 0)
                    {
                        var valueStart = gt + 1;
                        var raw = ctx.Text.IndexOf('<', valueStart);
                        if (raw > valueStart) deps.Add(new Dep(pendingName, text.Trim(), valueStart + (ctx.Text.Substring(valueStart, raw - valueStart).Length - ctx.Text.Substring(valueStart, raw - valueStart).TrimStart().Length), text.Trim().Length));
                    }
                    pendingName = null;
                }
            }
        }
        catch (XmlException ex)
        {
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, Math.Max(1, ex.LineNumber), "XML: " + ex.Message));
        }
        return deps;
    }

    /// <summary>The span of an attribute's value, from the attribute name's position.</summary>
    private static (int, int) AttributeValueSpan(Ctx ctx, int line, int col)
    {
        var i = ctx.Doc.GetOffset(line, col);
        var eq = ctx.Text.IndexOf('=', i);
        if (eq < 0) return (-1, 0);
        var q = eq + 1;
        while (q < ctx.Text.Length && char.IsWhiteSpace(ctx.Text[q])) q++;
        if (q >= ctx.Text.Length || ctx.Text[q] is not ('"' or '\'')) return (-1, 0);
        var close = ctx.Text.IndexOf(ctx.Text[q], q + 1);
        return close < 0 ? (-1, 0) : (q + 1, close - q - 1);
    }

    private static List<Dep> PackageJson(Ctx ctx)
    {
        var deps = new List<Dep>();
        var load = JsonLoader.Load(ctx.Text);
        foreach (var (line, msg) in load.Errors) ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, line, msg));
        if (load.Documents.Count == 0 || load.Documents[0].Root is not YMap root) return deps;
        foreach (var section in new[] { "dependencies", "devDependencies", "optionalDependencies" })
        {
            if (root.Get(section) is not YMap map) continue;
            foreach (var e in map.Entries)
                if (e.Key is YScalar k && e.Value is YScalar v && v.End - v.Start >= 2)
                    deps.Add(new Dep(k.Value, v.Value, v.Start + 1, v.End - v.Start - 2));
        }
        return deps;
    }

    private static List<Dep> GoMod(Ctx ctx)
    {
        var deps = new List<Dep>();
        var text = ctx.Text;
        var inRequire = false;
        foreach (var (i, end) in ctx.Lines())
        {
            var line = text.Substring(i, end - i);
            var code = line;
            var cmt = code.IndexOf("//", StringComparison.Ordinal);
            if (cmt >= 0)
            {
                var lineNo = ctx.Doc.GetLineColumn(i).Line;
                ctx.Result.Comments.Add(new Comment(lineNo, cmt + 1, lineNo, line[cmt..]));
                code = code[..cmt];
            }
            var words = code.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (inRequire)
            {
                if (words.Length >= 1 && words[0] == ")") inRequire = false;
                else if (words.Length >= 2) Add(words[0], words[1]);
            }
            else if (words.Length >= 2 && words[0] == "require")
            {
                if (words[1] == "(") inRequire = true;
                else if (words.Length >= 3) Add(words[1], words[2]);
            }

            void Add(string module, string version)
            {
                var at = line.IndexOf(version, line.IndexOf(module, StringComparison.Ordinal) + module.Length, StringComparison.Ordinal);
                if (at >= 0) deps.Add(new Dep(module, version, i + at, version.Length));
            }
        }
        return deps;
    }

    // ---- versions ------------------------------------------------------------------------------------------------

    /// <summary>The lowest version a version text allows, the prefix to keep when rewriting it, and an exclusive upper bound of the range when it has one.</summary>
    public static (string? Base, string Prefix, string? UpperExclusive) NormalizeRange(string text, string ecosystem)
    {
        var t = text.Trim();
        if (t.Length == 0) return (null, "", null);
        if (ecosystem == "nuget")
        {
            if (t.StartsWith('[') || t.StartsWith('('))
            {
                var inner = t.Trim('[', ']', '(', ')').Split(',')[0].Trim();
                return (Clean(inner), "", null);
            }
            return (Clean(t.Replace("*", "0")), "", null);
        }
        if (ecosystem == "go") return (Clean(t.TrimStart('v')), "v", null);
        if (ecosystem == "pypi") return PythonDependencies.NormalizeRange(t);
        // npm
        if (t.Contains("||") || t.Contains(' ') && !t.StartsWith(">=")) return (null, "", null);
        var prefix = t.StartsWith("^") ? "^" : t.StartsWith("~") ? "~" : t.StartsWith(">=") ? ">=" : "";
        var core = Clean(t[prefix.Length..].Split(' ')[0]);
        if (core is null || core.Contains('x') || t.StartsWith('<')) return (null, "", null);
        var parts = core.Split('.').Select(p => int.TryParse(p, out var n) ? n : 0).ToArray();
        string? upper = prefix switch
        {
            "^" => parts[0] > 0 ? $"{parts[0] + 1}.0.0" : parts.Length > 1 && parts[1] > 0 ? $"0.{parts[1] + 1}.0" : $"0.0.{(parts.Length > 2 ? parts[2] : 0) + 1}",
            "~" => parts.Length > 1 ? $"{parts[0]}.{parts[1] + 1}.0" : $"{parts[0] + 1}.0.0",
            ">=" => "999999.0.0",
            _ => null,
        };
        return (core, prefix, upper);
    }

    private sealed class PypiNameComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x is not null && y is not null && PythonDependencies.NormalizeName(x) == PythonDependencies.NormalizeName(y);
        public int GetHashCode(string obj) => PythonDependencies.NormalizeName(obj).GetHashCode(StringComparison.Ordinal);
    }

    private static string? Clean(string v)
    {
        var s = v.Trim().TrimStart('v', '=');
        var dash = s.IndexOfAny(new[] { '-', '+' });
        if (dash > 0) s = s[..dash];
        if (s.Length == 0 || !char.IsDigit(s[0])) return null;
        return s.All(c => char.IsDigit(c) || c == '.' || c == 'x') ? s : null;
    }

    public static int Compare(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var x = i < pa.Length && long.TryParse(pa[i], out var xa) ? xa : 0;
            var y = i < pb.Length && long.TryParse(pb[i], out var yb) ? yb : 0;
            if (x != y) return x.CompareTo(y);
        }
        return 0;
    }

    /// <summary>Whether <paramref name="version"/> satisfies every comparator of <paramref name="range"/> (e.g. "&gt;=7.0.0 &lt;8.0.0").</summary>
    public static bool Satisfies(string version, string range)
    {
        foreach (var c in range.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var op = c.StartsWith(">=") ? ">=" : c.StartsWith("<=") ? "<=" : c.StartsWith('<') ? "<" : c.StartsWith('>') ? ">" : "=";
            var v = c[(op == "=" && !c.StartsWith('=') ? 0 : op.Length)..];
            var cmp = Compare(version, v);
            var ok = op switch { ">=" => cmp >= 0, "<=" => cmp <= 0, "<" => cmp < 0, ">" => cmp > 0, _ => cmp == 0 };
            if (!ok) return false;
        }
        return true;
    }
}

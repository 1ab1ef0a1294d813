using System.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using V6Ready.Core;
using V6Ready.Manifests.Yaml;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// The Python dependency files V6301 reads: pip requirements files (PEP 508 lines), <c>pyproject.toml</c> (PEP 621
/// <c>[project]</c> dependencies and optional dependencies, PEP 735 <c>[dependency-groups]</c>, Poetry's
/// <c>[tool.poetry.*dependencies]</c>), <c>poetry.lock</c>, <c>uv.lock</c> and <c>Pipfile.lock</c>. TOML goes through Tomlyn's syntax tree
/// (positions of every string); requirements lines through a small PEP 508 reader.
/// </summary>
internal static class PythonDependencies
{
    public const string Requirements = "pip-requirements";
    public const string Pyproject = "pyproject";
    public const string PoetryLock = "poetry-lock";
    public const string PipfileLock = "pipfile-lock";

    public static bool IsLanguage(string language) => language is Requirements or Pyproject or PoetryLock or PipfileLock;

    /// <summary>The language of a Python dependency file, from its name (lower case) and folder names.</summary>
    public static string? Detect(string name, string[] segments)
    {
        if (name == "pyproject.toml") return Pyproject;
        if (name is "poetry.lock" or "uv.lock") return PoetryLock; // both: [[package]] name = … version = …
        if (name == "pipfile.lock") return PipfileLock;
        var inRequirementsFolder = segments.Length >= 2 && segments[^2] is "requirements" or "requirements.d";
        if ((name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".in", StringComparison.Ordinal)) &&
            (name.StartsWith("requirements", StringComparison.Ordinal) || name.StartsWith("constraints", StringComparison.Ordinal) || inRequirementsFolder))
            return Requirements;
        return null;
    }

    /// <summary>PEP 503 name normalisation: lower case, runs of '-', '_' and '.' become one '-'.</summary>
    public static string NormalizeName(string name)
    {
        var sb = new StringBuilder(name.Length);
        var dash = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.') { dash = true; continue; }
            if (dash && sb.Length > 0) sb.Append('-');
            dash = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public static List<DependencyRules.Dep> Read(Ctx ctx, string language)
    {
        var deps = new List<DependencyRules.Dep>();
        switch (language)
        {
            case Requirements:
                ctx.Result.Comments.AddRange(LineComments.Scan(ctx.Text, '#'));
                ReadRequirements(ctx.Text, deps);
                break;
            case Pyproject:
            case PoetryLock:
                ctx.Result.Comments.AddRange(LineComments.Scan(ctx.Text, '#'));
                ReadToml(ctx, language, deps);
                break;
            case PipfileLock:
                ReadPipfileLock(ctx, deps);
                break;
        }
        return deps;
    }

    // ---- requirements files ----------------------------------------------------------------------------------------

    private static void ReadRequirements(string text, List<DependencyRules.Dep> deps)
    {
        var i = 0;
        var continuation = false;
        while (i < text.Length)
        {
            var end = i;
            while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
            var codeEnd = end;
            for (var j = i; j < end; j++)
                if (text[j] == '#' && (j == i || char.IsWhiteSpace(text[j - 1]))) { codeEnd = j; break; }
            var wasContinuation = continuation;
            var trimmedEnd = codeEnd;
            while (trimmedEnd > i && char.IsWhiteSpace(text[trimmedEnd - 1])) trimmedEnd--;
            continuation = trimmedEnd > i && text[trimmedEnd - 1] == '\\';
            // A continued line carries options of the requirement above (--hash=…): only a line's own start names a package.
            if (!wasContinuation) ReadRequirement(text, i, continuation ? trimmedEnd - 1 : codeEnd, deps);
            i = end;
            if (i < text.Length && text[i] == '\r') i++;
            if (i < text.Length && text[i] == '\n') i++;
        }
    }

    /// <summary>One PEP 508 requirement in text[start..end): name, optional [extras], the version specifier up to ';' (markers) or '@' (URL).</summary>
    internal static void ReadRequirement(string text, int start, int end, List<DependencyRules.Dep> deps)
    {
        var p = start;
        while (p < end && char.IsWhiteSpace(text[p])) p++;
        if (p >= end || !char.IsAsciiLetterOrDigit(text[p])) return; // options (-r, -e, --hash), paths and URLs
        var nameStart = p;
        while (p < end && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '-' or '_' or '.')) p++;
        var name = text[nameStart..p];
        while (p < end && text[p] is ' ' or '\t') p++;
        if (p < end && text[p] == '[')
        {
            var close = text.IndexOf(']', p, end - p);
            if (close < 0) return;
            p = close + 1;
        }
        while (p < end && text[p] is ' ' or '\t' or '(') p++;
        var specStart = p;
        while (p < end && text[p] is not (';' or '@' or ')')) p++;
        if (p < end && text[p] == '@') return; // name @ URL: no version to compare
        var specEnd = p;
        while (specEnd > specStart && char.IsWhiteSpace(text[specEnd - 1])) specEnd--;
        if (specEnd <= specStart || text[specStart] is not ('=' or '<' or '>' or '~' or '!')) return;
        var spec = text[specStart..specEnd];
        deps.Add(new DependencyRules.Dep(name, spec, specStart, specEnd - specStart, NoFix: !IsExactPin(spec)));
    }

    private static bool IsExactPin(string spec)
    {
        var s = spec.Trim();
        return (s.StartsWith("==", StringComparison.Ordinal) && !s.Contains(',') && !s.Contains('*')) || IsBareVersion(s);
    }

    private static bool IsBareVersion(string s) => s.Length > 0 && char.IsDigit(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '.');

    // ---- TOML: pyproject.toml and poetry.lock ----------------------------------------------------------------------

    private static void ReadToml(Ctx ctx, string language, List<DependencyRules.Dep> deps)
    {
        DocumentSyntax doc;
        try
        {
            doc = SyntaxParser.Parse(ctx.Text, ctx.Doc.Path, false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, 1, "TOML: " + ex.Message));
            return;
        }
        foreach (var d in doc.Diagnostics)
            if (d.Kind == DiagnosticMessageKind.Error)
            {
                ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, d.Span.Start.Line + 1, "TOML: " + d.Message));
                return;
            }

        if (language == PoetryLock)
        {
            // [[package]] name = "…" version = "…": exact versions; the lock is regenerated, never edited, so no fix.
            foreach (var table in doc.Tables)
            {
                if (table is not TableArraySyntax || KeyText(table.Name) != "package") continue;
                string? name = null;
                StringValueSyntax? version = null;
                foreach (var kv in table.Items)
                {
                    var key = KeyText(kv.Key);
                    if (key == "name" && kv.Value is StringValueSyntax n) name = n.Value;
                    else if (key == "version" && kv.Value is StringValueSyntax v) version = v;
                }
                if (name is not null && version is not null && Inner(ctx, version) is { } span)
                    deps.Add(new DependencyRules.Dep(name, version.Value ?? "", span.Start, span.Length, NoFix: true));
            }
            return;
        }

        foreach (var kv in doc.KeyValues) Visit(ctx, "", kv, deps);
        foreach (var table in doc.Tables)
        {
            var prefix = KeyText(table.Name);
            if (prefix is null) continue;
            foreach (var kv in table.Items) Visit(ctx, prefix, kv, deps);
        }
    }

    private static void Visit(Ctx ctx, string prefix, KeyValueSyntax kv, List<DependencyRules.Dep> deps)
    {
        var key = KeyText(kv.Key);
        if (key is null) return;
        var path = prefix.Length == 0 ? key : prefix + "." + key;
        var parts = path.Split('.');
        // PEP 621 [project] dependencies / optional-dependencies, PEP 735 [dependency-groups]: arrays of PEP 508 strings.
        if (path == "project.dependencies" || parts.Length == 3 && parts[0] == "project" && parts[1] == "optional-dependencies" ||
            parts.Length == 2 && parts[0] == "dependency-groups")
        {
            if (kv.Value is ArraySyntax array) RequirementStrings(ctx, array, deps);
            return;
        }
        if (path is "project.optional-dependencies" or "dependency-groups" && kv.Value is InlineTableSyntax groups)
        {
            foreach (var item in groups.Items)
                if (item.KeyValue?.Value is ArraySyntax a) RequirementStrings(ctx, a, deps);
            return;
        }
        // Poetry: [tool.poetry.dependencies], [tool.poetry.dev-dependencies], [tool.poetry.group.G.dependencies].
        if (PoetryPackage(parts) is { } package)
        {
            if (NormalizeName(package) == "python") return;
            if (kv.Value is StringValueSyntax s) PoetryConstraint(ctx, package, s, deps);
            else if (kv.Value is InlineTableSyntax t)
                foreach (var item in t.Items)
                    if (item.KeyValue is { } inner && KeyText(inner.Key) == "version" && inner.Value is StringValueSyntax v)
                        PoetryConstraint(ctx, package, v, deps);
            return;
        }
        // [tool.poetry.dependencies.NAME] version = "…"
        if (parts.Length >= 2 && parts[^1] == "version" && PoetryPackage(parts[..^1]) is { } tablePackage && kv.Value is StringValueSyntax tv)
            PoetryConstraint(ctx, tablePackage, tv, deps);
    }

    /// <summary>The package name when the key path is tool.poetry.(dev-)dependencies.NAME or tool.poetry.group.G.dependencies.NAME.</summary>
    private static string? PoetryPackage(string[] parts)
    {
        if (parts.Length == 4 && parts[0] == "tool" && parts[1] == "poetry" && parts[2] is "dependencies" or "dev-dependencies") return parts[3];
        if (parts.Length == 6 && parts[0] == "tool" && parts[1] == "poetry" && parts[2] == "group" && parts[4] == "dependencies") return parts[5];
        return null;
    }

    private static void PoetryConstraint(Ctx ctx, string package, StringValueSyntax value, List<DependencyRules.Dep> deps)
    {
        if (Inner(ctx, value) is not { } span) return;
        var raw = ctx.Text.Substring(span.Start, span.Length);
        var trimmed = raw.Trim();
        if (trimmed.Length == 0 || trimmed == "*") return;
        var lead = raw.Length - raw.TrimStart().Length;
        deps.Add(new DependencyRules.Dep(package, trimmed, span.Start + lead, trimmed.Length, NoFix: !IsBareVersion(trimmed) && !IsExactPin(trimmed)));
    }

    private static void RequirementStrings(Ctx ctx, ArraySyntax array, List<DependencyRules.Dep> deps)
    {
        foreach (var item in array.Items)
            if (item.Value is StringValueSyntax s && Inner(ctx, s) is { } span)
                ReadRequirement(ctx.Text, span.Start, span.Start + span.Length, deps);
    }

    /// <summary>The text between a TOML string's quotes, as an offset range of the file (null for multi-line strings).</summary>
    private static (int Start, int Length)? Inner(Ctx ctx, StringValueSyntax s)
    {
        var token = s.Token;
        if (token is null) return null;
        var span = token.Span;
        var text = ctx.Text;
        var start = span.Start.Offset;
        // Tomlyn counts offsets in characters; fall back to line/column if the quote is not where the offset says.
        if (start < 0 || start >= text.Length || text[start] is not ('"' or '\''))
            start = ctx.Doc.GetOffset(span.Start.Line + 1, span.Start.Column + 1);
        if (start < 0 || start >= text.Length || text[start] is not ('"' or '\'')) return null;
        var quote = text[start];
        if (start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote) return null;
        var close = start + 1;
        while (close < text.Length && text[close] != quote && text[close] != '\n')
            close += text[close] == '\\' && quote == '"' ? 2 : 1;
        if (close >= text.Length || text[close] != quote) return null;
        return (start + 1, close - start - 1);
    }

    private static string? KeyText(KeySyntax? key)
    {
        if (key?.Key is null) return null;
        var sb = new StringBuilder(Part(key.Key));
        if (key.DotKeys is { } dots)
            foreach (var d in dots)
                sb.Append('.').Append(Part(d.Key));
        return sb.ToString();

        static string Part(BareKeyOrStringValueSyntax? k) => k switch
        {
            BareKeySyntax b => b.Key?.Text ?? "",
            StringValueSyntax s => s.Value ?? "",
            _ => "",
        };
    }

    // ---- Pipfile.lock ----------------------------------------------------------------------------------------------

    private static void ReadPipfileLock(Ctx ctx, List<DependencyRules.Dep> deps)
    {
        var load = JsonLoader.Load(ctx.Text);
        foreach (var (line, msg) in load.Errors) ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, line, msg));
        if (load.Documents.Count == 0 || load.Documents[0].Root is not YMap root) return;
        foreach (var section in new[] { "default", "develop" })
        {
            if (root.Get(section) is not YMap map) continue;
            foreach (var e in map.Entries)
                if (e.Key is YScalar k && e.Value is YMap pkg && pkg.Get("version") is YScalar v && v.End - v.Start >= 2)
                    deps.Add(new DependencyRules.Dep(k.Value, v.Value, v.Start + 1, v.End - v.Start - 2, NoFix: true));
        }
    }

    // ---- versions --------------------------------------------------------------------------------------------------

    /// <summary>
    /// The lowest version a PEP 440 specifier set or Poetry constraint allows, the operator to keep when rewriting an exact pin,
    /// and an exclusive upper bound (999999.0.0 when unbounded). Pre-release and post-release tags are dropped (1.0rc1 → 1.0).
    /// </summary>
    public static (string? Base, string Prefix, string? UpperExclusive) NormalizeRange(string text)
    {
        string? lower = null, upper = null, prefix = "";
        var clauses = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length == 0 || text.Contains("||", StringComparison.Ordinal)) return (null, "", null);
        foreach (var c in clauses)
        {
            var op = c.StartsWith("===", StringComparison.Ordinal) ? "===" : c.Length >= 2 && c[..2] is "==" or ">=" or "<=" or "~=" or "!=" ? c[..2]
                : c[0] is '<' or '>' or '^' or '~' or '=' ? c[..1] : "";
            var v = Release(c[op.Length..]);
            if (op == "!=") continue;
            if (v is null) return (null, "", null);
            var parts = v.Split('.').Select(x => int.TryParse(x, out var n) ? n : 0).ToArray();
            switch (op)
            {
                case "==" or "===" or "=" or "":
                    if (c.EndsWith(".*", StringComparison.Ordinal))
                    {
                        lower = v;
                        upper = Bump(parts, parts.Length - 1);
                        prefix = null;
                    }
                    else { lower = v; upper = null; prefix = c[..(c.Length - c[op.Length..].TrimStart().Length)]; } // "== " keeps its space
                    break;
                case ">=" or ">":
                    lower = v; upper ??= "999999.0.0"; prefix = null;
                    break;
                case "<" or "<=":
                    upper = op == "<" ? v : Bump(parts, parts.Length - 1);
                    prefix = null;
                    break;
                case "~=":
                    lower = v; upper = Bump(parts, Math.Max(0, parts.Length - 2)); prefix = null;
                    break;
                case "~": // Poetry tilde: ~1.2.3 → <1.3.0, ~1 → <2.0.0
                    lower = v; upper = Bump(parts, parts.Length >= 2 ? 1 : 0); prefix = null;
                    break;
                case "^": // Poetry caret, like npm's
                {
                    var first = Array.FindIndex(parts, x => x != 0);
                    lower = v; upper = Bump(parts, first < 0 ? parts.Length - 1 : first); prefix = null;
                    break;
                }
            }
        }
        if (lower is null) return (null, "", null);
        if (upper is null) return (lower, prefix ?? "", null);
        return (lower, "", upper);
    }

    private static string Bump(int[] parts, int index)
    {
        var copy = parts.Take(index + 1).ToArray();
        copy[index]++;
        while (copy.Length < 3) copy = copy.Append(0).ToArray();
        return string.Join('.', copy);
    }

    /// <summary>The release segment of a PEP 440 version ("1!2.0.0rc1+local" → "2.0.0"); null when it has none.</summary>
    private static string? Release(string v)
    {
        var s = v.Trim().TrimStart('v', 'V');
        var bang = s.IndexOf('!');
        if (bang >= 0) s = s[(bang + 1)..];
        var end = 0;
        while (end < s.Length && (char.IsDigit(s[end]) || s[end] == '.' && end + 1 < s.Length && char.IsDigit(s[end + 1]))) end++;
        return end == 0 ? null : s[..end];
    }
}

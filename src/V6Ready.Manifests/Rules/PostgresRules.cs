using V6Ready.Core;
using V6Ready.Rules;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// V6206 over postgresql.conf: the last <c>listen_addresses</c> setting of the file (postgres keeps the last one) lists
/// an IPv4 wildcard or address and no IPv6 address and no <c>*</c>. Lines are read as postgres' configuration lexer
/// reads them: <c>name [=] value</c>, a single-quoted value (<c>''</c> and backslash escapes) or an unquoted token,
/// <c>#</c> comments.
/// </summary>
public static class PostgresRules
{
    public const string Language = "postgres";

    private sealed record Entry(string Name, string Value, int ValueStart, int ValueLength, bool Quoted, bool Escaped);

    /// <summary>postgresql.conf, postgresql.auto.conf, postgresql-*.conf; or a .conf file that sets listen_addresses.</summary>
    public static bool IsConfigName(string name) =>
        name.StartsWith("postgresql", StringComparison.Ordinal) && name.EndsWith(".conf", StringComparison.Ordinal);

    /// <summary>A line that sets listen_addresses (the key postgres alone uses), outside comments.</summary>
    public static bool LooksLikePostgres(string head)
    {
        foreach (var raw in head.Split('\n', '\r'))
        {
            var t = raw.TrimStart();
            if (!t.StartsWith("listen_addresses", StringComparison.OrdinalIgnoreCase)) continue;
            var rest = t["listen_addresses".Length..].TrimStart();
            if (rest.StartsWith('=') || rest.StartsWith('\'')) return true;
        }
        return false;
    }

    public static void Analyze(Ctx ctx)
    {
        ctx.Result.Comments.AddRange(LineComments.Scan(ctx.Text, '#'));
        Entry? listen = null;
        foreach (var e in Entries(ctx))
            if (e.Name.Equals("listen_addresses", StringComparison.OrdinalIgnoreCase)) listen = e;
        if (listen is null) return; // the default, 'localhost'
        // An unquoted address is a syntax error for postgres (measured: "syntax error … near token '.0'"): it does not start.
        if (!listen.Quoted && !(listen.Value.Length > 0 && char.IsLetter(listen.Value[0]))) return;
        var verdict = ListenList.Evaluate(ListenList.Split(listen.Value));
        if (!verdict.Ipv4Only) return;
        Fix? fix = null;
        if (verdict.HasWildcard && verdict.OnlyAddresses && listen.Quoted && !listen.Escaped)
            fix = new Fix("Listen on '*' (every IPv4 and IPv6 address)", FixSafety.Safe, new[] { new TextEdit(listen.ValueStart, listen.ValueLength, "'*'") });
        var shown = ctx.Text.Substring(listen.ValueStart, listen.ValueLength);
        ctx.Report(RuleCatalog.V6206, listen.ValueStart, listen.ValueLength, fix, verdict.Names.Count > 0 ? Confidence.Medium : Confidence.High,
            $"listen_addresses = {shown}" + (verdict.Names.Count > 0 ? $" (unless '{verdict.Names[0]}' resolves to an IPv6 address)" : ""));
    }

    /// <summary>The settings of the file, in order; a line postgres could not read gets a parse error and is skipped.</summary>
    private static IEnumerable<Entry> Entries(Ctx ctx)
    {
        foreach (var (pos, end) in ctx.Lines())
            if (ReadLine(ctx, pos, end) is { } entry) yield return entry;
    }

    private static Entry? ReadLine(Ctx ctx, int pos, int end)
    {
        var text = ctx.Text;
        var i = pos;
        while (i < end && text[i] is ' ' or '\t') i++;
        if (i >= end || text[i] == '#') return null;
        var nameStart = i;
        while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-')) i++;
        if (i == nameStart) return null;
        var name = text[nameStart..i];
        while (i < end && text[i] is ' ' or '\t') i++;
        if (i < end && text[i] == '=') i++;
        while (i < end && text[i] is ' ' or '\t') i++;
        if (i >= end || text[i] == '#') return null;
        if (text[i] == '\'')
        {
            var start = i;
            var value = new System.Text.StringBuilder();
            var escaped = false;
            i++;
            while (i < end)
            {
                var c = text[i];
                if (c == '\'' && i + 1 < end && text[i + 1] == '\'') { value.Append('\''); i += 2; escaped = true; continue; }
                if (c == '\'') return new Entry(name, value.ToString(), start, i + 1 - start, true, escaped);
                if (c == '\\' && i + 1 < end) { value.Append(text[i + 1]); i += 2; escaped = true; continue; }
                value.Append(c);
                i++;
            }
            ctx.Result.ParseErrors.Add(new ParseError(ctx.Doc.Path, ctx.Doc.GetLineColumn(pos).Line, $"unterminated quoted value of '{name}'; the line is not read"));
            return null;
        }
        var vs = i;
        while (i < end && text[i] is not (' ' or '\t' or '#')) i++;
        return new Entry(name, text[vs..i], vs, i - vs, false, false);
    }
}

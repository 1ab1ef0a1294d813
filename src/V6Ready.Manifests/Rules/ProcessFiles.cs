using V6Ready.Core;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// Process lists whose commands are shell command lines: a Procfile (<c>web: gunicorn --bind 0.0.0.0:$PORT app</c>)
/// and supervisord's <c>command=</c>. Each command is handed back as an embedded shell region (a verbatim slice of the
/// line), so it goes through the same program table as every other command line.
/// </summary>
public static class ProcessFiles
{
    public const string Procfile = "procfile";
    public const string Supervisord = "supervisord";

    public static string? Detect(string name, string? head)
    {
        if (name == "procfile" || name.StartsWith("procfile.", StringComparison.Ordinal)) return Procfile;
        if (name is "supervisord.conf" or "supervisor.conf") return Supervisord;
        if ((name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".ini", StringComparison.Ordinal)) && head is not null &&
            (head.Contains("[program:", StringComparison.Ordinal) || head.Contains("[supervisord]", StringComparison.Ordinal)))
            return Supervisord;
        return null;
    }

    public static void Analyze(Ctx ctx, string language)
    {
        var text = ctx.Text;
        var section = "";
        foreach (var (pos, end) in ctx.Lines())
        {
            var line = text[pos..end];
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
            {
                var (l, c) = ctx.Doc.GetLineColumn(pos + indent);
                ctx.Result.Comments.Add(new Comment(l, c, l, trimmed));
            }
            else if (language == Procfile)
            {
                // name: command (the name is letters, digits, '-' and '_').
                var colon = trimmed.IndexOf(':');
                if (colon > 0 && trimmed[..colon].All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
                    AddCommand(ctx, $"Procfile '{trimmed[..colon]}'", pos + indent + colon + 1, end);
            }
            else if (trimmed.StartsWith('['))
            {
                section = trimmed.TrimEnd().Trim('[', ']');
            }
            else if (section.StartsWith("program:", StringComparison.Ordinal) || section.StartsWith("fcgi-program:", StringComparison.Ordinal))
            {
                var eq = trimmed.IndexOf('=');
                if (eq > 0 && trimmed[..eq].Trim() == "command")
                {
                    // An inline comment starts at ' ;' (supervisord's ini reader).
                    var valueEnd = end;
                    var semi = line.IndexOf(" ;", indent + eq, StringComparison.Ordinal);
                    if (semi >= 0) valueEnd = pos + semi;
                    AddCommand(ctx, $"supervisord [{section}] command", pos + indent + eq + 1, valueEnd);
                }
            }
        }
    }

    private static void AddCommand(Ctx ctx, string kind, int start, int end)
    {
        while (start < end && ctx.Text[start] is ' ' or '\t') start++;
        while (end > start && ctx.Text[end - 1] is ' ' or '\t') end--;
        if (end <= start) return;
        var value = ctx.Text[start..end];
        // supervisord expands %(ENV_X)s and %(program_name)s itself: such a command is still a command line.
        ctx.Result.Regions.Add(new EmbeddedRegion(kind, "command.sh", "shell", value, EmbeddedRegion.Identity(start, value.Length)));
    }
}

namespace V6Ready.Cli;

/// <summary>One command-line option: its names, whether it takes a value (and which ones), whether it repeats.</summary>
public sealed record OptionSpec(string Name, string? Alias, string? ValueName, string Help, IReadOnlyList<string>? Allowed = null, bool Repeatable = false)
{
    public bool TakesValue => ValueName is not null;
}

/// <summary>Parsed arguments: option values by name and positional arguments.</summary>
public sealed class ParsedArgs
{
    public Dictionary<string, List<string>> Values { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Flags { get; } = new(StringComparer.Ordinal);
    public List<string> Positionals { get; } = new();

    public bool Has(string name) => Flags.Contains(name) || Values.ContainsKey(name);
    public string? Get(string name) => Values.TryGetValue(name, out var v) ? v[^1] : null;
    public IReadOnlyList<string> GetAll(string name) => Values.TryGetValue(name, out var v) ? v : Array.Empty<string>();
}

/// <summary>A small GNU-style parser: <c>--name value</c>, <c>--name=value</c>, <c>-x value</c>, flags, <c>--</c> ends options.</summary>
public static class ArgParser
{
    public static ParsedArgs Parse(string[] args, IReadOnlyList<OptionSpec> specs)
    {
        var result = new ParsedArgs();
        var onlyPositionals = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (onlyPositionals || a.Length < 2 || a[0] != '-')
            {
                result.Positionals.Add(a);
                continue;
            }
            if (a == "--") { onlyPositionals = true; continue; }
            string name = a;
            string? inline = null;
            var eq = a.IndexOf('=');
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0) { name = a.Substring(0, eq); inline = a.Substring(eq + 1); }
            var spec = specs.FirstOrDefault(s => s.Name == name || s.Alias == name)
                       ?? throw new UsageException($"unknown option '{name}'. Try --help.");
            if (!spec.TakesValue)
            {
                if (inline is not null) throw new UsageException($"option '{spec.Name}' takes no value");
                result.Flags.Add(spec.Name);
                continue;
            }
            var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"option '{spec.Name}' needs a value ({spec.ValueName})"));
            if (spec.Allowed is not null && !spec.Allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
                throw new UsageException($"invalid value '{value}' for {spec.Name}; expected one of: {string.Join(", ", spec.Allowed)}");
            if (!result.Values.TryGetValue(spec.Name, out var list)) result.Values[spec.Name] = list = new List<string>();
            if (!spec.Repeatable && list.Count > 0) throw new UsageException($"option '{spec.Name}' given twice");
            list.Add(value);
        }
        return result;
    }

    public static void WriteOptions(TextWriter w, IReadOnlyList<OptionSpec> specs)
    {
        foreach (var s in specs)
        {
            var left = (s.Alias is null ? "    " : s.Alias + ", ") + s.Name + (s.ValueName is null ? "" : " " + s.ValueName);
            w.WriteLine($"  {left,-30} {s.Help}");
        }
    }
}

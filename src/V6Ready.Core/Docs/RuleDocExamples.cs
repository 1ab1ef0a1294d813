namespace V6Ready.Core.Docs;

/// <summary>Whether an example in a rule page must produce the rule's finding, must not, or is the fixed form of the previous bad example.</summary>
public enum ExampleKind
{
    Bad,
    Good,
    Fixed,
}

/// <summary>
/// One fenced example of a rule page. Info string: <c>LANG bad|good|fixed [path=NAME]</c>, e.g. <c>```csharp bad</c>,
/// <c>```yaml good path=svc.yaml</c>. LANG is the fence language (csharp, js, ts, go, yaml, json, dockerfile, nginx, redis, …);
/// <c>path</c> names the virtual file the example is scanned as (for detection by name).
/// </summary>
public sealed record RuleDocExample(string Language, ExampleKind Kind, string? Path, string Code, int Line);

public static class RuleDocExamples
{
    /// <summary>Extracts the tested examples of a page (fences without bad/good/fixed are ignored).</summary>
    public static IReadOnlyList<RuleDocExample> Parse(string markdown)
    {
        var result = new List<RuleDocExample>();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (!line.StartsWith("```", StringComparison.Ordinal)) continue;
            var fence = new string('`', line.TakeWhile(c => c == '`').Count());
            var info = line.Substring(fence.Length).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith(fence, StringComparison.Ordinal)) end++;
            i = end;
            if (info.Length < 2) continue;
            ExampleKind? kind = info[1].ToLowerInvariant() switch
            {
                "bad" => ExampleKind.Bad,
                "good" => ExampleKind.Good,
                "fixed" => ExampleKind.Fixed,
                _ => null,
            };
            if (kind is null) continue;
            string? path = null;
            foreach (var token in info.Skip(2))
                if (token.StartsWith("path=", StringComparison.OrdinalIgnoreCase)) path = token.Substring(5);
            var code = string.Join("\n", lines.Skip(start).Take(end - start)) + "\n";
            result.Add(new RuleDocExample(info[0].ToLowerInvariant(), kind.Value, path, code, start + 1));
        }
        return result;
    }
}

namespace V6Ready.LanguageServer;

/// <summary>The line-comment prefix of each language the front ends report, for the "suppress with v6ready-ignore" action.</summary>
public static class CommentSyntax
{
    /// <summary>The prefix (<c>#</c>, <c>//</c>) or null when the language has no line comment (JSON).</summary>
    public static string? LineCommentFor(string? language, string path)
    {
        switch (language?.ToLowerInvariant())
        {
            case "go": case "javascript": case "typescript": case "csharp": case "java": case "kotlin": case "rust":
                return "//";
            case "kubernetes": case "helm": case "compose": case "yaml": case "dockerfile": case "nginx": case "redis":
            case "mongod": case "python": case "shell": case "toml": case "ini": case "haproxy": case "envoy": case "terraform":
            case "mysql": case "postgres": case "pgbouncer": case "memcached":
                return "#";
            case "json": case "msbuild": case "xml":
                return null;
        }
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".go" or ".js" or ".mjs" or ".cjs" or ".ts" or ".tsx" or ".jsx" or ".cs" or ".java" => "//",
            ".yaml" or ".yml" or ".conf" or ".py" or ".sh" or ".toml" or ".tf" => "#",
            _ when Path.GetFileName(path).StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase) => "#",
            _ => null,
        };
    }
}

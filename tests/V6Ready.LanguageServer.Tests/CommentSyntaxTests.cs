namespace V6Ready.LanguageServer.Tests;

public sealed class CommentSyntaxTests
{
    [Theory]
    [InlineData("kubernetes", "svc.yaml", "#")]
    [InlineData("dockerfile", "Dockerfile", "#")]
    [InlineData("terraform", "infra/main.tf", "#")]
    [InlineData(null, "infra/main.tf", "#")]
    [InlineData("mysql", "mysql/conf.d/network.cnf", "#")]
    [InlineData("pgbouncer", "pgbouncer.ini", "#")]
    [InlineData("go", "main.go", "//")]
    [InlineData("typescript", "a.ts", "//")]
    [InlineData("json", "appsettings.json", null)]
    [InlineData(null, "Dockerfile.prod", "#")]
    [InlineData(null, "x.unknown", null)]
    public void Line_comment_prefix(string? language, string path, string? expected) =>
        Assert.Equal(expected, CommentSyntax.LineCommentFor(language, path));
}

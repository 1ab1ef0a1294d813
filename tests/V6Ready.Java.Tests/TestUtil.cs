using System.Runtime.CompilerServices;
using V6Ready.Core;
using V6Ready.Java.Syntax;

namespace V6Ready.Java.Tests;

internal static class TestUtil
{
    public static string RepoRoot([CallerFilePath] string here = "")
    {
        var dir = Path.GetDirectoryName(here);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Analyzers.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static FileResult Scan(string code, string path = "src/main/java/App.java") =>
        new JavaFrontEnd().Analyze(new SourceDocument(path, code), new AnalysisContext());

    /// <summary>Rule ids found, as "V6005@line".</summary>
    public static List<string> Ids(string code, string path = "src/main/java/App.java") =>
        Scan(code, path).Findings.Select(f => f.RuleId + "@" + f.Line).ToList();

    public static List<string> RuleIds(string code, string path = "src/main/java/App.java") =>
        Scan(code, path).Findings.Select(f => f.RuleId).ToList();

    public const string Imports = "import java.net.*;\nimport java.nio.channels.*;\nimport java.util.*;\nimport java.util.regex.Pattern;\nimport java.util.stream.*;\n";

    /// <summary>Wraps statements in a class with the usual imports; line 1 of <paramref name="body"/> is line 9 of the file.</summary>
    public static string InMethod(string body, string extraImports = "") =>
        Imports + extraImports + "\nclass App {\n  void f(String host, int port, String addr, InetAddress ia, String line) throws Exception {\n" + body + "\n  }\n}\n";

    public static string ApplyFix(string code, Finding f)
    {
        foreach (var e in f.Fix!.Edits.OrderByDescending(e => e.Start)) code = code[..e.Start] + e.NewText + code[e.End..];
        return code;
    }

    /// <summary>Applies the first fixable finding of a rule repeatedly (re-scanning in between), as the fix engine would.</summary>
    public static string ApplyAll(string code, string ruleId, bool includeUnsafe = false, string path = "src/main/java/App.java")
    {
        for (var i = 0; i < 20; i++)
        {
            var f = Scan(code, path).Findings.FirstOrDefault(x => x.RuleId == ruleId && x.Fix is not null && (includeUnsafe || x.Fix.Safety == V6Ready.Rules.FixSafety.Safe));
            if (f is null) return code;
            code = ApplyFix(code, f);
        }
        throw new InvalidOperationException("fixes did not converge");
    }

    public static CompilationUnit ParseOk(string code)
    {
        var cu = Parser.ParseFile(code);
        Assert.True(cu.Errors.Count == 0, "unexpected errors: " + string.Join("; ", cu.Errors.Select(e => e.Pos + ": " + e.Message)));
        return cu;
    }

    /// <summary>javac's verdict on a file (true = compiles its syntax), or null when javac is not installed.</summary>
    public static bool? JavacParses(string code, string className = "App")
    {
        var javac = new[] { "/usr/bin/javac", "/usr/lib/jvm/default-java/bin/javac" }.FirstOrDefault(File.Exists);
        if (javac is null) return null;
        var dir = Path.Combine(Path.GetTempPath(), "v6java-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, className + ".java"), code);
            var psi = new System.Diagnostics.ProcessStartInfo(javac, $"-proc:none -d {dir}/out {dir}/{className}.java") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit(60000);
            // only syntax matters: a "cannot find symbol" is a parse success
            return !err.Contains("error:") || !System.Text.RegularExpressions.Regex.IsMatch(err, @"error: (?!cannot find symbol|package .* does not exist|incompatible types|unreported exception|cannot be applied|no suitable|method does not override|missing return|variable .* might not|class .* is public)");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

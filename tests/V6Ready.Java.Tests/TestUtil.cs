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

    /// <summary>
    /// Runs javac's parser (bench/java/javacparse/JavacParse.java, JavacTask.parse) over the given sources in one JVM;
    /// returns the indexes javac rejects, or null when no JDK is installed.
    /// </summary>
    public static List<int>? JavacRejects(IReadOnlyList<string> sources)
    {
        var java = new[] { "/usr/bin/java", "/usr/lib/jvm/default-java/bin/java" }.FirstOrDefault(File.Exists);
        if (java is null || !File.Exists("/usr/bin/javac")) return null;
        var dir = Path.Combine(Path.GetTempPath(), "v6java-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var files = new List<string>();
            for (var i = 0; i < sources.Count; i++)
            {
                var f = Path.Combine(dir, $"e{i}", "X.java");
                Directory.CreateDirectory(Path.GetDirectoryName(f)!);
                File.WriteAllText(f, sources[i]);
                files.Add(f);
            }
            File.WriteAllLines(Path.Combine(dir, "list.txt"), files);
            var harness = Path.Combine(RepoRoot(), "bench", "java", "javacparse", "JavacParse.java");
            var psi = new System.Diagnostics.ProcessStartInfo(java) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { harness, Path.Combine(dir, "list.txt"), "0", "--failures" }) psi.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit(300000);
            Assert.Contains("files=", output);
            return output.Split('\n').Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal))
                .Select(l => files.FindIndex(f => l.Trim().EndsWith(f, StringComparison.Ordinal))).ToList();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

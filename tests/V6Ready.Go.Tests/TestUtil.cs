using System.Runtime.CompilerServices;
using V6Ready.Core;
using V6Ready.Go;
using V6Ready.Go.Analysis;
using V6Ready.Go.Syntax;

namespace V6Ready.Go.Tests;

internal static class TestUtil
{
    public static string RepoRoot([CallerFilePath] string here = "")
    {
        var dir = Path.GetDirectoryName(here);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Analyzers.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static FileResult Scan(string code, string path = "main.go")
    {
        var fe = new GoFrontEnd();
        return fe.Analyze(new SourceDocument(path, code), new AnalysisContext());
    }

    /// <summary>Rule ids found, in order, as "V6005@line".</summary>
    public static List<string> Ids(string code, string path = "main.go") =>
        Scan(code, path).Findings.Select(f => f.RuleId + "@" + f.Line).ToList();

    public static List<string> RuleIds(string code, string path = "main.go") =>
        Scan(code, path).Findings.Select(f => f.RuleId).ToList();

    /// <summary>Wraps statements in a file with the usual imports and a function body.</summary>
    public static string InFunc(string body, string imports = "\"fmt\"\n\t\"net\"\n\t\"net/http\"\n\t\"os\"\n\t\"strconv\"\n\t\"strings\"\n\t\"regexp\"\n\t\"syscall\"\n\t\"time\"\n\n\t\"google.golang.org/grpc\"") =>
        "package main\n\nimport (\n\t" + imports + "\n)\n\nfunc f(host string, port int, sport string, ip net.IP, d time.Duration) {\n" + body + "\n}\n";

    public static string ApplyFix(string code, Finding f) => ImportEditor.Apply(code, f.Fix!.Edits);

    /// <summary>Applies the first fixable finding of a rule repeatedly (re-scanning in between), as a fix engine would.</summary>
    public static string ApplyAll(string code, string ruleId, bool includeUnsafe = false)
    {
        for (var i = 0; i < 20; i++)
        {
            var f = Scan(code).Findings.FirstOrDefault(x => x.RuleId == ruleId && x.Fix is not null && (includeUnsafe || x.Fix.Safety == V6Ready.Rules.FixSafety.Safe));
            if (f is null) return code;
            code = ApplyFix(code, f);
        }
        throw new InvalidOperationException("fixes did not converge");
    }

    public static GoFile Parse(string code) => Parser.ParseFile(code);

    public static GoFile ParseOk(string code)
    {
        var f = Parser.ParseFile(code);
        Assert.True(f.Errors.Count == 0, "unexpected errors: " + string.Join("; ", f.Errors.Select(e => e.Pos + ": " + e.Message)));
        return f;
    }

    /// <summary>Runs gofmt -l on the text when gofmt is installed; returns null when it is not.</summary>
    public static bool? GofmtClean(string code)
    {
        var gofmt = new[] { "/usr/bin/gofmt", "/usr/lib/go/bin/gofmt", "/usr/local/go/bin/gofmt" }.FirstOrDefault(File.Exists);
        if (gofmt is null) return null;
        var tmp = Path.Combine(Path.GetTempPath(), "v6go-" + Guid.NewGuid().ToString("N") + ".go");
        File.WriteAllText(tmp, code);
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo(gofmt, "-l " + tmp) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit(30000);
            return p.ExitCode == 0 && output.Trim().Length == 0;
        }
        finally
        {
            File.Delete(tmp);
        }
    }
}

using V6Ready.Core.Docs;
using V6Ready.Java.Syntax;
using static V6Ready.Java.Tests.TestUtil;

namespace V6Ready.Java.Tests;

/// <summary>Our parser and javac's (JavacTask.parse, when a JDK is installed) agree on the rule pages' examples, the samples, and broken inputs.</summary>
public class JavacAgreementTests
{
    [Fact]
    public void JavacAndOurParserAgreeOnExamplesSamplesAndBrokenFiles()
    {
        var sources = new List<string>();
        foreach (var page in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "rules"), "V600*.md"))
            sources.AddRange(RuleDocExamples.Parse(File.ReadAllText(page)).Where(e => e.Language == "java").Select(e => e.Code));
        sources.AddRange(Directory.EnumerateFiles(Path.Combine(RepoRoot(), "samples"), "*.java", SearchOption.AllDirectories).Select(File.ReadAllText));
        var broken = new[] { "class A { void f() { int x = ; } }", "class A { void f() { g(; } }", "class A { String s = \"abc; }", "class A {" };
        sources.AddRange(broken);
        Assert.True(sources.Count > broken.Length + 10);
        var ours = sources.Select((s, i) => (i, ok: Parser.ParseFile(s).Errors.Count == 0)).Where(x => !x.ok).Select(x => x.i).ToList();
        var javac = JavacRejects(sources);
        var expectedRejected = Enumerable.Range(sources.Count - broken.Length, broken.Length).ToList();
        Assert.Equal(expectedRejected, ours);
        if (javac is not null) Assert.Equal(expectedRejected, javac.OrderBy(x => x).ToList());
    }
}

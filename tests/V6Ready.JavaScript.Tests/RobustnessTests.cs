using V6Ready.Core;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

/// <summary>Malformed, truncated, mutated, binary and deeply nested input: clear errors, never a crash or a hang.</summary>
public class RobustnessTests
{
    private static void AssertNoInternalError(FileResult r)
    {
        Assert.DoesNotContain(r.ParseErrors, e => e.Message.StartsWith("internal", StringComparison.Ordinal));
        Assert.All(r.ParseErrors, e => Assert.True(e.Line >= 1));
    }

    private static IEnumerable<string> SampleTexts() =>
        SampleTests.Files().Select(row => (string)row[0]).Select(p => File.ReadAllText(Path.Combine(RepoRoot(), p)));

    [Fact]
    public void EveryPrefixOfEverySampleFile()
    {
        foreach (var (path, text) in SampleTests.Files().Select(r => (string)r[0]).Select(p => (p, File.ReadAllText(Path.Combine(RepoRoot(), p)))))
        {
            var step = Math.Max(1, text.Length / 600);
            for (var i = 0; i <= text.Length; i += step)
                AssertNoInternalError(Scan(text.Substring(0, i), path));
        }
    }

    [Fact]
    public void RandomMutationsWithFixedSeed()
    {
        var rng = new Random(12345);
        var texts = SampleTexts().ToList();
        const string alphabet = "{}()[]`'\"/\\<>$:;,.=+-*!?#@\n \t0a\u00e9\u2028\0";
        for (var n = 0; n < 600; n++)
        {
            var chars = texts[n % texts.Count].ToCharArray();
            var edits = 1 + rng.Next(8);
            for (var k = 0; k < edits; k++)
                chars[rng.Next(chars.Length)] = alphabet[rng.Next(alphabet.Length)];
            AssertNoInternalError(Scan(new string(chars), n % 2 == 0 ? "m.ts" : "m.jsx"));
        }
    }

    [Fact]
    public void BinaryAndGarbage()
    {
        var rng = new Random(7);
        var bytes = new byte[4096];
        rng.NextBytes(bytes);
        var r = Scan(System.Text.Encoding.Latin1.GetString(bytes), "bin.js");
        AssertNoInternalError(r);
        Assert.NotEmpty(r.ParseErrors);
        foreach (var s in new[] { "`${", "`${`${`${", "/*", "'", "<div", "<div a={", "class {", "a => {", "import", "export {", "@", "#", "x?.", "(((", "}}}", "<T>(", "type X = {", "enum {" })
        {
            AssertNoInternalError(Scan(s, "a.js"));
            AssertNoInternalError(Scan(s, "a.ts"));
            AssertNoInternalError(Scan(s, "a.tsx"));
        }
    }

    [Fact]
    public void DeepNestingInEveryShape()
    {
        foreach (var (open, close) in new[] { ("(", ")"), ("[", "]"), ("{", "}"), ("x = {a:", "}"), ("f(", ")"), ("`${", "}`"), ("<a>", "</a>"), ("!", ""), ("-", ""), ("a ? b : ", ""), ("() => ", ""), ("if (x) ", ""), ("new ", "") })
        {
            var code = string.Concat(Enumerable.Repeat(open, 20_000)) + "1" + string.Concat(Enumerable.Repeat(close, 20_000));
            var r = Scan(code, "deep.tsx");
            AssertNoInternalError(r);
            Assert.NotEmpty(r.ParseErrors);
        }
        // Types too.
        var type = "let x: " + string.Concat(Enumerable.Repeat("Array<", 5000)) + "T" + new string('>', 5000) + ";";
        AssertNoInternalError(Scan(type, "t.ts"));
    }

    [Fact]
    public void SmallStackFallsBackToABigStackThread()
    {
        // 400 levels are within the nesting bound; on a 256 KB stack the parser runs short and must retry on its own thread.
        var code = "x = " + new string('(', 400) + "1" + new string(')', 400) + ";\napp.listen(1, '0.0.0.0');";
        FileResult? result = null;
        Exception? error = null;
        var t = new Thread(() => { try { result = Scan(code, "deep.js"); } catch (Exception e) { error = e; } }, 256 * 1024);
        t.Start();
        t.Join();
        Assert.Null(error);
        Assert.Empty(result!.ParseErrors);
        Assert.Equal("V6001", Assert.Single(result.Findings).RuleId);
    }

    [Fact]
    public void SpeculationStaysBounded()
    {
        // Each of these once made the parser retry speculations over and over; now each is one linear-ish pass.
        var comparisons = "x = " + string.Join(" < ", Enumerable.Range(0, 3000).Select(i => "a" + i)) + ";";
        Assert.Empty(Scan(comparisons, "a.ts").ParseErrors);
        var defaults = "x = " + string.Concat(Enumerable.Range(0, 300).Select(i => $"(a{i} = ")) + "1" + new string(')', 300) + ";";
        Assert.Empty(Scan(defaults, "b.ts").ParseErrors);
        var asyncCalls = "x = " + string.Concat(Enumerable.Repeat("async (", 300)) + "a" + new string(')', 300) + ";";
        Assert.Empty(Scan(asyncCalls, "c.js").ParseErrors);
        var generics = "x = " + string.Concat(Enumerable.Repeat("<T,>(a: ", 200)) + "T" + string.Concat(Enumerable.Repeat(") => a", 200)) + ";";
        Assert.Empty(Scan(generics, "d.tsx").ParseErrors);
    }

    [Fact]
    public void LongFlatInputParsesWithoutErrors()
    {
        var stmts = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"const v{i} = '{i}' + x.y.z({i})?.w[{i}];\n"));
        var r = Scan(stmts, "long.js");
        Assert.Empty(r.ParseErrors);
        var concat = "const s = " + string.Join(" + ", Enumerable.Range(0, 20_000).Select(i => "host" + i)) + " + ':' + port;";
        AssertNoInternalError(Scan(concat, "c.js"));
        // A very long member chain is a loop in the parser and a deep tree afterwards: rules must not recurse over it.
        var chain = "const a = `${x" + string.Concat(Enumerable.Repeat(".y", 20_000)) + ".host}:${port}`;\nconst b = z" + string.Concat(Enumerable.Repeat("()", 20_000)) + ".split(':');";
        var chained = Scan(chain, "chain.js");
        AssertNoInternalError(chained);
        Assert.Empty(chained.ParseErrors);
        Assert.Contains(chained.Findings, f => f.RuleId == "V6005");
        var absurd = "x = a" + string.Concat(Enumerable.Repeat(".b", 200_000)) + ";";
        AssertNoInternalError(Scan(absurd, "absurd.js")); // a parse error (nesting bound), not a crash
    }
}

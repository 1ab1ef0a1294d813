using V6Ready.Core;
using V6Ready.Core.Docs;

namespace V6Ready.Manifests.Tests;

/// <summary>Runs every tested example of the manifests rule pages: bad → the rule fires, good → it does not, fixed → the bad example's fixes give exactly that text.</summary>
public class RuleDocTests
{
    public static readonly string[] Pages = { "V6005", "V6101", "V6102", "V6103", "V6104", "V6105", "V6106", "V6107", "V6108", "V6201", "V6202", "V6203", "V6204", "V6205", "V6206", "V6207", "V6208", "V6209", "V6301" };

    public static IEnumerable<object[]> PageIds() => Pages.Select(p => new object[] { p });

    private static string DefaultPath(string lang) => lang switch
    {
        "json" => "k8s/object.json",
        "dockerfile" => "Dockerfile",
        "nginx" => "nginx/nginx.conf",
        "redis" => "redis.conf",
        "xml" or "msbuild" => "App.csproj",
        "gomod" => "go.mod",
        _ => "k8s/example.yaml",
    };

    [Theory]
    [MemberData(nameof(PageIds))]
    public void Page_examples_behave_as_documented(string id)
    {
        var page = File.ReadAllText(Path.Combine(TestUtil.RepoRoot(), "rules", id + ".md"));
        // Pages shared with the code front ends (V6005): only the configuration examples are this front end's.
        var examples = RuleDocExamples.Parse(page).Where(e => e.Language is not ("csharp" or "js" or "ts" or "go" or "python" or "java")).ToList();
        Assert.Contains(examples, e => e.Kind == ExampleKind.Bad);
        Assert.Contains(examples, e => e.Kind == ExampleKind.Good);
        RuleDocExample? previousBad = null;
        foreach (var ex in examples)
        {
            var path = ex.Path ?? DefaultPath(ex.Language);
            var where = $"{id}.md line {ex.Line} ({ex.Language} {ex.Kind})";
            Assert.True(TestUtil.FrontEnd.Detect(path, ex.Code) is not null, $"{where}: '{path}' is not detected");
            var result = TestUtil.Analyze(path, ex.Code);
            Assert.True(result.ParseErrors.Count == 0, $"{where}: parse errors: {string.Join("; ", result.ParseErrors.Select(p => p.Message))}");
            var hits = result.Findings.Where(f => f.RuleId == id).ToList();
            switch (ex.Kind)
            {
                case ExampleKind.Bad:
                    Assert.True(hits.Count > 0, $"{where}: expected {id}");
                    previousBad = ex;
                    break;
                case ExampleKind.Good:
                    Assert.True(hits.Count == 0, $"{where}: unexpected {id}: {string.Join("; ", hits.Select(h => h.Message))}");
                    break;
                case ExampleKind.Fixed:
                    Assert.True(hits.Count == 0, $"{where}: the fixed example still has {id}");
                    Assert.NotNull(previousBad);
                    var badPath = previousBad!.Path ?? DefaultPath(previousBad.Language);
                    var bad = TestUtil.Analyze(badPath, previousBad.Code);
                    var fixedText = TestUtil.ApplyFixes(previousBad.Code, bad.Findings.Where(f => f.RuleId == id));
                    Assert.Equal(ex.Code, fixedText);
                    break;
            }
        }
    }
}

using V6Ready.Core;

namespace V6Ready.Manifests.Rules;

/// <summary>V6301 over csproj / Directory.Packages.props, package.json and go.mod (advisories in rules/advisories.json).</summary>
public static class DependencyRules
{
    public static void Analyze(Ctx ctx, SourceDocument document, string language)
    {
    }
}

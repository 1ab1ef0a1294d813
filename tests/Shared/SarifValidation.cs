using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace V6Ready.TestSupport;

/// <summary>
/// Validates SARIF against the SARIF 2.1.0 schema shipped in Microsoft's Sarif.Sdk package (copied next to the test
/// assembly by tests/Shared/SarifSchema.props) with JsonSchema.Net, formats included. Linked into every test project
/// that checks SARIF output, so there is one copy.
/// </summary>
public static class SarifValidation
{
    /// <summary>The schema's identity (the OASIS 2.1.0 errata01 schema id, which the reporters also write as <c>$schema</c>).</summary>
    public static readonly Uri SchemaId = new("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");

    /// <summary>Where the build copies the schema: beside the test assembly.</summary>
    public static string SchemaPath => Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json");

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static JsonSchema Load()
    {
        if (!File.Exists(SchemaPath))
            throw new FileNotFoundException("the SARIF 2.1.0 schema is copied from the Sarif.Sdk package at build time; rebuild the test project", SchemaPath);
        // A private registry: each test assembly loads the schema once under its id, independent of other tests.
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(File.ReadAllText(SchemaPath), build, SchemaId);
    }

    /// <summary>The schema errors of <paramref name="sarif"/>, one line each (location: message); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string sarif)
    {
        using var doc = JsonDocument.Parse(sarif);
        return Validate(doc.RootElement);
    }

    public static IReadOnlyList<string> Validate(JsonNode? sarif) => Validate(JsonSerializer.SerializeToElement(sarif));

    public static IReadOnlyList<string> Validate(JsonElement sarif)
    {
        var result = Schema.Value.Evaluate(sarif, Options);
        if (result.IsValid) return Array.Empty<string>();
        var errors = new List<string>();
        foreach (var detail in result.Details ?? Enumerable.Empty<EvaluationResults>())
        {
            if (detail.Errors is null) continue;
            foreach (var (keyword, message) in detail.Errors)
                errors.Add($"{detail.InstanceLocation} ({keyword}): {message}");
        }
        if (errors.Count == 0) errors.Add("invalid SARIF (no detail reported)");
        return errors;
    }
}

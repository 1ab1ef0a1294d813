using System.Text.Json;

namespace V6Ready.LanguageServer.Tests;

/// <summary>The server reads the CLI's project config (v6ready.toml): selection, severities, overrides, globs, target, errors.</summary>
public sealed class ProjectConfigTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "v6ready-lsp-config-" + Guid.NewGuid().ToString("N"));

    public ProjectConfigTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string Uri(string name) => new Uri(Path.Combine(_dir, name)).AbsoluteUri;

    private void Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static List<JsonElement> Diagnostics(JsonElement publish) => publish.GetProperty("diagnostics").EnumerateArray().ToList();

    private static List<string?> Codes(JsonElement publish) => Diagnostics(publish).Select(d => d.GetProperty("code").GetString()).ToList();

    private async Task<LspTestClient> StartAsync()
    {
        var client = new LspTestClient();
        await client.InitializeAsync(rootUri: new Uri(_dir).AbsoluteUri);
        return client;
    }

    private Task<JsonElement> NextPublishAsync(LspTestClient client, string uri, Func<List<JsonElement>, bool> match) =>
        client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri && match(Diagnostics(p)));

    [Fact]
    public async Task Ignore_by_prefix_turns_the_rule_off_and_a_changed_config_file_is_read_again()
    {
        Write("v6ready.toml", "ignore = [\"V61\"]\n");
        await using var client = await StartAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", ProtocolTests.SingleStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));

        Write("v6ready.toml", "[severity]\nV6101 = \"error\"\n");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Uri("v6ready.toml"), type = 2 } } });
        var publish = await NextPublishAsync(client, uri, d => d.Count == 1);
        Assert.Equal("V6101", Codes(publish).Single());
        Assert.Equal(1, Diagnostics(publish)[0].GetProperty("severity").GetInt32()); // error
    }

    [Fact]
    public async Task The_dotted_name_is_a_config_file_too_and_select_keeps_only_the_selected_rules()
    {
        Write(".v6ready.toml", "select = [\"V6001\"]\n");
        await using var client = await StartAsync();
        var yaml = Uri("svc.yaml");
        await client.OpenAsync(yaml, "yaml", ProtocolTests.SingleStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(yaml, 1))); // V6101 is not selected

        File.Delete(Path.Combine(_dir, ".v6ready.toml"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Uri(".v6ready.toml"), type = 3 } } });
        Assert.Equal("V6101", Codes(await NextPublishAsync(client, yaml, d => d.Count == 1)).Single());
    }

    [Fact]
    public async Task Overrides_apply_to_the_paths_they_name_only()
    {
        Write("v6ready.toml", "[[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"V6101\"]\n\n[[overrides]]\npaths = [\"strict/*.yaml\"]\nseverity = { V6101 = \"error\" }\n");
        await using var client = await StartAsync();
        var legacy = Uri("legacy/svc.yaml");
        var strict = Uri("strict/svc.yaml");
        var plain = Uri("svc.yaml");
        // (the test client consumes notifications in order: open one document, then wait for its diagnostics)
        await client.OpenAsync(legacy, "yaml", ProtocolTests.SingleStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(legacy, 1)));
        await client.OpenAsync(strict, "yaml", ProtocolTests.SingleStackService);
        Assert.Equal(1, Diagnostics(await client.WaitForDiagnosticsAsync(strict, 1)).Single().GetProperty("severity").GetInt32());
        await client.OpenAsync(plain, "yaml", ProtocolTests.SingleStackService);
        Assert.Equal(2, Diagnostics(await client.WaitForDiagnosticsAsync(plain, 1)).Single().GetProperty("severity").GetInt32());
    }

    [Fact]
    public async Task Each_file_gets_the_nearest_config_above_it()
    {
        Write("v6ready.toml", "[severity]\nV6101 = \"error\"\n");
        Write("team/v6ready.toml", "ignore = [\"V6101\"]\n");
        await using var client = await StartAsync();
        var top = Uri("svc.yaml");
        var team = Uri("team/deploy/svc.yaml");
        await client.OpenAsync(top, "yaml", ProtocolTests.SingleStackService);
        Assert.Equal(1, Diagnostics(await client.WaitForDiagnosticsAsync(top, 1)).Single().GetProperty("severity").GetInt32());
        await client.OpenAsync(team, "yaml", ProtocolTests.SingleStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(team, 1)));
    }

    [Fact]
    public async Task Excluded_files_get_no_diagnostics_and_included_ones_do()
    {
        Write("v6ready.toml", "exclude = [\"generated/\"]\n");
        await using var client = await StartAsync();
        var generated = Uri("generated/svc.yaml");
        var kept = Uri("svc.yaml");
        await client.OpenAsync(generated, "yaml", ProtocolTests.SingleStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(generated, 1)));
        await client.OpenAsync(kept, "yaml", ProtocolTests.SingleStackService);
        Assert.Equal("V6101", Codes(await client.WaitForDiagnosticsAsync(kept, 1)).Single());
    }

    [Fact]
    public async Task The_configs_target_applies_unless_the_client_sets_one()
    {
        Write("v6ready.toml", "target = \"ipv6-only\"\n");
        await using var client = await StartAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", ProtocolTests.SingleStackService);
        // V6101 is a note (information) for an IPv6-only target.
        Assert.Equal(3, Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)).Single().GetProperty("severity").GetInt32());
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { v6ready = new { target = "dual-stack" } } });
        var publish = await NextPublishAsync(client, uri, d => d.Count == 1 && d[0].GetProperty("severity").GetInt32() == 2);
        Assert.Equal("V6101", Codes(publish).Single());
    }

    [Fact]
    public async Task An_invalid_config_is_reported_on_the_document_and_the_defaults_apply()
    {
        Write("v6ready.toml", "selekt = [\"V6001\"]\n");
        await using var client = await StartAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", ProtocolTests.SingleStackService);
        var diagnostics = Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1));
        Assert.Equal(new[] { "V6101", "config-error" }, diagnostics.Select(d => d.GetProperty("code").GetString()));
        var error = diagnostics[1];
        Assert.Contains("unknown key 'selekt'", error.GetProperty("message").GetString());
        Assert.Contains("v6ready.toml", error.GetProperty("message").GetString());
        Assert.Equal(2, error.GetProperty("severity").GetInt32());
    }

    [Fact]
    public async Task Saving_the_config_open_in_the_editor_analyses_the_other_documents_again()
    {
        await using var client = await StartAsync();
        var svc = Uri("svc.yaml");
        await client.OpenAsync(svc, "yaml", ProtocolTests.SingleStackService);
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(svc, 1)));

        var config = Uri("v6ready.toml");
        await client.OpenAsync(config, "toml", "");
        Write("v6ready.toml", "[severity]\nV61 = \"none\"\n");
        await client.NotifyAsync("textDocument/didSave", new { textDocument = new { uri = config } });
        await NextPublishAsync(client, svc, d => d.Count == 0);
    }

    [Fact]
    public async Task Min_confidence_from_the_config_drops_less_sure_findings()
    {
        Write("v6ready.toml", "min-confidence = \"high\"\n");
        var sure = new FakeFrontEnd(".sure", "sure", _ => { }, V6Ready.Rules.Confidence.High);
        var unsure = new FakeFrontEnd(".unsure", "unsure", _ => { }, V6Ready.Rules.Confidence.Medium);
        await using var client = new LspTestClient(new V6Ready.Core.ILanguageFrontEnd[] { sure, unsure });
        await client.InitializeAsync(rootUri: new Uri(_dir).AbsoluteUri);
        await client.OpenAsync(Uri("a.sure"), "plaintext", "x");
        Assert.Equal("V6003", Codes(await client.WaitForDiagnosticsAsync(Uri("a.sure"), 1)).Single());
        await client.OpenAsync(Uri("a.unsure"), "plaintext", "x");
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(Uri("a.unsure"), 1)));
        Assert.Equal(1, unsure.Calls); // analysed, then dropped by the threshold
    }
}

using System.Text.Json;
using V6Ready.Core;

namespace V6Ready.LanguageServer.Tests;

/// <summary>Every LSP message the server handles, over the real framing, with the real front ends found by reflection.</summary>
public sealed class ProtocolTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "v6ready-lsp-" + Guid.NewGuid().ToString("N"));

    public ProtocolTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    internal const string SingleStackService = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n";
    internal const string DualStackService = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ipFamilyPolicy: PreferDualStack\n  selector:\n    app: web\n  ports:\n    - port: 80\n";

    private string Uri(string name) => new Uri(Path.Combine(_dir, name)).AbsoluteUri;

    private static List<JsonElement> Diagnostics(JsonElement publish) => publish.GetProperty("diagnostics").EnumerateArray().ToList();

    [Fact]
    public async Task Initialize_announces_incremental_sync_hover_code_actions_and_push_diagnostics()
    {
        await using var client = new LspTestClient();
        var result = await client.InitializeAsync();
        var caps = result.GetProperty("capabilities");
        Assert.Equal(2, caps.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(caps.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.True(caps.GetProperty("hoverProvider").GetBoolean());
        Assert.Equal("quickfix", caps.GetProperty("codeActionProvider").GetProperty("codeActionKinds")[0].GetString());
        Assert.False(caps.TryGetProperty("diagnosticProvider", out _)); // the client did not announce pull support
        Assert.Equal("v6ready", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Initialize_announces_pull_diagnostics_when_the_client_supports_them()
    {
        await using var client = new LspTestClient();
        var result = await client.InitializeAsync(new { textDocument = new { diagnostic = new { dynamicRegistration = false } } });
        var provider = result.GetProperty("capabilities").GetProperty("diagnosticProvider");
        Assert.False(provider.GetProperty("interFileDependencies").GetBoolean());
    }

    [Fact]
    public async Task Requests_before_initialize_are_refused_with_server_not_initialized()
    {
        await using var client = new LspTestClient();
        var e = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/hover", new { textDocument = new { uri = Uri("a.yaml") }, position = new { line = 0, character = 0 } }));
        Assert.Equal(-32002, e.Code);
    }

    [Fact]
    public async Task DidOpen_of_a_single_stack_Service_publishes_V6101_with_its_page()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(rootUri: new Uri(_dir).AbsoluteUri);
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var d = Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        Assert.Equal("V6101", d.GetProperty("code").GetString());
        Assert.Equal("v6ready", d.GetProperty("source").GetString());
        Assert.EndsWith("rules/V6101.md", d.GetProperty("codeDescription").GetProperty("href").GetString());
        Assert.Equal(2, d.GetProperty("severity").GetInt32());
        Assert.Contains("ClusterIP of one family", d.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_dual_stack_Service_gets_an_empty_list()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", DualStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
    }

    [Fact]
    public async Task Code_action_fix_is_preferred_and_applying_it_clears_the_diagnostics()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var diag = Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        var actions = (await client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri },
            range = diag.GetProperty("range"),
            context = new { diagnostics = new[] { diag } },
        })).EnumerateArray().ToList();
        Assert.Equal(2, actions.Count);
        var fix = actions[0];
        Assert.True(fix.GetProperty("isPreferred").GetBoolean());
        Assert.Equal("quickfix", fix.GetProperty("kind").GetString());
        Assert.Equal("V6101", fix.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        var fixedText = EditApplier.Apply(SingleStackService, fix.GetProperty("edit").GetProperty("changes").GetProperty(uri));
        Assert.Contains("ipFamilyPolicy: PreferDualStack", fixedText);
        Assert.StartsWith("Suppress V6101", actions[1].GetProperty("title").GetString());
        Assert.False(actions[1].TryGetProperty("isPreferred", out _));

        await client.ChangeFullAsync(uri, 2, fixedText);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 2)));
    }

    [Fact]
    public async Task Suppress_action_inserts_a_v6ready_ignore_comment_in_the_files_syntax()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var diag = Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        var actions = (await client.RequestAsync("textDocument/codeAction", new { textDocument = new { uri }, range = diag.GetProperty("range"), context = new { diagnostics = new[] { diag } } })).EnumerateArray().ToList();
        var suppress = actions.Single(a => a.GetProperty("title").GetString()!.StartsWith("Suppress", StringComparison.Ordinal));
        var suppressed = EditApplier.Apply(SingleStackService, suppress.GetProperty("edit").GetProperty("changes").GetProperty(uri));
        Assert.Contains("# v6ready-ignore V6101 -- reason\n", suppressed);
        await client.ChangeFullAsync(uri, 2, suppressed);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 2)));
    }

    [Fact]
    public async Task Incremental_changes_are_applied_in_order_and_only_the_last_version_is_published()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(initializationOptions: new { debounceMs = 50 });
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", DualStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        // Delete "  ipFamilyPolicy: PreferDualStack\n" (line 5) one character at a time from its end: 34 edits.
        var line = "  ipFamilyPolicy: PreferDualStack\n";
        var version = 1;
        for (var i = line.Length; i > 0; i--)
        {
            version++;
            var endLine = i == line.Length ? 6 : 5;
            var endChar = i == line.Length ? 0 : i;
            await client.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri, version },
                contentChanges = new[] { new { range = new { start = new { line = 5, character = i - 1 }, end = new { line = endLine, character = endChar } }, text = "" } },
            });
        }
        var publish = await client.WaitForDiagnosticsAsync(uri, version);
        Assert.Equal("V6101", Assert.Single(Diagnostics(publish)).GetProperty("code").GetString());
        // Debounced: the edits came faster than 50 ms apart, so intermediate versions were never published.
        Assert.True(PublishCounter.Count(client) < line.Length, client.Log.ToString());
    }

    [Fact]
    public async Task Hover_on_a_finding_shows_the_why_the_fix_and_the_page()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var diag = Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        var hover = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = diag.GetProperty("range").GetProperty("start") });
        var md = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Equal("markdown", hover.GetProperty("contents").GetProperty("kind").GetString());
        Assert.Contains("**V6101**", md);
        Assert.Contains("**Why:** A Service without spec.ipFamilyPolicy", md);
        Assert.Contains("**Fix:**", md);
        Assert.Contains("rules/V6101.md", md);

        var nothing = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line = 8, character = 10 } });
        Assert.Equal(JsonValueKind.Null, nothing.ValueKind);
    }

    [Fact]
    public async Task Pull_diagnostics_return_a_full_report_then_unchanged_for_the_same_result_id()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(new { textDocument = new { diagnostic = new { } } });
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var report = await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } });
        Assert.Equal("full", report.GetProperty("kind").GetString());
        Assert.Equal("V6101", Assert.Single(report.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
        var resultId = report.GetProperty("resultId").GetString();
        var again = await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = resultId });
        Assert.Equal("unchanged", again.GetProperty("kind").GetString());

        await client.ChangeFullAsync(uri, 2, DualStackService);
        var after = await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = resultId });
        Assert.Equal("full", after.GetProperty("kind").GetString());
        Assert.Empty(after.GetProperty("items").EnumerateArray());
        Assert.Equal(0, PublishCounter.Count(client)); // pull clients get no pushes
    }

    [Fact]
    public async Task DidClose_clears_the_documents_diagnostics()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        var cleared = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p.GetProperty("uri").GetString() == uri && !p.TryGetProperty("version", out _));
        Assert.Empty(Diagnostics(cleared));
    }

    [Fact]
    public async Task DidSave_analyses_again_and_didChangeConfiguration_switches_the_target()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        Assert.Equal(2, Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1))[0].GetProperty("severity").GetInt32());
        await client.NotifyAsync("textDocument/didSave", new { textDocument = new { uri } });
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        // V6101 is a note (information) when the target is IPv6-only: a single-stack IPv6 Service works there.
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { v6ready = new { target = "ipv6-only" } } });
        var publish = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("uri").GetString() == uri && p.GetProperty("diagnostics").GetArrayLength() == 1 &&
            p.GetProperty("diagnostics")[0].GetProperty("severity").GetInt32() == 3);
        Assert.Equal("V6101", Diagnostics(publish)[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Editorconfig_severities_apply_and_a_watched_file_change_is_picked_up()
    {
        File.WriteAllText(Path.Combine(_dir, ".editorconfig"), "root = true\n[*.yaml]\ndotnet_diagnostic.V6101.severity = none\n");
        await using var client = new LspTestClient();
        await client.InitializeAsync(rootUri: new Uri(_dir).AbsoluteUri);
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        Assert.Empty(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));

        File.WriteAllText(Path.Combine(_dir, ".editorconfig"), "root = true\n[*.yaml]\ndotnet_diagnostic.V6101.severity = error\n");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Uri(".editorconfig"), type = 2 } } });
        var publish = await client.WaitForNotificationAsync("textDocument/publishDiagnostics", p =>
            p.GetProperty("uri").GetString() == uri && p.GetProperty("diagnostics").GetArrayLength() == 1);
        Assert.Equal(1, Diagnostics(publish)[0].GetProperty("severity").GetInt32()); // error
    }

    [Fact]
    public async Task Config_file_watching_is_registered_when_the_client_allows_dynamic_registration()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(new { workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } } });
        // The registration request is sent after "initialized"; a round trip makes sure it was read.
        await client.RequestAsync("shutdown", null);
        var request = Assert.Single(client.ServerRequests);
        Assert.Equal("client/registerCapability", request.GetProperty("method").GetString());
        var watchers = request.GetProperty("params").GetProperty("registrations")[0].GetProperty("registerOptions").GetProperty("watchers")
            .EnumerateArray().Select(w => w.GetProperty("globPattern").GetString()).ToList();
        Assert.Equal(new[] { "**/v6ready.toml", "**/.v6ready.toml", "**/.editorconfig" }, watchers);
    }

    [Fact]
    public async Task A_file_that_fails_to_parse_gets_a_diagnostic_and_the_server_goes_on()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("broken.yaml");
        await client.OpenAsync(uri, "yaml", "apiVersion: v1\nkind: Service\nspec: [unclosed\n  ports: {\n");
        var d = Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)).Single(x => x.GetProperty("code").GetString() == "parse-error");
        Assert.Equal(3, d.GetProperty("severity").GetInt32());
        Assert.Equal(3, d.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()); // the front end's line 4
        Assert.Equal(3, d.GetProperty("range").GetProperty("end").GetProperty("line").GetInt32());
        Assert.Contains("could not parse", d.GetProperty("message").GetString());

        var ok = Uri("svc.yaml");
        await client.OpenAsync(ok, "yaml", SingleStackService);
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(ok, 1)));
    }

    [Fact]
    public async Task Malformed_json_is_answered_with_a_parse_error_and_the_server_keeps_serving()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.SendRawAsync("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":");
        var error = await client.WaitForNotificationAsync("$/response");
        Assert.Equal(-32700, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("id").ValueKind);

        await client.SendRawAsync("[1, 2, 3]");
        var invalid = await client.WaitForNotificationAsync("$/response");
        Assert.Equal(-32600, invalid.GetProperty("error").GetProperty("code").GetInt32());

        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
    }

    [Fact]
    public async Task Unknown_requests_get_method_not_found_and_unknown_notifications_are_ignored()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var e = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = new { uri = Uri("a.go") } }));
        Assert.Equal(-32601, e.Code);
        await client.NotifyAsync("$/setTrace", new { value = "verbose" });
        await client.NotifyAsync("workspace/somethingNew", new { x = 1 });
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
    }

    [Fact]
    public async Task Shutdown_then_exit_returns_0_and_exit_alone_returns_1()
    {
        await using (var client = new LspTestClient())
        {
            await client.InitializeAsync();
            await client.ShutdownAndExitAsync();
            Assert.Equal(0, await client.ServerTask.WaitAsync(LspTestClient.Timeout));
        }
        await using (var client = new LspTestClient())
        {
            await client.InitializeAsync();
            await client.NotifyAsync("exit", null);
            Assert.Equal(1, await client.ServerTask.WaitAsync(LspTestClient.Timeout));
        }
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_request_ends_the_server_cleanly()
    {
        var release = new ManualResetEventSlim(false);
        var slow = new FakeFrontEnd(".yaml", "kubernetes", _ => release.Wait(TimeSpan.FromSeconds(20)));
        await using var client = new LspTestClient(new ILanguageFrontEnd[] { slow }, null);
        await client.InitializeAsync(new { textDocument = new { diagnostic = new { } } });
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var pending = client.RequestRawAsync("textDocument/diagnostic", new { textDocument = new { uri } }); // waits for the slow analysis
        await Task.Delay(100);
        await client.DisconnectAsync();
        var code = await client.ServerTask.WaitAsync(LspTestClient.Timeout);
        release.Set();
        Assert.Equal(1, code); // input ended without exit
        Assert.Contains("input ended without exit", client.Log.ToString());
        Assert.False(pending.IsCompletedSuccessfully); // the slow analysis was still running when the client went away
    }

    [Fact]
    public async Task A_50_MB_document_is_not_analysed_but_reported_and_the_server_stays_responsive()
    {
        var sb = new System.Text.StringBuilder(SingleStackService.Length * 600_000);
        while (sb.Length < 50 * 1024 * 1024) sb.Append("---\n").Append(SingleStackService);
        var text = sb.ToString();
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var uri = Uri("huge.yaml");
        await client.OpenAsync(uri, "yaml", text);
        var d = Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        Assert.Equal("not-analysed", d.GetProperty("code").GetString());
        Assert.Contains("too large", d.GetProperty("message").GetString());
        // An incremental edit at the start of the 50 MB text, then a hover: both handled.
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version = 2 }, contentChanges = new[] { new { range = new { start = new { line = 0, character = 0 }, end = new { line = 0, character = 0 } }, text = "# big\n" } } });
        Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 2)));
        var hover = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line = 1, character = 0 } });
        Assert.Equal(JsonValueKind.Null, hover.ValueKind);
    }

    [Fact]
    public async Task CSharp_files_are_left_to_the_analyzer_package_unless_the_client_asks()
    {
        var fe = new FakeFrontEnd(".cs", "csharp", d => { });
        foreach (var (options, expected) in new (object?, int)[] { (null, 0), (new { csharp = true }, 1) })
        {
            await using var client = new LspTestClient(new ILanguageFrontEnd[] { fe }, null);
            await client.InitializeAsync(initializationOptions: options);
            var uri = Uri("Program.cs");
            await client.OpenAsync(uri, "csharp", "var x = \"0.0.0.0\";\n");
            Assert.Equal(expected, Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)).Count);
        }
    }

    [Fact]
    public async Task A_front_end_that_throws_gives_a_diagnostic_not_a_dead_server()
    {
        var fe = new FakeFrontEnd(".yaml", "kubernetes", _ => throw new InvalidOperationException("boom"));
        await using var client = new LspTestClient(new ILanguageFrontEnd[] { fe }, null);
        await client.InitializeAsync();
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", SingleStackService);
        var d = Assert.Single(Diagnostics(await client.WaitForDiagnosticsAsync(uri, 1)));
        Assert.Contains("internal error: InvalidOperationException: boom", d.GetProperty("message").GetString());
        var hover = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line = 0, character = 0 } });
        Assert.Equal(JsonValueKind.Null, hover.ValueKind);
    }

    [Fact]
    public async Task Stale_runs_are_cancelled_so_a_burst_of_edits_is_analysed_far_fewer_times_than_edited()
    {
        var fe = new FakeFrontEnd(".yaml", "kubernetes", _ => Thread.Sleep(5));
        await using var client = new LspTestClient(new ILanguageFrontEnd[] { fe }, null);
        await client.InitializeAsync(initializationOptions: new { debounceMs = 100 });
        var uri = Uri("svc.yaml");
        await client.OpenAsync(uri, "yaml", "a: 1\n");
        await client.WaitForDiagnosticsAsync(uri, 1);
        var before = fe.Calls;
        for (var v = 2; v <= 41; v++) await client.ChangeFullAsync(uri, v, $"a: {v}\n");
        var last = await client.WaitForDiagnosticsAsync(uri, 41);
        Assert.Single(Diagnostics(last));
        Assert.InRange(fe.Calls - before, 1, 10);
        Assert.Equal("a: 41\n", fe.LastText);
    }
}

/// <summary>Counts the publishDiagnostics the client received so far (it keeps every notification).</summary>
internal static class PublishCounter
{
    public static int Count(LspTestClient client) =>
        client.SeenNotifications().Count(m => m.GetProperty("method").GetString() == "textDocument/publishDiagnostics");
}

/// <summary>A front end for protocol tests: claims one extension, reports one V6003 at the start of the file, runs a hook first.</summary>
internal sealed class FakeFrontEnd : ILanguageFrontEnd
{
    private readonly string _extension;
    private readonly string _language;
    private readonly Action<SourceDocument> _hook;
    private readonly V6Ready.Rules.Confidence _confidence;
    private int _calls;

    public FakeFrontEnd(string extension, string language, Action<SourceDocument> hook, V6Ready.Rules.Confidence confidence = V6Ready.Rules.Confidence.High)
    {
        _extension = extension;
        _language = language;
        _hook = hook;
        _confidence = confidence;
    }

    public int Calls => Volatile.Read(ref _calls);
    public string? LastText { get; private set; }
    public string Name => "fake " + _language;
    public string? Detect(string relativePath, string? head) => relativePath.EndsWith(_extension, StringComparison.Ordinal) ? _language : null;

    public FileResult Analyze(SourceDocument document, AnalysisContext context)
    {
        Interlocked.Increment(ref _calls);
        LastText = document.Text;
        _hook(document);
        var result = new FileResult(document.Path, _language);
        result.Findings.Add(context.CreateFinding(document, _language, V6Ready.Rules.RuleCatalog.V6003, 0, 1, null, _confidence, "'x'"));
        return result;
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using StreamJsonRpc;
using V6Ready.Core;
using V6Ready.Core.Config;
using V6Ready.Core.Scanning;
using V6Ready.Core.Text;
using V6Ready.LanguageServer.Protocol;
using V6Ready.Rules;
using LspRange = V6Ready.LanguageServer.Protocol.Range;
using LspTextEdit = V6Ready.LanguageServer.Protocol.TextEdit;

namespace V6Ready.LanguageServer;

/// <summary>Settings a client gives in <c>initializationOptions</c> or <c>workspace/didChangeConfiguration</c> (<c>{"v6ready": {...}}</c>).</summary>
public sealed record ServerSettings
{
    /// <summary>The network to target; null: the project config's <c>target</c>, else dual-stack.</summary>
    public Target? Target { get; init; }

    /// <summary>Analyse C# files too (off by default: the V6Ready.Analyzers package does it inside the IDE).</summary>
    public bool CSharp { get; init; }

    /// <summary>Quiet time after an edit before the document is analysed (a newer edit cancels the older run).</summary>
    public int DebounceMs { get; init; } = 15;

    /// <summary>Documents larger than this are not analysed; null: the project config's <c>max-file-size</c>, else 5 MB (the CLI's default).</summary>
    public long? MaxDocumentSize { get; init; }

    public const long DefaultMaxDocumentSize = 5L * 1024 * 1024;

    /// <summary>Reads the known keys of <paramref name="element"/> (or of its <c>v6ready</c> member) over these settings.</summary>
    public ServerSettings With(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e) return this;
        if (Json.At(e, "v6ready") is { ValueKind: JsonValueKind.Object } nested) e = nested;
        var s = this;
        if (Json.String(e, "target") is { } t)
            s = s with { Target = t.Replace("-", "").Replace("_", "").ToLowerInvariant() == "ipv6only" ? Rules.Target.Ipv6Only : Rules.Target.DualStack };
        if (Json.At(e, "csharp") is { } cs && cs.ValueKind is JsonValueKind.True or JsonValueKind.False) s = s with { CSharp = cs.GetBoolean() };
        if (Json.Int(e, "debounceMs") is { } d) s = s with { DebounceMs = Math.Clamp(d, 0, 5000) };
        if (Json.At(e, "maxDocumentSize") is { ValueKind: JsonValueKind.Number } m && m.TryGetInt64(out var max)) s = s with { MaxDocumentSize = Math.Max(0, max) };
        return s;
    }
}

/// <summary>
/// The LSP methods of <c>v6ready server</c>. Documents are analysed off the message loop: each edit cancels the
/// document's pending run and schedules a new one after <see cref="ServerSettings.DebounceMs"/>; a result is used
/// only when the document is still at the version it analysed. Diagnostics are pushed, or pulled when the client
/// announced <c>textDocument.diagnostic</c>.
/// </summary>
public sealed class V6ReadyServer : IDisposable
{
    public const string Source = "v6ready";

    /// <summary>File names whose change re-analyses every open document (they configure the analysis): the project
    /// config (<c>v6ready.toml</c>, <c>.v6ready.toml</c>) and <c>.editorconfig</c>.</summary>
    public static readonly string[] ConfigFileNames = ProjectConfig.FileNames.Append(".editorconfig").ToArray();

    private readonly object _gate = new();
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ILanguageFrontEnd> _frontEnds;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _analysisSlots = new(Math.Max(1, Environment.ProcessorCount));
    private readonly CancellationTokenSource _stopping = new();
    private JsonRpc? _rpc;
    private RuleCache _rules = new();
    private ServerSettings _settings = new();
    private JsonElement? _clientCapabilities;
    private List<string> _roots = new();
    private bool _initialized;
    private bool _shutdown;
    private bool _pullDiagnostics;
    private int _resultCounter;

    public V6ReadyServer(IReadOnlyList<ILanguageFrontEnd> frontEnds, Action<string> log, ServerSettings? settings = null)
    {
        _frontEnds = frontEnds;
        _log = log;
        if (settings is not null) _settings = settings;
    }

    /// <summary>Completes with the exit code when the client sends <c>exit</c> (0 after <c>shutdown</c>, else 1).</summary>
    public TaskCompletionSource<int> Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called after each analysis with the document's URI, the version analysed and the milliseconds from the edit to the result (bench hook).</summary>
    public Action<string, int, double>? OnAnalyzed { get; set; }

    /// <summary>
    /// Called after each analysis with where the time from the edit went (bench hook): applying the change to the
    /// text, the wait before the analysis started (the debounce, and a free analysis slot), and the analysis itself
    /// (front end, rule settings and the conversion to diagnostics).
    /// </summary>
    public Action<AnalysisTiming>? OnTiming { get; set; }

    public ServerSettings Settings => _settings;

    internal void Attach(JsonRpc rpc) => _rpc = rpc;

    // ---------------------------------------------------------------- lifecycle

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public object Initialize(InitializeParams p)
    {
        _clientCapabilities = p.Capabilities?.Clone();
        _settings = _settings.With(p.InitializationOptions);
        _pullDiagnostics = Json.At(_clientCapabilities, "textDocument.diagnostic") is not null
            && Json.String(p.InitializationOptions, "diagnostics") != "push";
        var roots = new List<string>();
        foreach (var f in p.WorkspaceFolders ?? new()) if (UriToPath(f.Uri) is { } path) roots.Add(path);
        if (roots.Count == 0 && p.RootUri is not null && UriToPath(p.RootUri) is { } r) roots.Add(r);
        if (roots.Count == 0 && !string.IsNullOrEmpty(p.RootPath)) roots.Add(Path.GetFullPath(p.RootPath));
        _roots = roots;
        _initialized = true;
        _log($"initialize: roots [{string.Join(", ", roots)}], diagnostics {(_pullDiagnostics ? "pull" : "push")}, target {DescribeTarget(roots)}, csharp {_settings.CSharp}");

        var capabilities = new Dictionary<string, object?>
        {
            ["positionEncoding"] = "utf-16",
            ["textDocumentSync"] = new Dictionary<string, object?>
            {
                ["openClose"] = true,
                ["change"] = 2, // incremental
                ["save"] = new Dictionary<string, object?> { ["includeText"] = false },
            },
            ["hoverProvider"] = true,
            ["codeActionProvider"] = new Dictionary<string, object?> { ["codeActionKinds"] = new[] { "quickfix" } },
        };
        if (_pullDiagnostics)
        {
            capabilities["diagnosticProvider"] = new Dictionary<string, object?>
            {
                ["identifier"] = Source,
                ["interFileDependencies"] = false,
                ["workspaceDiagnostics"] = false,
            };
        }
        return new Dictionary<string, object?>
        {
            ["capabilities"] = capabilities,
            ["serverInfo"] = new Dictionary<string, object?> { ["name"] = "v6ready", ["version"] = typeof(V6ReadyServer).Assembly.GetName().Version?.ToString(3) ?? "0" },
        };
    }

    [JsonRpcMethod("initialized")]
    public void Initialized()
    {
        if (Json.Bool(_clientCapabilities, "workspace.didChangeWatchedFiles.dynamicRegistration"))
        {
            var watchers = new FileSystemWatcherOptions();
            foreach (var name in ConfigFileNames) watchers.Watchers.Add(new Protocol.FileSystemWatcher { GlobPattern = "**/" + name });
            var registration = new RegistrationParams
            {
                Registrations = { new Registration { Id = "v6ready-config-files", Method = "workspace/didChangeWatchedFiles", RegisterOptions = watchers } },
            };
            _ = SendRequestQuietly("client/registerCapability", registration);
        }
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        _shutdown = true;
        lock (_gate)
        {
            foreach (var d in _documents.Values) d.Cancel();
        }
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit()
    {
        _stopping.Cancel();
        Exited.TrySetResult(_shutdown ? 0 : 1);
    }

    // ---------------------------------------------------------------- documents

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams p)
    {
        EnsureInitialized();
        var item = p.TextDocument;
        var path = UriToPath(item.Uri);
        var doc = new OpenDocument(item.Uri, path, DetectionPath(item.Uri, path, item.LanguageId), item.Version, new DocumentText(item.Text ?? string.Empty));
        lock (_gate)
        {
            if (_documents.Remove(item.Uri, out var old)) old.Cancel();
            _documents[item.Uri] = doc;
        }
        if (IsConfigFile(path)) ConfigurationChanged("opened " + Path.GetFileName(path));
        Schedule(doc, 0);
    }

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams p)
    {
        EnsureInitialized();
        OpenDocument? doc;
        lock (_gate) _documents.TryGetValue(p.TextDocument.Uri, out doc);
        if (doc is null)
        {
            _log("didChange for a document that is not open: " + p.TextDocument.Uri);
            return;
        }
        lock (doc)
        {
            var received = Stopwatch.GetTimestamp();
            doc.Text = doc.Text.Apply(p.ContentChanges);
            doc.Version = p.TextDocument.Version ?? doc.Version + 1;
            doc.ChangedAt = received;
            doc.ApplyMs = Stopwatch.GetElapsedTime(received).TotalMilliseconds;
        }
        Schedule(doc, _settings.DebounceMs);
    }

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams p)
    {
        EnsureInitialized();
        OpenDocument? doc;
        lock (_gate) _documents.TryGetValue(p.TextDocument.Uri, out doc);
        if (doc is not null && IsConfigFile(doc.Path))
        {
            ConfigurationChanged("saved " + Path.GetFileName(doc.Path));
            return;
        }
        if (doc is not null) Schedule(doc, 0);
    }

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams p)
    {
        EnsureInitialized();
        OpenDocument? doc;
        lock (_gate) _documents.Remove(p.TextDocument.Uri, out doc);
        if (doc is null) return;
        doc.Cancel();
        if (!_pullDiagnostics) _ = NotifyQuietly("textDocument/publishDiagnostics", new PublishDiagnosticsParams { Uri = doc.Uri, Diagnostics = new() });
    }

    // ---------------------------------------------------------------- workspace

    [JsonRpcMethod("workspace/didChangeConfiguration", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeConfiguration(DidChangeConfigurationParams p)
    {
        EnsureInitialized();
        _settings = _settings.With(p.Settings);
        ConfigurationChanged("settings");
    }

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams p)
    {
        EnsureInitialized();
        var changed = p.Changes.Select(c => UriToPath(c.Uri)).Where(IsConfigFile).ToList();
        if (changed.Count > 0) ConfigurationChanged(string.Join(", ", changed.Select(Path.GetFileName)));
    }

    /// <summary>Configuration files are read again and every open document is analysed again.</summary>
    private void ConfigurationChanged(string why)
    {
        _log("configuration changed (" + why + "): analysing open documents again");
        _rules = new RuleCache();
        List<OpenDocument> open;
        lock (_gate) open = _documents.Values.ToList();
        foreach (var d in open)
        {
            lock (d) d.ChangedAt = Stopwatch.GetTimestamp();
            Schedule(d, 0);
        }
        if (_pullDiagnostics && Json.Bool(_clientCapabilities, "workspace.diagnostics.refreshSupport"))
            _ = SendRequestQuietly("workspace/diagnostic/refresh", null);
    }

    // ---------------------------------------------------------------- features

    [JsonRpcMethod("textDocument/diagnostic", UseSingleObjectParameterDeserialization = true)]
    public async Task<DocumentDiagnosticReport> PullDiagnosticsAsync(DocumentDiagnosticParams p, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var snapshot = await CurrentSnapshotAsync(p.TextDocument.Uri, cancellationToken).ConfigureAwait(false);
        if (snapshot is null) return new DocumentDiagnosticReport { Kind = "full", Items = new() };
        if (p.PreviousResultId is not null && p.PreviousResultId == snapshot.ResultId)
            return new DocumentDiagnosticReport { Kind = "unchanged", ResultId = snapshot.ResultId };
        return new DocumentDiagnosticReport { Kind = "full", ResultId = snapshot.ResultId, Items = snapshot.Diagnostics };
    }

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public async Task<Hover?> HoverAsync(TextDocumentPositionParams p, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var snapshot = await CurrentSnapshotAsync(p.TextDocument.Uri, cancellationToken).ConfigureAwait(false);
        if (snapshot is null) return null;
        var offset = snapshot.Text.OffsetOf(p.Position);
        var hits = snapshot.Items.Where(i => i.StartOffset <= offset && offset <= i.EndOffset).ToList();
        if (hits.Count == 0) return null;
        var md = new StringBuilder();
        foreach (var hit in hits)
        {
            if (md.Length > 0) md.Append("\n\n---\n\n");
            var f = hit.Finding;
            RuleCatalog.TryGet(f.RuleId, out var rule);
            md.Append("**").Append(f.RuleId).Append("**");
            if (rule is not null) md.Append(": ").Append(rule.Title);
            md.Append("\n\n").Append(f.Message).Append('.');
            if (rule is not null) md.Append("\n\n**Why:** ").Append(rule.Description);
            if (f.Fix is not null) md.Append("\n\n**Fix").Append(f.Fix.Safety == FixSafety.Safe ? "" : " (review it)").Append(":** ").Append(f.Fix.Title);
            if (rule is not null) md.Append("\n\n[").Append(f.RuleId).Append(" rule page](").Append(rule.HelpLink).Append(')');
            md.Append("\n\nSuppress: `").Append(SuppressionComment(snapshot, f.RuleId)).Append('`');
        }
        var first = hits[0];
        return new Hover
        {
            Contents = new MarkupContent { Kind = "markdown", Value = md.ToString() },
            Range = new LspRange(snapshot.Text.PositionOf(first.StartOffset), snapshot.Text.PositionOf(first.EndOffset)),
        };
    }

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public async Task<List<CodeAction>> CodeActionAsync(CodeActionParams p, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var result = new List<CodeAction>();
        if (p.Context?.Only is { Count: > 0 } only && !only.Any(k => k == "quickfix" || "quickfix".StartsWith(k + ".", StringComparison.Ordinal) || k == "")) return result;
        var snapshot = await CurrentSnapshotAsync(p.TextDocument.Uri, cancellationToken).ConfigureAwait(false);
        if (snapshot is null) return result;
        var start = snapshot.Text.OffsetOf(p.Range.Start);
        var end = snapshot.Text.OffsetOf(p.Range.End);
        var suppressActions = new List<CodeAction>();
        foreach (var item in snapshot.Items)
        {
            if (item.EndOffset < start || item.StartOffset > end) continue;
            var f = item.Finding;
            var diagnostics = new List<Diagnostic> { item.Diagnostic };
            if (f.Fix is { Edits.Count: > 0 } fix)
            {
                var edits = fix.Edits.Select(e => new LspTextEdit
                {
                    Range = new LspRange(snapshot.Text.PositionOf(e.Start), snapshot.Text.PositionOf(e.End)),
                    NewText = TextDecoder.NormalizeNewLines(e.NewText ?? string.Empty, snapshot.NewLine),
                }).ToList();
                result.Add(new CodeAction
                {
                    Title = $"{fix.Title} ({f.RuleId})" + (fix.Safety == FixSafety.Safe ? "" : " — review it"),
                    Kind = "quickfix",
                    Diagnostics = diagnostics,
                    IsPreferred = fix.Safety == FixSafety.Safe ? true : null,
                    Edit = new WorkspaceEdit { Changes = { [snapshot.Uri] = edits } },
                });
            }
            if (SuppressEdit(snapshot, f) is { } suppress)
            {
                suppressActions.Add(new CodeAction
                {
                    Title = $"Suppress {f.RuleId} with v6ready-ignore",
                    Kind = "quickfix",
                    Diagnostics = diagnostics,
                    Edit = new WorkspaceEdit { Changes = { [snapshot.Uri] = new List<LspTextEdit> { suppress } } },
                });
            }
        }
        result.AddRange(suppressActions); // fixes first, suppressions after
        return result;
    }

    // ---------------------------------------------------------------- analysis

    private void Schedule(OpenDocument doc, int delayMs)
    {
        CancellationTokenSource cts;
        int version;
        DocumentText text;
        long changedAt;
        lock (doc)
        {
            doc.Cts?.Cancel();
            doc.Cts?.Dispose();
            doc.Cts = cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            version = doc.Version;
            text = doc.Text;
            changedAt = doc.ChangedAt;
            doc.Pending = Task.Run(() => RunAnalysisAsync(doc, version, text, changedAt, delayMs, cts.Token));
        }
    }

    private async Task RunAnalysisAsync(OpenDocument doc, int version, DocumentText text, long changedAt, int delayMs, CancellationToken token)
    {
        if (delayMs > 0) await Task.Delay(delayMs, token).ConfigureAwait(false);
        await _analysisSlots.WaitAsync(token).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        Snapshot snapshot;
        try
        {
            snapshot = Analyze(doc, version, text, token);
        }
        finally
        {
            _analysisSlots.Release();
        }
        lock (doc)
        {
            if (doc.Version != version || doc.Closed) throw new OperationCanceledException(token);
            doc.Snapshot = snapshot;
        }
        OnAnalyzed?.Invoke(doc.Uri, version, Stopwatch.GetElapsedTime(changedAt).TotalMilliseconds);
        OnTiming?.Invoke(new AnalysisTiming(doc.Uri, version, doc.ApplyMs, Stopwatch.GetElapsedTime(changedAt, started).TotalMilliseconds,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        if (!_pullDiagnostics)
            await NotifyQuietly("textDocument/publishDiagnostics", new PublishDiagnosticsParams { Uri = doc.Uri, Version = version, Diagnostics = snapshot.Diagnostics }).ConfigureAwait(false);
    }

    private Snapshot Analyze(OpenDocument doc, int version, DocumentText text, CancellationToken token)
    {
        var settings = _settings;
        // An unsaved buffer takes the config of the first workspace folder (as if it were saved there).
        var configPath = doc.Path ?? (_roots.Count > 0 ? Path.Combine(_roots[0], doc.DetectionPath) : null);
        var rules = _rules.For(configPath, _log);
        var source = new SourceDocument(doc.DetectionPath, text.Text, configPath);
        DocumentAnalysis analysis;
        try
        {
            var target = settings.Target ?? rules.Settings.Config?.Target ?? Target.DualStack;
            var maxSize = settings.MaxDocumentSize ?? rules.Settings.Config?.MaxFileSize ?? ServerSettings.DefaultMaxDocumentSize;
            analysis = DocumentAnalyzer.Analyze(source, _frontEnds, target, rules.Settings, maxSize,
                (fe, language) => settings.CSharp || !string.Equals(language, "csharp", StringComparison.OrdinalIgnoreCase), token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log($"analysis of {doc.Uri} failed: {e}");
            analysis = new DocumentAnalysis(null, Array.Empty<Finding>(), new[] { new ParseError(doc.DetectionPath, 0, $"internal error: {e.GetType().Name}: {e.Message}") }, null, 0, 0);
        }
        var items = new List<SnapshotItem>();
        foreach (var f in analysis.Findings)
        {
            int start, end;
            if (f.Offset >= 0)
            {
                start = Math.Min(f.Offset, text.Text.Length);
                end = Math.Min(text.Text.Length, f.Offset + Math.Max(0, f.Length));
            }
            else
            {
                start = text.OffsetOf(new Position(f.Line - 1, f.Column - 1));
                end = f.EndLine > 0 ? text.OffsetOf(new Position(f.EndLine - 1, f.EndColumn - 1)) : start;
            }
            RuleCatalog.TryGet(f.RuleId, out var rule);
            var diagnostic = new Diagnostic
            {
                Range = new LspRange(text.PositionOf(start), text.PositionOf(end)),
                Severity = f.Severity switch { RuleSeverity.Error => DiagnosticSeverity.Error, RuleSeverity.Warning => DiagnosticSeverity.Warning, _ => DiagnosticSeverity.Information },
                Code = f.RuleId,
                CodeDescription = rule is null ? null : new CodeDescription { Href = rule.HelpLink },
                Source = Source,
                Message = f.Message,
            };
            items.Add(new SnapshotItem(f, diagnostic, start, end));
        }
        var diagnostics = items.Select(i => i.Diagnostic).ToList();
        foreach (var e in analysis.ParseErrors)
        {
            var line = Math.Max(0, e.Line - 1);
            var lineStart = text.OffsetOf(new Position(line, 0));
            var lineEnd = text.OffsetOf(new Position(line, int.MaxValue));
            diagnostics.Add(new Diagnostic
            {
                Range = new LspRange(text.PositionOf(lineStart), text.PositionOf(lineEnd)),
                Severity = DiagnosticSeverity.Information,
                Code = "parse-error",
                Source = Source,
                Message = "v6ready could not parse this " + (analysis.Language ?? "file") + " (findings may be missing): " + e.Message,
            });
        }
        if (rules.Error is { } configError)
        {
            diagnostics.Add(new Diagnostic
            {
                Range = new LspRange(new Position(0, 0), new Position(0, 0)),
                Severity = DiagnosticSeverity.Warning,
                Code = "config-error",
                Source = Source,
                Message = "v6ready ignored the project config (defaults and .editorconfig apply): " + configError,
            });
        }
        if (analysis.SkipReason is { } reason)
        {
            diagnostics.Add(new Diagnostic
            {
                Range = new LspRange(new Position(0, 0), new Position(0, 0)),
                Severity = DiagnosticSeverity.Information,
                Code = "not-analysed",
                Source = Source,
                Message = "v6ready did not analyse this file: " + reason,
            });
        }
        var resultId = Interlocked.Increment(ref _resultCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Snapshot(doc.Uri, version, text, analysis, items, diagnostics, resultId, TextDecoder.DominantNewLine(text.Text));
    }

    /// <summary>The analysis of the document's current version, waiting for a scheduled run (null when not open).</summary>
    private async Task<Snapshot?> CurrentSnapshotAsync(string uri, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            OpenDocument? doc;
            lock (_gate) _documents.TryGetValue(uri, out doc);
            if (doc is null) return null;
            Task? pending;
            lock (doc)
            {
                if (doc.Snapshot is { } s && s.Version == doc.Version) return s;
                pending = doc.Pending;
            }
            if (pending is null) return null;
            try { await pending.WaitAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { /* superseded by a newer edit: wait for that one */ }
            cancellationToken.ThrowIfCancellationRequested();
            lock (doc)
            {
                if (doc.Closed) return null;
                if (ReferenceEquals(pending, doc.Pending) && pending.IsFaulted)
                {
                    _log($"analysis of {uri} failed: {pending.Exception?.GetBaseException().Message}");
                    return null;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    private static string SuppressionComment(Snapshot s, string ruleId)
    {
        var prefix = CommentSyntax.LineCommentFor(s.Analysis.Language, s.Uri) ?? "//";
        return $"{prefix} v6ready-ignore {ruleId} -- reason";
    }

    /// <summary>A line <c># v6ready-ignore V6101 -- reason</c> above the finding's line, indented like it; null when the language has no line comment.</summary>
    private static LspTextEdit? SuppressEdit(Snapshot s, Finding f)
    {
        var prefix = CommentSyntax.LineCommentFor(s.Analysis.Language, s.Uri);
        if (prefix is null) return null;
        var line = Math.Max(0, f.Line - 1);
        var lineStart = s.Text.OffsetOf(new Position(line, 0));
        var lineEnd = s.Text.OffsetOf(new Position(line, int.MaxValue));
        var indent = 0;
        while (lineStart + indent < lineEnd && s.Text.Text[lineStart + indent] is ' ' or '\t') indent++;
        var indentText = s.Text.Text.Substring(lineStart, indent);
        return new LspTextEdit
        {
            Range = new LspRange(new Position(line, 0), new Position(line, 0)),
            NewText = $"{indentText}{prefix} v6ready-ignore {f.RuleId} -- reason{s.NewLine}",
        };
    }

    private void EnsureInitialized()
    {
        if (!_initialized) throw new LocalRpcException("the server is not initialized yet") { ErrorCode = -32002 };
    }

    private bool IsConfigFile(string? path) =>
        path is not null && ConfigFileNames.Contains(Path.GetFileName(path), StringComparer.OrdinalIgnoreCase);

    private async Task NotifyQuietly(string method, object? argument)
    {
        var rpc = _rpc;
        if (rpc is null || rpc.IsDisposed) return;
        try { await rpc.NotifyWithParameterObjectAsync(method, argument).ConfigureAwait(false); }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException or IOException or OperationCanceledException)
        {
            _log($"could not send {method}: {e.Message}");
        }
    }

    private async Task SendRequestQuietly(string method, object? argument)
    {
        var rpc = _rpc;
        if (rpc is null || rpc.IsDisposed) return;
        try { await rpc.InvokeWithParameterObjectAsync<JsonElement?>(method, argument, _stopping.Token).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log($"{method} failed: {e.Message}");
        }
    }

    /// <summary>The local path of a <c>file:</c> URI, else null.</summary>
    public static string? UriToPath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || !u.IsFile) return null;
        try { return Path.GetFullPath(u.LocalPath); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return null; }
    }

    /// <summary>
    /// The path front ends detect the language on: relative to the workspace folder holding the file (as `scan` run
    /// there would show it), else the file's full path; for an unsaved buffer (<c>untitled:</c>) a name made from the
    /// client's language id.
    /// </summary>
    private string DetectionPath(string uri, string? path, string? languageId)
    {
        if (path is not null)
        {
            foreach (var root in _roots.OrderByDescending(r => r.Length))
            {
                var rel = Path.GetRelativePath(root, path);
                if (!rel.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(rel)) return rel.Replace('\\', '/');
            }
            return path.Replace('\\', '/');
        }
        var name = uri.Substring(uri.LastIndexOfAny(new[] { '/', ':' }) + 1);
        var ext = languageId?.ToLowerInvariant() switch
        {
            "yaml" => ".yaml", "go" => ".go", "javascript" => ".js", "javascriptreact" => ".jsx", "typescript" => ".ts",
            "typescriptreact" => ".tsx", "python" => ".py", "java" => ".java", "csharp" => ".cs", "json" => ".json",
            "nginx" => ".conf", _ => "",
        };
        if (languageId?.ToLowerInvariant() == "dockerfile") return "Dockerfile";
        return string.IsNullOrEmpty(name) ? "untitled" + ext : name.EndsWith(ext, StringComparison.OrdinalIgnoreCase) ? name : name + ext;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_gate)
        {
            foreach (var d in _documents.Values) d.Cancel();
            _documents.Clear();
        }
    }

    // ---------------------------------------------------------------- state

    private sealed class OpenDocument
    {
        public OpenDocument(string uri, string? path, string detectionPath, int version, DocumentText text)
        {
            Uri = uri;
            Path = path;
            DetectionPath = detectionPath;
            Version = version;
            Text = text;
            ChangedAt = Stopwatch.GetTimestamp();
        }

        public string Uri { get; }
        public string? Path { get; }
        public string DetectionPath { get; }
        public int Version { get; set; }
        public DocumentText Text { get; set; }
        public long ChangedAt { get; set; }
        public double ApplyMs { get; set; }
        public CancellationTokenSource? Cts { get; set; }
        public Task? Pending { get; set; }
        public Snapshot? Snapshot { get; set; }
        public bool Closed { get; private set; }

        public void Cancel()
        {
            lock (this)
            {
                Closed = true;
                Cts?.Cancel();
            }
        }
    }

    /// <summary>
    /// The rule settings per folder: the nearest <c>v6ready.toml</c>/<c>.v6ready.toml</c> above it (each file gets its
    /// nearest config, as ruff's server does), parsed once per config file, and .editorconfig read once per folder.
    /// Replaced as a whole when a config file changes.
    /// </summary>
    /// <summary>What the start-up log says about the target: the client's setting, else the first folder's config, else the default.</summary>
    private string DescribeTarget(List<string> roots)
    {
        if (_settings.Target is { } set) return set + " (client setting)";
        var found = roots.Count == 0 ? ProjectConfigTree.None : new ProjectConfigTree().ForFolder(roots[0]);
        return found.Config?.Target is { } t ? $"{t} (from {found.File})" : $"{Target.DualStack} (default{(found.File is null ? "; no v6ready.toml" : "")})";
    }

    /// <summary>Rule settings per config file, over Core's hierarchical lookup (the nearest config above each file).</summary>
    private sealed class RuleCache
    {
        private readonly ProjectConfigTree _tree = new();
        private readonly Dictionary<string, Entry> _byConfigFile = new(StringComparer.Ordinal);
        private Entry? _none;

        public sealed record Entry(RuleSettings Settings, string? Error);

        public Entry For(string? path, Action<string> log)
        {
            var folder = path is null ? "" : System.IO.Path.GetDirectoryName(path) ?? "";
            var found = _tree.ForFolder(folder);
            lock (this)
            {
                if (found.File is null) return _none ??= new Entry(new RuleSettings(), null);
                if (_byConfigFile.TryGetValue(found.File, out var entry)) return entry;
                if (found.Config is not null) log("project config: " + found.File);
                else log("project config not used: " + found.Error);
                entry = new Entry(found.Config is null ? new RuleSettings() : new RuleSettings(found.Config), found.Error);
                _byConfigFile[found.File] = entry;
                return entry;
            }
        }
    }

    private sealed record SnapshotItem(Finding Finding, Diagnostic Diagnostic, int StartOffset, int EndOffset);

    private sealed record Snapshot(string Uri, int Version, DocumentText Text, DocumentAnalysis Analysis,
        List<SnapshotItem> Items, List<Diagnostic> Diagnostics, string ResultId, string NewLine);
}

/// <summary>Where one edit's time went before its diagnostics were ready (milliseconds; see <see cref="V6ReadyServer.OnTiming"/>).</summary>
public sealed record AnalysisTiming(string Uri, int Version, double ApplyMs, double WaitMs, double AnalysisMs);

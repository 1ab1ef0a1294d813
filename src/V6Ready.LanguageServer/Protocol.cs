using System.Text.Json;
using System.Text.Json.Serialization;

namespace V6Ready.LanguageServer.Protocol;

// The subset of LSP 3.17 types the server reads and writes. Property names are camelCased by the serializer
// options (LanguageServerHost); nulls are omitted.

public sealed class Position
{
    public Position() { }
    public Position(int line, int character) { Line = line; Character = character; }
    public int Line { get; set; }
    public int Character { get; set; }
}

public sealed class Range
{
    public Range() { }
    public Range(Position start, Position end) { Start = start; End = end; }
    public Position Start { get; set; } = new();
    public Position End { get; set; } = new();
}

public sealed class TextDocumentIdentifier
{
    public string Uri { get; set; } = "";
}

public sealed class VersionedTextDocumentIdentifier
{
    public string Uri { get; set; } = "";
    public int? Version { get; set; }
}

public sealed class TextDocumentItem
{
    public string Uri { get; set; } = "";
    public string? LanguageId { get; set; }
    public int Version { get; set; }
    public string Text { get; set; } = "";
}

public sealed class WorkspaceFolder
{
    public string Uri { get; set; } = "";
    public string? Name { get; set; }
}

public sealed class InitializeParams
{
    public int? ProcessId { get; set; }
    public string? RootUri { get; set; }
    public string? RootPath { get; set; }
    public List<WorkspaceFolder>? WorkspaceFolders { get; set; }
    public JsonElement? InitializationOptions { get; set; }
    public JsonElement? Capabilities { get; set; }
}

public sealed class DidOpenTextDocumentParams
{
    public TextDocumentItem TextDocument { get; set; } = new();
}

public sealed class TextDocumentContentChangeEvent
{
    public Range? Range { get; set; }
    public int? RangeLength { get; set; }
    public string Text { get; set; } = "";
}

public sealed class DidChangeTextDocumentParams
{
    public VersionedTextDocumentIdentifier TextDocument { get; set; } = new();
    public List<TextDocumentContentChangeEvent> ContentChanges { get; set; } = new();
}

public sealed class DidSaveTextDocumentParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
    public string? Text { get; set; }
}

public sealed class DidCloseTextDocumentParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
}

public sealed class DidChangeConfigurationParams
{
    public JsonElement? Settings { get; set; }
}

public sealed class FileEvent
{
    public string Uri { get; set; } = "";
    public int Type { get; set; }
}

public sealed class DidChangeWatchedFilesParams
{
    public List<FileEvent> Changes { get; set; } = new();
}

public sealed class TextDocumentPositionParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
    public Position Position { get; set; } = new();
}

public sealed class CodeActionContext
{
    public List<Diagnostic>? Diagnostics { get; set; }
    public List<string>? Only { get; set; }
}

public sealed class CodeActionParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
    public Range Range { get; set; } = new();
    public CodeActionContext? Context { get; set; }
}

public sealed class DocumentDiagnosticParams
{
    public TextDocumentIdentifier TextDocument { get; set; } = new();
    public string? Identifier { get; set; }
    public string? PreviousResultId { get; set; }
}

public sealed class CodeDescription
{
    public string Href { get; set; } = "";
}

public static class DiagnosticSeverity
{
    public const int Error = 1, Warning = 2, Information = 3, Hint = 4;
}

public sealed class Diagnostic
{
    public Range Range { get; set; } = new();
    public int? Severity { get; set; }
    public string? Code { get; set; }
    public CodeDescription? CodeDescription { get; set; }
    public string? Source { get; set; }
    public string Message { get; set; } = "";
}

public sealed class PublishDiagnosticsParams
{
    public string Uri { get; set; } = "";
    public int? Version { get; set; }
    public List<Diagnostic> Diagnostics { get; set; } = new();
}

/// <summary>A full or unchanged document diagnostic report (<c>kind</c> tells which).</summary>
public sealed class DocumentDiagnosticReport
{
    public string Kind { get; set; } = "full";
    public string? ResultId { get; set; }
    public List<Diagnostic>? Items { get; set; }
}

public sealed class TextEdit
{
    public Range Range { get; set; } = new();
    public string NewText { get; set; } = "";
}

public sealed class WorkspaceEdit
{
    public Dictionary<string, List<TextEdit>> Changes { get; set; } = new();
}

public sealed class CodeAction
{
    public string Title { get; set; } = "";
    public string? Kind { get; set; }
    public List<Diagnostic>? Diagnostics { get; set; }
    public bool? IsPreferred { get; set; }
    public WorkspaceEdit? Edit { get; set; }
}

public sealed class MarkupContent
{
    public string Kind { get; set; } = "markdown";
    public string Value { get; set; } = "";
}

public sealed class Hover
{
    public MarkupContent Contents { get; set; } = new();
    public Range? Range { get; set; }
}

public sealed class LogMessageParams
{
    public int Type { get; set; }
    public string Message { get; set; } = "";
}

public sealed class Registration
{
    public string Id { get; set; } = "";
    public string Method { get; set; } = "";
    public object? RegisterOptions { get; set; }
}

public sealed class RegistrationParams
{
    public List<Registration> Registrations { get; set; } = new();
}

public sealed class FileSystemWatcherOptions
{
    public List<FileSystemWatcher> Watchers { get; set; } = new();
}

public sealed class FileSystemWatcher
{
    public string GlobPattern { get; set; } = "";
}

/// <summary>Reads optional values from a client's capabilities or options JSON without a full schema.</summary>
public static class Json
{
    /// <summary>The element at a dotted path (<c>textDocument.diagnostic</c>), or null when any step is missing.</summary>
    public static JsonElement? At(JsonElement? root, string path)
    {
        if (root is not { } e) return null;
        foreach (var part in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out var next)) return null;
            e = next;
        }
        return e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : e;
    }

    public static bool Bool(JsonElement? root, string path) =>
        At(root, path) is { } e && e.ValueKind == JsonValueKind.True;

    public static string? String(JsonElement? root, string path) =>
        At(root, path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public static int? Int(JsonElement? root, string path) =>
        At(root, path) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var v) ? v : null;
}

/// <summary>Shared serializer settings for LSP messages.</summary>
public static class LspJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.MaxDepth = 256;
    }
}

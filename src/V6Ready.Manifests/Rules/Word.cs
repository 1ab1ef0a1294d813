using V6Ready.Core;

namespace V6Ready.Manifests.Rules;

/// <summary>
/// One argument of a command line, wherever it came from (a YAML list item, a word of a shell string, a JSON array
/// element of a Dockerfile exec form), with where to report it and how to edit it.
/// </summary>
public sealed class Word
{
    public required string Value { get; init; }
    /// <summary>The word's source text (quotes included) when known.</summary>
    public string? Raw { get; init; }
    public int Start { get; init; }
    public int Length { get; init; }
    /// <summary>True when the word was read from a shell string (replacements may need shell quoting).</summary>
    public bool FromShell { get; init; }
    /// <summary>True when the value comes from a Helm values.yaml default (configurable rather than wrong).</summary>
    public bool FromValues { get; init; }
    /// <summary>Replaces a unique substring of the word's source text.</summary>
    public Func<string, string, TextEdit?>? Replace { get; init; }
    /// <summary>Removes the word (a list item) entirely.</summary>
    public Func<TextEdit?>? Remove { get; init; }
    /// <summary>Replaces a unique substring of the text holding the word (the shell string, the instruction).</summary>
    public Func<string, string, TextEdit?>? ReplaceInContainer { get; init; }
    /// <summary>Inserts a new argument (its value) right after this one, in the syntax of the list holding it.</summary>
    public Func<string, TextEdit?>? InsertAfter { get; init; }
    /// <summary>
    /// Hands the word's value to the scanner as an embedded shell script (the script of <c>sh -c</c>) named by the
    /// argument; false when the word cannot be mapped back to the host (then the caller analyses it directly).
    /// </summary>
    public Func<string, bool>? AsShellRegion { get; init; }
    /// <summary>What the host can take inside this word's source text (its quoting), for regions made of its words.</summary>
    public Func<string, bool>? HostCanWrite { get; init; }
    /// <summary>Words of the same shell string share a container id (so flag and value can be edited together).</summary>
    public object? Container { get; init; }

    /// <summary>
    /// A <see cref="Replace"/> for a word whose source text <paramref name="raw"/> starts at host offset
    /// <paramref name="start"/>: the substring must occur exactly once in it, else no edit.
    /// </summary>
    public static Func<string, string, TextEdit?> ReplaceOnceAt(int start, string raw) => (find, rep) =>
    {
        var at = raw.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || raw.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0) return null;
        return new TextEdit(start + at, find.Length, rep);
    };
}

namespace V6Ready.Core;

/// <summary>
/// What every source-code front end (Go, Python, Java) does around one file: binary content (a NUL character) and
/// files over the size limit become parse errors instead of being parsed, cancellation goes through, and any other
/// exception of the analysis becomes a parse error of that file with its findings dropped, so one file never stops a
/// scan. Also the common reporting of a parsed file's comments and syntax errors.
/// </summary>
public static class GuardedAnalysis
{
    /// <summary>How many syntax errors of one file are reported.</summary>
    public const int MaxSyntaxErrors = 20;

    /// <summary>
    /// Runs <paramref name="analyze"/> on a new <see cref="FileResult"/> of <paramref name="language"/>;
    /// <paramref name="kind"/> names the file kind in messages ("Go", "Python", "Java").
    /// </summary>
    public static FileResult Run(SourceDocument document, string language, string kind, int maxLength, Action<FileResult> analyze)
    {
        var result = new FileResult(document.Path, language);
        try
        {
            var text = document.Text;
            if (text.Length > maxLength)
            {
                result.ParseErrors.Add(new ParseError(document.Path, 1, $"file too large to parse ({text.Length} characters; limit {maxLength})"));
                return result;
            }
            if (text.IndexOf('\0') >= 0)
            {
                result.ParseErrors.Add(new ParseError(document.Path, 1, $"binary content (NUL character) in a {kind} file; not analyzed"));
                return result;
            }
            analyze(result);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            result.Findings.Clear();
            result.ParseErrors.Add(new ParseError(document.Path, 0, $"internal error while analyzing {kind} file: {e.GetType().Name}: {e.Message}"));
        }
        return result;
    }

    /// <summary>Adds the comment at [<paramref name="start"/>, <paramref name="end"/>) of the document (for suppressions and markers).</summary>
    public static void AddComment(FileResult result, SourceDocument document, int start, int end)
    {
        var (line, col) = document.GetLineColumn(start);
        var (endLine, _) = document.GetLineColumn(Math.Max(start, end - 1));
        result.Comments.Add(new Comment(line, col, endLine, document.Text.Substring(start, end - start)));
    }

    /// <summary>Adds the first <see cref="MaxSyntaxErrors"/> syntax errors, as "line:column: message".</summary>
    public static void AddSyntaxErrors<T>(FileResult result, SourceDocument document, IEnumerable<T> errors, Func<T, int> position, Func<T, string> message)
    {
        foreach (var err in errors.Take(MaxSyntaxErrors))
        {
            var (line, col) = document.GetLineColumn(position(err));
            result.ParseErrors.Add(new ParseError(document.Path, line, $"{line}:{col}: {message(err)}"));
        }
    }
}

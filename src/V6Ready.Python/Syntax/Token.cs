namespace V6Ready.Python.Syntax;

/// <summary>Python token kinds. Keywords and operators are <see cref="Name"/>/<see cref="Op"/> tokens whose interned text is in <see cref="Token.Op"/>.</summary>
public enum TokKind : byte
{
    EndOfFile,
    Name,
    Number,
    String,
    Op,
    Newline,
    Indent,
    Dedent,
    /// <summary>A character or literal the lexer could not read (an error was recorded).</summary>
    Error,
}

/// <summary>
/// One token: [Pos, End) in the source. <see cref="Op"/> is the interned operator text for <see cref="TokKind.Op"/>, the
/// interned keyword for a keyword <see cref="TokKind.Name"/> (soft keywords included), else null. <see cref="FString"/>
/// is the structure of an f-string (or t-string) literal.
/// </summary>
public readonly record struct Token(TokKind Kind, int Pos, int End, string? Op = null, FStringInfo? FString = null)
{
    public bool Is(string op) => ReferenceEquals(Op, op);
}

/// <summary>The pieces of an f-string body (or of a format spec): literal text and replacement fields.</summary>
public sealed class FStringInfo
{
    public List<FStringField> Fields { get; } = new();
    /// <summary>Literal runs between the fields, as [start, end) offsets (escape sequences not decoded).</summary>
    public List<(int Start, int End)> Literals { get; } = new();
    /// <summary>Order of pieces: true = next literal, false = next field.</summary>
    public List<bool> Order { get; } = new();
    /// <summary>The string was raw (rf'…'): backslashes in literal runs are kept.</summary>
    public bool Raw { get; set; }
}

/// <summary>A replacement field <c>{expr=!r:spec}</c>: the expression's span, the self-documenting <c>=</c>, the conversion, the spec.</summary>
public sealed class FStringField
{
    public int ExprStart { get; init; }
    public int ExprEnd { get; init; }
    public bool Debug { get; init; }
    public char Conversion { get; init; }
    public FStringInfo? Spec { get; init; }
    /// <summary>Offsets of the braces: '{' and one past '}'.</summary>
    public int Open { get; init; }
    public int Close { get; init; }
}

/// <summary>A problem found while reading the text, at an offset.</summary>
public sealed record SyntaxError(int Pos, string Message);

/// <summary>A comment: [Pos, End), '#' included.</summary>
public readonly record struct CommentSpan(int Pos, int End);

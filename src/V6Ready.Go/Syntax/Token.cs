namespace V6Ready.Go.Syntax;

/// <summary>Go token kinds (the Go specification's tokens plus EOF and Illegal).</summary>
public enum TokenKind : byte
{
    Illegal,
    EOF,

    // literals
    Ident,
    Int,
    Float,
    Imag,
    Char,
    String,

    // operators and punctuation
    Add, // +
    Sub, // -
    Mul, // *
    Quo, // /
    Rem, // %
    And, // &
    Or, // |
    Xor, // ^
    Shl, // <<
    Shr, // >>
    AndNot, // &^
    AddAssign,
    SubAssign,
    MulAssign,
    QuoAssign,
    RemAssign,
    AndAssign,
    OrAssign,
    XorAssign,
    ShlAssign,
    ShrAssign,
    AndNotAssign,
    LAnd, // &&
    LOr, // ||
    Arrow, // <-
    Inc, // ++
    Dec, // --
    Eql, // ==
    Lss, // <
    Gtr, // >
    Assign, // =
    Not, // !
    Neq, // !=
    Leq, // <=
    Geq, // >=
    Define, // :=
    Ellipsis, // ...
    LParen,
    LBrack,
    LBrace,
    Comma,
    Period,
    RParen,
    RBrack,
    RBrace,
    Semicolon,
    Colon,
    Tilde,

    // keywords
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

/// <summary>One token: kind and [Pos, End) offsets into the source. <see cref="Text"/> is set for identifiers.</summary>
public struct Token
{
    public TokenKind Kind;
    public int Pos;
    public int End;
    /// <summary>Identifier name (interned per file); null for other tokens.</summary>
    public string? Text;
    /// <summary>True for a semicolon the lexer inserted at a newline or EOF.</summary>
    public bool Implicit;

    public override readonly string ToString() => Kind + "@" + Pos + (Text is null ? "" : "(" + Text + ")");
}

public static class TokenFacts
{
    public static bool IsKeyword(TokenKind k) => k >= TokenKind.Break;

    public static bool IsLiteral(TokenKind k) => k >= TokenKind.Int && k <= TokenKind.String;

    /// <summary>Binary operator precedence (5 highest), 0 when not a binary operator.</summary>
    public static int Precedence(TokenKind k) => k switch
    {
        TokenKind.LOr => 1,
        TokenKind.LAnd => 2,
        TokenKind.Eql or TokenKind.Neq or TokenKind.Lss or TokenKind.Leq or TokenKind.Gtr or TokenKind.Geq => 3,
        TokenKind.Add or TokenKind.Sub or TokenKind.Or or TokenKind.Xor => 4,
        TokenKind.Mul or TokenKind.Quo or TokenKind.Rem or TokenKind.Shl or TokenKind.Shr or TokenKind.And or TokenKind.AndNot => 5,
        _ => 0,
    };

    public static bool IsAssignOp(TokenKind k) => k == TokenKind.Assign || (k >= TokenKind.AddAssign && k <= TokenKind.AndNotAssign);

    public static string Spelling(TokenKind k) => k switch
    {
        TokenKind.Add => "+", TokenKind.Sub => "-", TokenKind.Mul => "*", TokenKind.Quo => "/", TokenKind.Rem => "%",
        TokenKind.And => "&", TokenKind.Or => "|", TokenKind.Xor => "^", TokenKind.Shl => "<<", TokenKind.Shr => ">>",
        TokenKind.AndNot => "&^", TokenKind.AddAssign => "+=", TokenKind.SubAssign => "-=", TokenKind.MulAssign => "*=",
        TokenKind.QuoAssign => "/=", TokenKind.RemAssign => "%=", TokenKind.AndAssign => "&=", TokenKind.OrAssign => "|=",
        TokenKind.XorAssign => "^=", TokenKind.ShlAssign => "<<=", TokenKind.ShrAssign => ">>=", TokenKind.AndNotAssign => "&^=",
        TokenKind.LAnd => "&&", TokenKind.LOr => "||", TokenKind.Arrow => "<-", TokenKind.Inc => "++", TokenKind.Dec => "--",
        TokenKind.Eql => "==", TokenKind.Lss => "<", TokenKind.Gtr => ">", TokenKind.Assign => "=", TokenKind.Not => "!",
        TokenKind.Neq => "!=", TokenKind.Leq => "<=", TokenKind.Geq => ">=", TokenKind.Define => ":=", TokenKind.Ellipsis => "...",
        TokenKind.LParen => "(", TokenKind.LBrack => "[", TokenKind.LBrace => "{", TokenKind.Comma => ",", TokenKind.Period => ".",
        TokenKind.RParen => ")", TokenKind.RBrack => "]", TokenKind.RBrace => "}", TokenKind.Semicolon => ";", TokenKind.Colon => ":",
        TokenKind.Tilde => "~", TokenKind.EOF => "EOF",
        _ when IsKeyword(k) => k.ToString().ToLowerInvariant(),
        _ => k.ToString(),
    };
}

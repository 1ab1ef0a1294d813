namespace V6Ready.Go.Syntax;

/// <summary>Base of every syntax node: [Pos, End) offsets into the source text.</summary>
public abstract class Node
{
    public int Pos { get; set; }
    public int End { get; set; }
    /// <summary>The enclosing node (set by the parser for expressions and statements).</summary>
    public Node? Parent { get; set; }
    public int Length => End - Pos;
}

public abstract class Expr : Node { }
public abstract class Stmt : Node { }
public abstract class Decl : Node { }
public abstract class Spec : Node { }

// ---------- expressions and types ----------

public sealed class BadExpr : Expr { }

public sealed class Ident : Expr
{
    public Ident(string name) { Name = name; }
    public string Name { get; }
    public override string ToString() => Name;
}

public sealed class BasicLit : Expr
{
    public BasicLit(TokenKind kind, string raw) { Kind = kind; Raw = raw; }
    public TokenKind Kind { get; }
    /// <summary>The literal exactly as written (quotes included).</summary>
    public string Raw { get; }
}

public sealed class Ellipsis : Expr { public Expr? Elt { get; set; } }

public sealed class CompositeLit : Expr
{
    public Expr? Type { get; set; }
    public List<Expr> Elts { get; } = new();
    public int LBrace { get; set; }
    public int RBrace { get; set; }
}

public sealed class FuncLit : Expr
{
    public FuncType Type { get; set; } = null!;
    public BlockStmt Body { get; set; } = null!;
}

public sealed class ParenExpr : Expr { public Expr X { get; set; } = null!; }

public sealed class SelectorExpr : Expr
{
    public Expr X { get; set; } = null!;
    public Ident Sel { get; set; } = null!;
}

/// <summary>Index expression or generic instantiation (<c>x[i]</c>, <c>F[int, string]</c>).</summary>
public sealed class IndexExpr : Expr
{
    public Expr X { get; set; } = null!;
    public List<Expr> Indices { get; } = new();
    public Expr Index => Indices[0];
}

public sealed class SliceExpr : Expr
{
    public Expr X { get; set; } = null!;
    public Expr? Low { get; set; }
    public Expr? High { get; set; }
    public Expr? Max { get; set; }
    public bool Slice3 { get; set; }
}

/// <summary><c>x.(T)</c>; <see cref="Type"/> is null for <c>x.(type)</c> in a type switch.</summary>
public sealed class TypeAssertExpr : Expr
{
    public Expr X { get; set; } = null!;
    public Expr? Type { get; set; }
}

public sealed class CallExpr : Expr
{
    public Expr Fun { get; set; } = null!;
    public List<Expr> Args { get; } = new();
    public int LParen { get; set; }
    public int RParen { get; set; }
    public bool HasEllipsis { get; set; }
}

public sealed class StarExpr : Expr { public Expr X { get; set; } = null!; }

public sealed class UnaryExpr : Expr
{
    public TokenKind Op { get; set; }
    public Expr X { get; set; } = null!;
}

public sealed class BinaryExpr : Expr
{
    public Expr X { get; set; } = null!;
    public TokenKind Op { get; set; }
    public int OpPos { get; set; }
    public Expr Y { get; set; } = null!;
}

public sealed class KeyValueExpr : Expr
{
    public Expr Key { get; set; } = null!;
    public Expr Value { get; set; } = null!;
}

public sealed class ArrayType : Expr
{
    /// <summary>Null for a slice type; an <see cref="Ellipsis"/> for <c>[...]T</c>.</summary>
    public Expr? Len { get; set; }
    public Expr Elt { get; set; } = null!;
}

public sealed class StructType : Expr { public FieldList Fields { get; set; } = null!; }

public sealed class FuncType : Expr
{
    public FieldList? TypeParams { get; set; }
    public FieldList Params { get; set; } = null!;
    public FieldList? Results { get; set; }
}

/// <summary>Interface: methods are fields with a name and a FuncType; embedded elements (types, unions, ~T) are fields without names.</summary>
public sealed class InterfaceType : Expr { public FieldList Methods { get; set; } = null!; }

public sealed class MapType : Expr
{
    public Expr Key { get; set; } = null!;
    public Expr Value { get; set; } = null!;
}

public enum ChanDir { Both, Send, Recv }

public sealed class ChanType : Expr
{
    public ChanDir Dir { get; set; }
    public Expr Value { get; set; } = null!;
}

public sealed class Field : Node
{
    public List<Ident> Names { get; } = new();
    public Expr? Type { get; set; }
    public BasicLit? Tag { get; set; }
}

public sealed class FieldList : Node
{
    public List<Field> List { get; } = new();
    public int NumFields => List.Sum(f => Math.Max(1, f.Names.Count));
}

// ---------- statements ----------

public sealed class BadStmt : Stmt { }
public sealed class DeclStmt : Stmt { public GenDecl Decl { get; set; } = null!; }
public sealed class EmptyStmt : Stmt { public bool Implicit { get; set; } }

public sealed class LabeledStmt : Stmt
{
    public Ident Label { get; set; } = null!;
    public Stmt Stmt { get; set; } = null!;
}

public sealed class ExprStmt : Stmt { public Expr X { get; set; } = null!; }

public sealed class SendStmt : Stmt
{
    public Expr Chan { get; set; } = null!;
    public Expr Value { get; set; } = null!;
}

public sealed class IncDecStmt : Stmt
{
    public Expr X { get; set; } = null!;
    public TokenKind Tok { get; set; }
}

public sealed class AssignStmt : Stmt
{
    public List<Expr> Lhs { get; } = new();
    public TokenKind Tok { get; set; }
    public int TokPos { get; set; }
    public List<Expr> Rhs { get; } = new();
}

public sealed class GoStmt : Stmt { public CallExpr Call { get; set; } = null!; }
public sealed class DeferStmt : Stmt { public CallExpr Call { get; set; } = null!; }
public sealed class ReturnStmt : Stmt { public List<Expr> Results { get; } = new(); }

public sealed class BranchStmt : Stmt
{
    public TokenKind Tok { get; set; }
    public Ident? Label { get; set; }
}

public sealed class BlockStmt : Stmt
{
    public List<Stmt> List { get; } = new();
    public int LBrace { get; set; }
    public int RBrace { get; set; }
}

public sealed class IfStmt : Stmt
{
    public Stmt? Init { get; set; }
    public Expr Cond { get; set; } = null!;
    public BlockStmt Body { get; set; } = null!;
    public Stmt? Else { get; set; }
}

/// <summary>A case of an expression/type switch; <see cref="List"/> is null for <c>default</c>.</summary>
public sealed class CaseClause : Stmt
{
    public List<Expr>? List { get; set; }
    public List<Stmt> Body { get; } = new();
}

public sealed class SwitchStmt : Stmt
{
    public Stmt? Init { get; set; }
    public Expr? Tag { get; set; }
    public BlockStmt Body { get; set; } = null!;
}

public sealed class TypeSwitchStmt : Stmt
{
    public Stmt? Init { get; set; }
    /// <summary><c>x := y.(type)</c> (an AssignStmt) or <c>y.(type)</c> (an ExprStmt).</summary>
    public Stmt Assign { get; set; } = null!;
    public BlockStmt Body { get; set; } = null!;
}

/// <summary>A case of a select; <see cref="Comm"/> is null for <c>default</c>.</summary>
public sealed class CommClause : Stmt
{
    public Stmt? Comm { get; set; }
    public List<Stmt> Body { get; } = new();
}

public sealed class SelectStmt : Stmt { public BlockStmt Body { get; set; } = null!; }

public sealed class ForStmt : Stmt
{
    public Stmt? Init { get; set; }
    public Expr? Cond { get; set; }
    public Stmt? Post { get; set; }
    public BlockStmt Body { get; set; } = null!;
}

public sealed class RangeStmt : Stmt
{
    public Expr? Key { get; set; }
    public Expr? Value { get; set; }
    /// <summary>Define (:=), Assign (=) or Illegal when there are no iteration variables.</summary>
    public TokenKind Tok { get; set; }
    public Expr X { get; set; } = null!;
    public BlockStmt Body { get; set; } = null!;
}

// ---------- declarations ----------

public sealed class ImportSpec : Spec
{
    /// <summary>Local name: an identifier, "." or "_"; null when absent.</summary>
    public Ident? Name { get; set; }
    public BasicLit PathLit { get; set; } = null!;
    /// <summary>The import path, unquoted.</summary>
    public string Path { get; set; } = "";
}

public sealed class ValueSpec : Spec
{
    public List<Ident> Names { get; } = new();
    public Expr? Type { get; set; }
    public List<Expr> Values { get; } = new();
    /// <summary>Index of this spec in its const block (for iota).</summary>
    public int Iota { get; set; }
}

public sealed class TypeSpec : Spec
{
    public Ident Name { get; set; } = null!;
    public FieldList? TypeParams { get; set; }
    public bool IsAlias { get; set; }
    public Expr Type { get; set; } = null!;
}

public sealed class BadDecl : Decl { }

public sealed class GenDecl : Decl
{
    public TokenKind Tok { get; set; }
    public int LParen { get; set; } = -1;
    public int RParen { get; set; } = -1;
    public List<Spec> Specs { get; } = new();
}

public sealed class FuncDecl : Decl
{
    public FieldList? Recv { get; set; }
    public Ident Name { get; set; } = null!;
    public FuncType Type { get; set; } = null!;
    public BlockStmt? Body { get; set; }
}

public sealed class GoFile : Node
{
    public Ident? PackageName { get; set; }
    public int PackagePos { get; set; }
    public List<ImportSpec> Imports { get; } = new();
    public List<Decl> Decls { get; } = new();
    public List<CommentSpan> Comments { get; set; } = new();
    public List<SyntaxDiagnostic> Errors { get; } = new();
    public string Source { get; set; } = "";

    public string TextOf(Node n) => Source.Substring(n.Pos, n.End - n.Pos);
}

namespace V6Ready.Java.Syntax;

/// <summary>A syntax node; [Start, End) are offsets of the original text. <see cref="Parent"/> is set after parsing.</summary>
public abstract class Node
{
    public int Start { get; set; }
    public int End { get; set; }
    public Node? Parent { get; set; }

    /// <summary>Direct children, in source order (nulls skipped).</summary>
    public abstract IEnumerable<Node> Children();

    /// <summary>This node and every descendant, depth first, in source order.</summary>
    public IEnumerable<Node> DescendantsAndSelf()
    {
        var stack = new Stack<Node>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            var kids = n.Children().ToList();
            for (var i = kids.Count - 1; i >= 0; i--) stack.Push(kids[i]);
        }
    }

    public T? Ancestor<T>() where T : Node
    {
        for (var p = Parent; p != null; p = p.Parent)
            if (p is T t) return t;
        return null;
    }

    protected static IEnumerable<Node> Of(params object?[] items)
    {
        foreach (var i in items)
        {
            switch (i)
            {
                case null: break;
                case Node n: yield return n; break;
                case System.Collections.IEnumerable e:
                    foreach (var x in e)
                        if (x is Node nn) yield return nn;
                    break;
            }
        }
    }
}

// ---- types and declarations ----

/// <summary>A type as written: <c>java.util.List&lt;String&gt;[]</c> is Name "java.util.List", Args [String], Dims 1.</summary>
public sealed class TypeRef : Node
{
    public required string Name { get; init; }
    public List<TypeRef> Args { get; init; } = new();
    public int Dims { get; set; }
    public string SimpleName => Name.Contains('.') ? Name[(Name.LastIndexOf('.') + 1)..] : Name;
    public override IEnumerable<Node> Children() => Args;
    public override string ToString() => Name + (Args.Count > 0 ? "<" + string.Join(",", Args) + ">" : "") + string.Concat(Enumerable.Repeat("[]", Dims));
}

public sealed class Annotation : Node
{
    public required TypeRef Type { get; init; }
    /// <summary>Element-value pairs; a single unnamed value has Name "value".</summary>
    public List<(string Name, Expr Value)> Args { get; } = new();
    public Expr? Value(string name) => Args.FirstOrDefault(a => a.Name == name).Value;
    public override IEnumerable<Node> Children() => Of(Type, Args.Select(a => a.Value));
}

public sealed class Modifiers
{
    public List<string> Words { get; } = new();
    public List<Annotation> Annotations { get; } = new();
    public bool Has(string w) => Words.Contains(w);
}

public sealed class CompilationUnit : Node
{
    public string? Package { get; set; }
    public List<ImportDecl> Imports { get; } = new();
    public List<TypeDecl> Types { get; } = new();
    public string? Module { get; set; }
    public List<JavaComment> Comments { get; set; } = new();
    public List<SyntaxError> Errors { get; } = new();
    public required string Source { get; init; }
    public override IEnumerable<Node> Children() => Of(Imports, Types);
}

public sealed class ImportDecl : Node
{
    public required string Name { get; init; }
    public bool IsStatic { get; init; }
    public bool OnDemand { get; init; }
    public override IEnumerable<Node> Children() => Array.Empty<Node>();
}

public abstract class Member : Node
{
    public Modifiers Modifiers { get; set; } = new();
}

public enum TypeKind { Class, Interface, Enum, Record, Annotation }

public sealed class TypeDecl : Member
{
    public TypeKind Kind { get; init; }
    public required string Name { get; init; }
    public int NameStart { get; init; }
    public List<TypeRef> Supertypes { get; } = new();
    public List<Param> RecordComponents { get; } = new();
    public List<EnumConstant> EnumConstants { get; } = new();
    public List<Member> Members { get; } = new();
    public override IEnumerable<Node> Children() => Of(Modifiers.Annotations, Supertypes, RecordComponents, EnumConstants, Members);
}

public sealed class EnumConstant : Node
{
    public required string Name { get; init; }
    public List<Expr> Args { get; } = new();
    public List<Member>? Body { get; set; }
    public List<Annotation> Annotations { get; } = new();
    public override IEnumerable<Node> Children() => Of(Annotations, Args, Body);
}

public sealed class VarDeclarator : Node
{
    public required string Name { get; init; }
    public int NameStart { get; init; }
    public int Dims { get; set; }
    public Expr? Init { get; set; }
    public override IEnumerable<Node> Children() => Of(Init);
}

public sealed class FieldDecl : Member
{
    public required TypeRef Type { get; init; }
    public List<VarDeclarator> Vars { get; } = new();
    public override IEnumerable<Node> Children() => Of(Modifiers.Annotations, Type, Vars);
}

public sealed class Param : Node
{
    public Modifiers Modifiers { get; set; } = new();
    public required TypeRef Type { get; init; }
    public required string Name { get; init; }
    public bool VarArgs { get; init; }
    public override IEnumerable<Node> Children() => Of(Modifiers.Annotations, Type);
}

public sealed class MethodDecl : Member
{
    /// <summary>Null for a constructor.</summary>
    public TypeRef? ReturnType { get; init; }
    public required string Name { get; init; }
    public int NameStart { get; init; }
    public List<Param> Params { get; } = new();
    public Block? Body { get; set; }
    /// <summary>An annotation element's <c>default</c> value.</summary>
    public Expr? DefaultValue { get; set; }
    public override IEnumerable<Node> Children() => Of(Modifiers.Annotations, ReturnType, Params, DefaultValue, Body);
}

public sealed class Initializer : Member
{
    public bool IsStatic { get; init; }
    public required Block Body { get; init; }
    public override IEnumerable<Node> Children() => Of(Body);
}

// ---- statements ----

public abstract class Stmt : Node
{
}

public sealed class Block : Stmt
{
    public List<Stmt> Stmts { get; } = new();
    public override IEnumerable<Node> Children() => Stmts;
}

public sealed class LocalVar : Stmt
{
    public Modifiers Modifiers { get; set; } = new();
    public required TypeRef Type { get; init; }
    public List<VarDeclarator> Vars { get; } = new();
    public override IEnumerable<Node> Children() => Of(Modifiers.Annotations, Type, Vars);
}

public sealed class LocalType : Stmt
{
    public required TypeDecl Decl { get; init; }
    public override IEnumerable<Node> Children() => Of(Decl);
}

public sealed class ExprStmt : Stmt
{
    public required Expr Expr { get; init; }
    public override IEnumerable<Node> Children() => Of(Expr);
}

public sealed class IfStmt : Stmt
{
    public required Expr Cond { get; init; }
    public required Stmt Then { get; init; }
    public Stmt? Else { get; init; }
    public override IEnumerable<Node> Children() => Of(Cond, Then, Else);
}

/// <summary>while, do-while, for, for-each, synchronized, labeled, try, return, throw, yield, break, continue, assert, empty: one shape.</summary>
public sealed class GenericStmt : Stmt
{
    /// <summary>The keyword: while, do, for, foreach, synchronized, label, return, throw, yield, break, continue, assert, empty, try.</summary>
    public required string Keyword { get; init; }
    public List<Node> Parts { get; } = new();
    public override IEnumerable<Node> Children() => Parts;
}

public sealed class SwitchCase : Node
{
    public List<Node> Labels { get; } = new();
    public bool IsDefault { get; set; }
    public Expr? Guard { get; set; }
    public bool Arrow { get; set; }
    public List<Stmt> Body { get; } = new();
    public override IEnumerable<Node> Children() => Of(Labels, Guard, Body);
}

public sealed class SwitchStmt : Stmt
{
    public required Expr Selector { get; init; }
    public List<SwitchCase> Cases { get; } = new();
    public override IEnumerable<Node> Children() => Of(Selector, Cases);
}

// ---- expressions ----

public abstract class Expr : Node
{
}

public sealed class Literal : Expr
{
    public TokenKind Kind { get; init; }
    /// <summary>Source text (for numbers) or keyword (true, false, null).</summary>
    public required string Raw { get; init; }
    /// <summary>The decoded value of a string, text block or char literal.</summary>
    public string? Value { get; init; }
    public bool IsString => Kind is TokenKind.String or TokenKind.TextBlock;
    public override IEnumerable<Node> Children() => Array.Empty<Node>();
}

/// <summary>A simple name, <c>this</c> or <c>super</c>.</summary>
public sealed class NameExpr : Expr
{
    public required string Name { get; init; }
    public override IEnumerable<Node> Children() => Array.Empty<Node>();
}

public sealed class FieldAccess : Expr
{
    public required Expr Target { get; init; }
    public required string Name { get; init; }
    public int NameStart { get; init; }
    public override IEnumerable<Node> Children() => Of(Target);
}

public sealed class CallExpr : Expr
{
    public Expr? Target { get; init; }
    public required string Name { get; init; }
    public int NameStart { get; init; }
    public List<Expr> Args { get; } = new();
    public override IEnumerable<Node> Children() => Of(Target, Args);
}

public sealed class NewObject : Expr
{
    public Expr? Outer { get; init; }
    public required TypeRef Type { get; init; }
    public List<Expr> Args { get; } = new();
    public List<Member>? Body { get; set; }
    public override IEnumerable<Node> Children() => Of(Outer, Type, Args, Body);
}

public sealed class NewArray : Expr
{
    public required TypeRef Type { get; init; }
    public List<Expr> DimExprs { get; } = new();
    public ArrayInit? Init { get; set; }
    public override IEnumerable<Node> Children() => Of(Type, DimExprs, Init);
}

public sealed class ArrayInit : Expr
{
    public List<Expr> Items { get; } = new();
    public override IEnumerable<Node> Children() => Items;
}

public sealed class BinaryExpr : Expr
{
    public required string Op { get; init; }
    public required Expr Left { get; init; }
    public required Expr Right { get; init; }
    public override IEnumerable<Node> Children() => Of(Left, Right);
}

public sealed class UnaryExpr : Expr
{
    public required string Op { get; init; }
    public required Expr Operand { get; init; }
    public bool Postfix { get; init; }
    public override IEnumerable<Node> Children() => Of(Operand);
}

public sealed class AssignExpr : Expr
{
    public required string Op { get; init; }
    public required Expr Target { get; init; }
    public required Expr Value { get; init; }
    public override IEnumerable<Node> Children() => Of(Target, Value);
}

public sealed class ConditionalExpr : Expr
{
    public required Expr Cond { get; init; }
    public required Expr Then { get; init; }
    public required Expr Else { get; init; }
    public override IEnumerable<Node> Children() => Of(Cond, Then, Else);
}

public sealed class CastExpr : Expr
{
    public required TypeRef Type { get; init; }
    public required Expr Operand { get; init; }
    public override IEnumerable<Node> Children() => Of(Type, Operand);
}

public sealed class InstanceOfExpr : Expr
{
    public required Expr Operand { get; init; }
    public required TypeRef Type { get; init; }
    /// <summary>The pattern variable (<c>x instanceof Inet6Address a</c>), if any.</summary>
    public string? Binding { get; init; }
    public override IEnumerable<Node> Children() => Of(Operand, Type);
}

public sealed class IndexExpr : Expr
{
    public required Expr Target { get; init; }
    public required Expr Index { get; init; }
    public override IEnumerable<Node> Children() => Of(Target, Index);
}

public sealed class LambdaExpr : Expr
{
    public List<string> Params { get; } = new();
    /// <summary>An <see cref="Expr"/> or a <see cref="Block"/>.</summary>
    public required Node Body { get; init; }
    public override IEnumerable<Node> Children() => Of(Body);
}

public sealed class MethodRef : Expr
{
    /// <summary>An <see cref="Expr"/> or a <see cref="TypeRef"/>.</summary>
    public required Node Target { get; init; }
    public required string Name { get; init; }
    public override IEnumerable<Node> Children() => Of(Target);
}

public sealed class SwitchExpr : Expr
{
    public required Expr Selector { get; init; }
    public List<SwitchCase> Cases { get; } = new();
    public override IEnumerable<Node> Children() => Of(Selector, Cases);
}

public sealed class ClassLit : Expr
{
    public required TypeRef Type { get; init; }
    public override IEnumerable<Node> Children() => Of(Type);
}

public sealed class ParenExpr : Expr
{
    public required Expr Inner { get; init; }
    public override IEnumerable<Node> Children() => Of(Inner);
}

/// <summary>A type pattern or record pattern in a <c>case</c> label.</summary>
public sealed class PatternExpr : Expr
{
    public required TypeRef Type { get; init; }
    public string? Binding { get; init; }
    public override IEnumerable<Node> Children() => Of(Type);
}

/// <summary>An annotation used as an element value.</summary>
public sealed class AnnotationExpr : Expr
{
    public required Annotation Annotation { get; init; }
    public override IEnumerable<Node> Children() => Of(Annotation);
}

/// <summary>Placeholder for an expression that did not parse.</summary>
public sealed class ErrorExpr : Expr
{
    public override IEnumerable<Node> Children() => Array.Empty<Node>();
}

namespace V6Ready.Python.Syntax;

/// <summary>Base of every syntax node: [Pos, End) offsets into the source text.</summary>
public abstract class Node
{
    public int Pos { get; set; }
    public int End { get; set; }
    /// <summary>The enclosing node (set after parsing).</summary>
    public Node? Parent { get; set; }
    public int Length => End - Pos;

    /// <summary>Direct children in source order.</summary>
    public abstract void AddChildren(List<Node> output);

    protected static void Add(List<Node> o, Node? n)
    {
        if (n is not null) o.Add(n);
    }

    protected static void AddAll<T>(List<Node> o, List<T>? list) where T : Node
    {
        if (list is null) return;
        foreach (var n in list) o.Add(n);
    }
}

public abstract class Expr : Node { }
public abstract class Stmt : Node { }

// ---------- expressions ----------

public sealed class ErrorExpr : Expr { public override void AddChildren(List<Node> o) { } }

/// <summary>An identifier (True, False and None are <see cref="ConstExpr"/>).</summary>
public sealed class NameExpr : Expr
{
    public NameExpr(string id) { Id = id; }
    public string Id { get; }
    public override void AddChildren(List<Node> o) { }
    public override string ToString() => Id;
}

/// <summary>True, False, None, or <c>...</c>.</summary>
public sealed class ConstExpr : Expr
{
    public ConstExpr(string value) { Value = value; }
    /// <summary>"True", "False", "None" or "...".</summary>
    public string Value { get; }
    public override void AddChildren(List<Node> o) { }
}

public sealed class NumberExpr : Expr
{
    public NumberExpr(string raw) { Raw = raw; }
    public string Raw { get; }
    public override void AddChildren(List<Node> o) { }
}

/// <summary>One string literal token (prefix and quotes included in its span).</summary>
public sealed class StrPart : Node
{
    public string Prefix { get; init; } = "";
    public bool IsBytes { get; init; }
    public bool IsRaw { get; init; }
    /// <summary>True for f-strings (and t-strings).</summary>
    public bool IsFormatted { get; init; }
    /// <summary>Offsets of the body (inside the quotes).</summary>
    public int BodyStart { get; init; }
    public int BodyEnd { get; init; }
    /// <summary>For an f-string: literal runs and fields in order (<see cref="FLiteral"/> and <see cref="FField"/>).</summary>
    public List<Node> Pieces { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Pieces);
}

/// <summary>A literal run of an f-string.</summary>
public sealed class FLiteral : Node
{
    public override void AddChildren(List<Node> o) { }
}

/// <summary>A replacement field of an f-string: <c>{value!r:spec}</c>.</summary>
public sealed class FField : Node
{
    public Expr Value { get; set; } = null!;
    public bool Debug { get; set; }
    public char Conversion { get; set; }
    /// <summary>The format spec's pieces (literals and nested fields), or null.</summary>
    public List<Node>? Spec { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Value); AddAll(o, Spec); }
}

/// <summary>One or more adjacent string literals (implicitly concatenated).</summary>
public sealed class StrExpr : Expr
{
    public List<StrPart> Parts { get; } = new();
    public bool IsFormatted => Parts.Any(p => p.IsFormatted);
    public bool IsBytes => Parts.Count > 0 && Parts[0].IsBytes;
    public override void AddChildren(List<Node> o) => AddAll(o, Parts);
}

public sealed class AttributeExpr : Expr
{
    public Expr Value { get; set; } = null!;
    public string Attr { get; set; } = "";
    public int AttrPos { get; set; }
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

public sealed class SubscriptExpr : Expr
{
    public Expr Value { get; set; } = null!;
    public Expr Index { get; set; } = null!;
    public override void AddChildren(List<Node> o) { Add(o, Value); Add(o, Index); }
}

public sealed class SliceExpr : Expr
{
    public Expr? Lower { get; set; }
    public Expr? Upper { get; set; }
    public Expr? Step { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Lower); Add(o, Upper); Add(o, Step); }
}

/// <summary>A call argument: positional, <c>name=value</c>, <c>*value</c> (Star 1) or <c>**value</c> (Star 2).</summary>
public sealed class Arg : Node
{
    public string? Name { get; set; }
    public int Star { get; set; }
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

public sealed class CallExpr : Expr
{
    public Expr Func { get; set; } = null!;
    public List<Arg> Args { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Func); AddAll(o, Args); }

    /// <summary>The i-th positional argument (before any <c>*args</c>), or null.</summary>
    public Expr? Positional(int i)
    {
        var k = 0;
        foreach (var a in Args)
        {
            if (a.Name is not null) continue;
            if (a.Star != 0) return null;
            if (k++ == i) return a.Value;
        }
        return null;
    }

    public Expr? Keyword(string name)
    {
        foreach (var a in Args)
            if (a.Name == name) return a.Value;
        return null;
    }

    public int PositionalCount => Args.TakeWhile(a => a.Name is null && a.Star == 0).Count();
}

public sealed class BinOpExpr : Expr
{
    public Expr Left { get; set; } = null!;
    /// <summary>The operator text: + - * / // % ** @ &lt;&lt; &gt;&gt; &amp; | ^.</summary>
    public string Op { get; set; } = "";
    public Expr Right { get; set; } = null!;
    public override void AddChildren(List<Node> o) { Add(o, Left); Add(o, Right); }
}

public sealed class BoolOpExpr : Expr
{
    /// <summary>"and" or "or".</summary>
    public string Op { get; set; } = "";
    public List<Expr> Values { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Values);
}

public sealed class UnaryExpr : Expr
{
    /// <summary>"-", "+", "~" or "not".</summary>
    public string Op { get; set; } = "";
    public Expr Operand { get; set; } = null!;
    public override void AddChildren(List<Node> o) => Add(o, Operand);
}

public sealed class CompareExpr : Expr
{
    public Expr Left { get; set; } = null!;
    /// <summary>"==", "!=", "&lt;", "&lt;=", "&gt;", "&gt;=", "in", "not in", "is", "is not".</summary>
    public List<string> Ops { get; } = new();
    public List<Expr> Comparators { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Left); AddAll(o, Comparators); }
}

public sealed class IfExpr : Expr
{
    public Expr Test { get; set; } = null!;
    public Expr Body { get; set; } = null!;
    public Expr OrElse { get; set; } = null!;
    public override void AddChildren(List<Node> o) { Add(o, Body); Add(o, Test); Add(o, OrElse); }
}

public sealed class LambdaExpr : Expr
{
    public Parameters Params { get; set; } = null!;
    public Expr Body { get; set; } = null!;
    public override void AddChildren(List<Node> o) { Add(o, Params); Add(o, Body); }
}

/// <summary><c>target := value</c>.</summary>
public sealed class NamedExpr : Expr
{
    public NameExpr Target { get; set; } = null!;
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) { Add(o, Target); Add(o, Value); }
}

public sealed class AwaitExpr : Expr
{
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

public sealed class YieldExpr : Expr
{
    public Expr? Value { get; set; }
    public bool From { get; set; }
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

/// <summary><c>*value</c> in a display, target or subscript.</summary>
public sealed class StarredExpr : Expr
{
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

public sealed class TupleExpr : Expr
{
    public List<Expr> Elts { get; } = new();
    public bool Parenthesized { get; set; }
    public override void AddChildren(List<Node> o) => AddAll(o, Elts);
}

public sealed class ListExpr : Expr
{
    public List<Expr> Elts { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Elts);
}

public sealed class SetExpr : Expr
{
    public List<Expr> Elts { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Elts);
}

/// <summary>A dict display; a null key is a <c>**value</c> entry.</summary>
public sealed class DictExpr : Expr
{
    public List<Expr?> Keys { get; } = new();
    public List<Expr> Values { get; } = new();
    public override void AddChildren(List<Node> o)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            Add(o, Keys[i]);
            Add(o, Values[i]);
        }
    }

    public Expr? Get(string key)
    {
        for (var i = 0; i < Keys.Count; i++)
            if (Keys[i] is StrExpr s && !s.IsFormatted && s.Parts.Count == 1 && Values.Count > i && StrValue.Of(s) == key) return Values[i];
        return null;
    }
}

public sealed class Comprehension : Node
{
    public bool IsAsync { get; set; }
    public Expr Target { get; set; } = null!;
    public Expr Iter { get; set; } = null!;
    public List<Expr> Ifs { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Target); Add(o, Iter); AddAll(o, Ifs); }
}

/// <summary>List, set or generator comprehension (<see cref="Kind"/> '[', '{' or '('); a dict comprehension has a <see cref="Key"/>.</summary>
public sealed class ComprehensionExpr : Expr
{
    public char Kind { get; set; }
    public Expr? Key { get; set; }
    public Expr Elt { get; set; } = null!;
    public List<Comprehension> Generators { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Key); Add(o, Elt); AddAll(o, Generators); }
}

/// <summary>A capture in a <c>case</c> pattern: <c>pattern as name</c>.</summary>
public sealed class PatternAsExpr : Expr
{
    public Expr Pattern { get; set; } = null!;
    public string Name { get; set; } = "";
    public override void AddChildren(List<Node> o) => Add(o, Pattern);
}

// ---------- parameters ----------

public enum ParamKind : byte { Normal, VarArgs, KwArgs }

public sealed class Param : Node
{
    public string Name { get; set; } = "";
    public ParamKind Kind { get; set; }
    public Expr? Annotation { get; set; }
    public Expr? Default { get; set; }
    /// <summary>Parameter after a bare <c>*</c> or <c>*args</c>.</summary>
    public bool KeywordOnly { get; set; }
    /// <summary>Parameter before <c>/</c>.</summary>
    public bool PositionalOnly { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Annotation); Add(o, Default); }
}

public sealed class Parameters : Node
{
    public List<Param> List { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, List);
}

/// <summary>A PEP 695 type parameter: <c>T</c>, <c>T: bound</c>, <c>*Ts</c>, <c>**P</c>, with a PEP 696 default.</summary>
public sealed class TypeParam : Node
{
    public string Name { get; set; } = "";
    public int Star { get; set; }
    public Expr? Bound { get; set; }
    public Expr? Default { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Bound); Add(o, Default); }
}

// ---------- statements ----------

public sealed class ErrorStmt : Stmt { public override void AddChildren(List<Node> o) { } }

public sealed class ExprStmt : Stmt
{
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

/// <summary><c>a = b = value</c>.</summary>
public sealed class AssignStmt : Stmt
{
    public List<Expr> Targets { get; } = new();
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) { AddAll(o, Targets); Add(o, Value); }
}

public sealed class AugAssignStmt : Stmt
{
    public Expr Target { get; set; } = null!;
    public string Op { get; set; } = "";
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) { Add(o, Target); Add(o, Value); }
}

public sealed class AnnAssignStmt : Stmt
{
    public Expr Target { get; set; } = null!;
    public Expr Annotation { get; set; } = null!;
    public Expr? Value { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Target); Add(o, Annotation); Add(o, Value); }
}

public sealed class Alias : Node
{
    /// <summary>Dotted name as written (<c>os.path</c>), or "*".</summary>
    public string Name { get; set; } = "";
    public string? AsName { get; set; }
    public override void AddChildren(List<Node> o) { }
}

public sealed class ImportStmt : Stmt
{
    public List<Alias> Names { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Names);
}

public sealed class ImportFromStmt : Stmt
{
    /// <summary>The module after the dots, or null for <c>from . import x</c>.</summary>
    public string? Module { get; set; }
    public int Level { get; set; }
    public List<Alias> Names { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Names);
}

public sealed class FunctionDefStmt : Stmt
{
    public bool IsAsync { get; set; }
    public string Name { get; set; } = "";
    public int NamePos { get; set; }
    public List<Expr> Decorators { get; } = new();
    public List<TypeParam>? TypeParams { get; set; }
    public Parameters Params { get; set; } = null!;
    public Expr? Returns { get; set; }
    public List<Stmt> Body { get; } = new();
    public override void AddChildren(List<Node> o) { AddAll(o, Decorators); AddAll(o, TypeParams); Add(o, Params); Add(o, Returns); AddAll(o, Body); }
}

public sealed class ClassDefStmt : Stmt
{
    public string Name { get; set; } = "";
    public int NamePos { get; set; }
    public List<Expr> Decorators { get; } = new();
    public List<TypeParam>? TypeParams { get; set; }
    public List<Arg> Bases { get; } = new();
    public List<Stmt> Body { get; } = new();
    public override void AddChildren(List<Node> o) { AddAll(o, Decorators); AddAll(o, TypeParams); AddAll(o, Bases); AddAll(o, Body); }
}

public sealed class ReturnStmt : Stmt
{
    public Expr? Value { get; set; }
    public override void AddChildren(List<Node> o) => Add(o, Value);
}

public sealed class DeleteStmt : Stmt
{
    public List<Expr> Targets { get; } = new();
    public override void AddChildren(List<Node> o) => AddAll(o, Targets);
}

/// <summary>pass, break or continue.</summary>
public sealed class KeywordStmt : Stmt
{
    public string Keyword { get; set; } = "";
    public override void AddChildren(List<Node> o) { }
}

public sealed class RaiseStmt : Stmt
{
    public Expr? Exc { get; set; }
    public Expr? Cause { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Exc); Add(o, Cause); }
}

/// <summary>global or nonlocal.</summary>
public sealed class ScopeStmt : Stmt
{
    public string Keyword { get; set; } = "";
    public List<string> Names { get; } = new();
    public override void AddChildren(List<Node> o) { }
}

public sealed class AssertStmt : Stmt
{
    public Expr Test { get; set; } = null!;
    public Expr? Msg { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Test); Add(o, Msg); }
}

public sealed class IfStmt : Stmt
{
    public Expr Test { get; set; } = null!;
    public List<Stmt> Body { get; } = new();
    /// <summary>The else branch; an elif is a single nested <see cref="IfStmt"/>.</summary>
    public List<Stmt> OrElse { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Test); AddAll(o, Body); AddAll(o, OrElse); }
}

public sealed class WhileStmt : Stmt
{
    public Expr Test { get; set; } = null!;
    public List<Stmt> Body { get; } = new();
    public List<Stmt> OrElse { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Test); AddAll(o, Body); AddAll(o, OrElse); }
}

public sealed class ForStmt : Stmt
{
    public bool IsAsync { get; set; }
    public Expr Target { get; set; } = null!;
    public Expr Iter { get; set; } = null!;
    public List<Stmt> Body { get; } = new();
    public List<Stmt> OrElse { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Target); Add(o, Iter); AddAll(o, Body); AddAll(o, OrElse); }
}

public sealed class WithItem : Node
{
    public Expr Context { get; set; } = null!;
    public Expr? Vars { get; set; }
    public override void AddChildren(List<Node> o) { Add(o, Context); Add(o, Vars); }
}

public sealed class WithStmt : Stmt
{
    public bool IsAsync { get; set; }
    public List<WithItem> Items { get; } = new();
    public List<Stmt> Body { get; } = new();
    public override void AddChildren(List<Node> o) { AddAll(o, Items); AddAll(o, Body); }
}

public sealed class ExceptHandler : Node
{
    public bool Star { get; set; }
    public Expr? Type { get; set; }
    public string? Name { get; set; }
    public List<Stmt> Body { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Type); AddAll(o, Body); }
}

public sealed class TryStmt : Stmt
{
    public List<Stmt> Body { get; } = new();
    public List<ExceptHandler> Handlers { get; } = new();
    public List<Stmt> OrElse { get; } = new();
    public List<Stmt> FinalBody { get; } = new();
    public override void AddChildren(List<Node> o) { AddAll(o, Body); AddAll(o, Handlers); AddAll(o, OrElse); AddAll(o, FinalBody); }
}

public sealed class MatchCase : Node
{
    public Expr Pattern { get; set; } = null!;
    public Expr? Guard { get; set; }
    public List<Stmt> Body { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Pattern); Add(o, Guard); AddAll(o, Body); }
}

/// <summary><c>match subject:</c> with its cases; patterns are kept as expressions (captures as <see cref="PatternAsExpr"/>).</summary>
public sealed class MatchStmt : Stmt
{
    public Expr Subject { get; set; } = null!;
    public List<MatchCase> Cases { get; } = new();
    public override void AddChildren(List<Node> o) { Add(o, Subject); AddAll(o, Cases); }
}

/// <summary><c>type Name[T] = value</c> (PEP 695).</summary>
public sealed class TypeAliasStmt : Stmt
{
    public string Name { get; set; } = "";
    public List<TypeParam>? TypeParams { get; set; }
    public Expr Value { get; set; } = null!;
    public override void AddChildren(List<Node> o) { AddAll(o, TypeParams); Add(o, Value); }
}

/// <summary>A parsed file.</summary>
public sealed class PyModule : Node
{
    public string Source { get; init; } = "";
    public List<Stmt> Body { get; } = new();
    public List<CommentSpan> Comments { get; init; } = new();
    public List<SyntaxError> Errors { get; init; } = new();
    /// <summary>The PEP 263 encoding declared on line 1 or 2 (<c># -*- coding: latin-1 -*-</c>), or null.</summary>
    public string? DeclaredEncoding { get; set; }
    public override void AddChildren(List<Node> o) => AddAll(o, Body);
}

/// <summary>Iterative traversals (never recursing, so deep trees cannot overflow the stack).</summary>
public static class AstWalker
{
    /// <summary>Every node under <paramref name="root"/> (root excluded), parents before children, in source order.</summary>
    public static IEnumerable<Node> Descendants(Node root)
    {
        var stack = new Stack<Node>();
        var buf = new List<Node>();
        root.AddChildren(buf);
        for (var i = buf.Count - 1; i >= 0; i--) stack.Push(buf[i]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            buf.Clear();
            n.AddChildren(buf);
            for (var i = buf.Count - 1; i >= 0; i--) stack.Push(buf[i]);
        }
    }

    /// <summary>Sets <see cref="Node.Parent"/> on every node under <paramref name="root"/>.</summary>
    public static void SetParents(Node root)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        var buf = new List<Node>();
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            buf.Clear();
            n.AddChildren(buf);
            foreach (var c in buf)
            {
                c.Parent = n;
                stack.Push(c);
            }
        }
    }
}

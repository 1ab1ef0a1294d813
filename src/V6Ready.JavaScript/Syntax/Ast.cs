namespace V6Ready.JavaScript.Syntax;

/// <summary>An ESTree-shaped node. <see cref="Start"/>/<see cref="End"/> are 0-based offsets into the source text.</summary>
public abstract class Node
{
    public int Start;
    public int End;
    public Node? Parent;
    public abstract string Type { get; }
    public virtual IEnumerable<Node> Children() => Array.Empty<Node>();
    public int Length => End - Start;
    public override string ToString() => $"{Type}@{Start}-{End}";

    protected static IEnumerable<Node> Of(params Node?[] nodes)
    {
        foreach (var n in nodes) if (n is not null) yield return n;
    }

    protected static IEnumerable<Node> Of(IEnumerable<Node?> list, params Node?[] more)
    {
        foreach (var n in more) if (n is not null) yield return n;
        foreach (var n in list) if (n is not null) yield return n;
    }
}

public sealed class Program : Node
{
    public List<Node> Body = new();
    public bool IsModule;
    public override string Type => "Program";
    public override IEnumerable<Node> Children() => Body;
}

// ---------- expressions ----------
public sealed class Identifier : Node
{
    public string Name = "";
    public override string Type => "Identifier";
}

public sealed class PrivateIdentifier : Node
{
    public string Name = "";
    public override string Type => "PrivateIdentifier";
}

public enum LiteralKind { String, Number, BigInt, Boolean, Null, Regex }

public sealed class Literal : Node
{
    public LiteralKind Kind;
    public string? StringValue;
    public double NumberValue;
    public bool BoolValue;
    public string Raw = "";
    public string? RegexPattern;
    public string? RegexFlags;
    public override string Type => "Literal";
}

public sealed class TemplateElement : Node
{
    public string Cooked = "";
    public bool Tail;
    public override string Type => "TemplateElement";
}

public sealed class TemplateLiteral : Node
{
    public List<TemplateElement> Quasis = new();
    public List<Node> Expressions = new();
    public override string Type => "TemplateLiteral";
    public override IEnumerable<Node> Children()
    {
        for (var i = 0; i < Quasis.Count; i++)
        {
            yield return Quasis[i];
            if (i < Expressions.Count) yield return Expressions[i];
        }
    }
}

public sealed class TaggedTemplateExpression : Node
{
    public Node Tag = null!;
    public TemplateLiteral Quasi = null!;
    public override string Type => "TaggedTemplateExpression";
    public override IEnumerable<Node> Children() => Of(Tag, Quasi);
}

public sealed class ThisExpression : Node { public override string Type => "ThisExpression"; }
public sealed class Super : Node { public override string Type => "Super"; }

public sealed class ArrayExpression : Node
{
    public List<Node?> Elements = new();
    public override string Type => "ArrayExpression";
    public override IEnumerable<Node> Children() => Of(Elements);
}

public sealed class ObjectExpression : Node
{
    public List<Node> Properties = new();
    public override string Type => "ObjectExpression";
    public override IEnumerable<Node> Children() => Properties;
}

public sealed class Property : Node
{
    public Node Key = null!;
    public Node Value = null!;
    public string Kind = "init";
    public bool Computed, Shorthand, Method;
    public override string Type => "Property";
    public override IEnumerable<Node> Children() => Shorthand ? Of(Value) : Of(Key, Value);
    /// <summary>The key's name when it is an identifier or a string/number literal and not computed.</summary>
    public string? KeyName => Computed ? null : Key switch
    {
        Identifier id => id.Name,
        Literal { Kind: LiteralKind.String } l => l.StringValue,
        Literal l => l.Raw,
        _ => null,
    };
}

public sealed class SpreadElement : Node
{
    public Node Argument = null!;
    public override string Type => "SpreadElement";
    public override IEnumerable<Node> Children() => Of(Argument);
}

public sealed class FunctionNode : Node
{
    public string Kind = "FunctionExpression"; // FunctionDeclaration, FunctionExpression, ArrowFunctionExpression, TSDeclareFunction
    public Identifier? Id;
    public List<Node> Params = new();
    public Node? Body; // BlockStatement or expression (arrow), null for declarations without body
    public bool Async, Generator, IsExpressionBody;
    /// <summary>Decorators of parameters (TypeScript `m(@Inject(T) x)`), in source order.</summary>
    public List<Node> ParamDecorators = new();
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Params.Concat(ParamDecorators), Id, Body).OrderBy(n => n.Start);
}

public sealed class ClassNode : Node
{
    public string Kind = "ClassDeclaration";
    public Identifier? Id;
    public Node? SuperClass;
    public List<Node> Decorators = new();
    public ClassBody Body = null!;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Decorators, Id, SuperClass, Body);
}

public sealed class ClassBody : Node
{
    public List<Node> Body = new();
    public override string Type => "ClassBody";
    public override IEnumerable<Node> Children() => Body;
}

public sealed class MethodDefinition : Node
{
    public Node Key = null!;
    public FunctionNode Value = null!;
    public string Kind = "method"; // constructor, method, get, set
    public bool Static, Computed;
    public List<Node> Decorators = new();
    public override string Type => "MethodDefinition";
    public override IEnumerable<Node> Children() => Of(Decorators, Key, Value);
}

public sealed class PropertyDefinition : Node
{
    public Node Key = null!;
    public Node? Value;
    public bool Static, Computed;
    public List<Node> Decorators = new();
    public override string Type => "PropertyDefinition";
    public override IEnumerable<Node> Children() => Of(Decorators, Key, Value);
}

public sealed class StaticBlock : Node
{
    public List<Node> Body = new();
    public override string Type => "StaticBlock";
    public override IEnumerable<Node> Children() => Body;
}

public sealed class Decorator : Node
{
    public Node Expression = null!;
    public override string Type => "Decorator";
    public override IEnumerable<Node> Children() => Of(Expression);
}

public sealed class UnaryExpression : Node
{
    public string Operator = "";
    public Node Argument = null!;
    public override string Type => "UnaryExpression";
    public override IEnumerable<Node> Children() => Of(Argument);
}

public sealed class UpdateExpression : Node
{
    public string Operator = "";
    public bool Prefix;
    public Node Argument = null!;
    public override string Type => "UpdateExpression";
    public override IEnumerable<Node> Children() => Of(Argument);
}

public sealed class BinaryExpression : Node
{
    public string Operator = "";
    public Node Left = null!, Right = null!;
    public bool Logical => Operator is "&&" or "||" or "??";
    public override string Type => Logical ? "LogicalExpression" : "BinaryExpression";
    public override IEnumerable<Node> Children() => Of(Left, Right);
}

public sealed class AssignmentExpression : Node
{
    public string Operator = "=";
    public Node Left = null!, Right = null!;
    public override string Type => "AssignmentExpression";
    public override IEnumerable<Node> Children() => Of(Left, Right);
}

public sealed class ConditionalExpression : Node
{
    public Node Test = null!, Consequent = null!, Alternate = null!;
    public override string Type => "ConditionalExpression";
    public override IEnumerable<Node> Children() => Of(Test, Consequent, Alternate);
}

public sealed class CallExpression : Node
{
    public Node Callee = null!;
    public List<Node> Arguments = new();
    public bool Optional;
    public bool IsNew;
    public override string Type => IsNew ? "NewExpression" : "CallExpression";
    public override IEnumerable<Node> Children() => Of(Arguments, Callee);
    /// <summary>Offset just after the '(' of the argument list (or -1 for `new X` without arguments).</summary>
    public int ArgsOpen = -1;
}

public sealed class MemberExpression : Node
{
    public Node Object = null!;
    public Node Property = null!;
    public bool Computed, Optional;
    public override string Type => "MemberExpression";
    public override IEnumerable<Node> Children() => Of(Object, Property);
    /// <summary>The property name when not computed, or a computed string literal.</summary>
    public string? PropertyName => Property switch
    {
        Identifier id when !Computed => id.Name,
        PrivateIdentifier p => "#" + p.Name,
        Literal { Kind: LiteralKind.String } l => l.StringValue,
        _ => null,
    };
}

public sealed class ChainExpression : Node
{
    public Node Expression = null!;
    public override string Type => "ChainExpression";
    public override IEnumerable<Node> Children() => Of(Expression);
}

public sealed class SequenceExpression : Node
{
    public List<Node> Expressions = new();
    public override string Type => "SequenceExpression";
    public override IEnumerable<Node> Children() => Expressions;
}

public sealed class YieldExpression : Node
{
    public Node? Argument;
    public bool Delegate;
    public override string Type => "YieldExpression";
    public override IEnumerable<Node> Children() => Of(Argument);
}

public sealed class AwaitExpression : Node
{
    public Node Argument = null!;
    public override string Type => "AwaitExpression";
    public override IEnumerable<Node> Children() => Of(Argument);
}

public sealed class ImportExpression : Node
{
    public Node Source = null!;
    public Node? Options;
    public override string Type => "ImportExpression";
    public override IEnumerable<Node> Children() => Of(Source, Options);
}

public sealed class MetaProperty : Node
{
    public string Meta = "", PropertyName = "";
    public override string Type => "MetaProperty";
}

/// <summary>TSAsExpression, TSSatisfiesExpression, TSTypeAssertion, TSNonNullExpression, TSInstantiationExpression: a value with a (skipped) type.</summary>
public sealed class TSWrapper : Node
{
    public string Kind = "TSAsExpression";
    public Node Expression = null!;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Expression);
}

/// <summary>A parenthesized expression (kept so fixes can see the source shape; ESTree drops it).</summary>
public sealed class ParenthesizedExpression : Node
{
    public Node Expression = null!;
    public override string Type => "ParenthesizedExpression";
    public override IEnumerable<Node> Children() => Of(Expression);
}

public sealed class JSXElement : Node
{
    public bool Fragment;
    public Node? Name;
    public List<Node> Attributes = new();
    public List<Node> ChildNodes = new();
    public override string Type => Fragment ? "JSXFragment" : "JSXElement";
    public override IEnumerable<Node> Children() => Of(Attributes.Concat(ChildNodes), Name);
}

public sealed class JSXAttribute : Node
{
    public string Name = "";
    public Node? Value;
    public override string Type => "JSXAttribute";
    public override IEnumerable<Node> Children() => Of(Value);
}

public sealed class JSXText : Node
{
    public string Value = "";
    public override string Type => "JSXText";
}

public sealed class JSXExpressionContainer : Node
{
    public Node? Expression;
    public bool Spread;
    public override string Type => Spread ? "JSXSpreadChild" : "JSXExpressionContainer";
    public override IEnumerable<Node> Children() => Of(Expression);
}

// ---------- patterns ----------
public sealed class ObjectPattern : Node
{
    public List<Node> Properties = new(); // Property (Value = pattern) or RestElement
    public override string Type => "ObjectPattern";
    public override IEnumerable<Node> Children() => Properties;
}

public sealed class ArrayPattern : Node
{
    public List<Node?> Elements = new();
    public override string Type => "ArrayPattern";
    public override IEnumerable<Node> Children() => Of(Elements);
}

public sealed class AssignmentPattern : Node
{
    public Node Left = null!, Right = null!;
    public override string Type => "AssignmentPattern";
    public override IEnumerable<Node> Children() => Of(Left, Right);
}

public sealed class RestElement : Node
{
    public Node Argument = null!;
    public override string Type => "RestElement";
    public override IEnumerable<Node> Children() => Of(Argument);
}

/// <summary>TS constructor parameter property (`private readonly x: T`).</summary>
public sealed class TSParameterProperty : Node
{
    public Node Parameter = null!;
    public override string Type => "TSParameterProperty";
    public override IEnumerable<Node> Children() => Of(Parameter);
}

// ---------- statements ----------
public sealed class ExpressionStatement : Node
{
    public Node Expression = null!;
    public string? Directive;
    public override string Type => "ExpressionStatement";
    public override IEnumerable<Node> Children() => Of(Expression);
}

public sealed class BlockStatement : Node
{
    public List<Node> Body = new();
    public override string Type => "BlockStatement";
    public override IEnumerable<Node> Children() => Body;
}

public sealed class SimpleStatement : Node
{
    public string Kind = "EmptyStatement"; // EmptyStatement, DebuggerStatement, BreakStatement, ContinueStatement
    public Identifier? Label;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Label);
}

public sealed class VariableDeclaration : Node
{
    public string Kind = "var"; // var, let, const, using, await using
    public bool Declare;
    public List<VariableDeclarator> Declarations = new();
    public override string Type => "VariableDeclaration";
    public override IEnumerable<Node> Children() => Declarations;
}

public sealed class VariableDeclarator : Node
{
    public Node Id = null!;
    public Node? Init;
    public override string Type => "VariableDeclarator";
    public override IEnumerable<Node> Children() => Of(Id, Init);
}

public sealed class IfStatement : Node
{
    public Node Test = null!, Consequent = null!;
    public Node? Alternate;
    public override string Type => "IfStatement";
    public override IEnumerable<Node> Children() => Of(Test, Consequent, Alternate);
}

public sealed class ForStatement : Node
{
    public Node? Init, Test, Update;
    public Node Body = null!;
    public override string Type => "ForStatement";
    public override IEnumerable<Node> Children() => Of(Init, Test, Update, Body);
}

public sealed class ForInOfStatement : Node
{
    public bool Of_, Await;
    public Node Left = null!, Right = null!, Body = null!;
    public override string Type => Of_ ? "ForOfStatement" : "ForInStatement";
    public override IEnumerable<Node> Children() => Of(Left, Right, Body);
}

public sealed class WhileStatement : Node
{
    public bool DoWhile;
    public Node Test = null!, Body = null!;
    public override string Type => DoWhile ? "DoWhileStatement" : "WhileStatement";
    public override IEnumerable<Node> Children() => DoWhile ? Of(Body, Test) : Of(Test, Body);
}

public sealed class ArgumentStatement : Node
{
    public string Kind = "ReturnStatement"; // ReturnStatement, ThrowStatement
    public Node? Argument;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Argument);
}

public sealed class TryStatement : Node
{
    public BlockStatement Block = null!;
    public CatchClause? Handler;
    public BlockStatement? Finalizer;
    public override string Type => "TryStatement";
    public override IEnumerable<Node> Children() => Of(Block, Handler, Finalizer);
}

public sealed class CatchClause : Node
{
    public Node? Param;
    public BlockStatement Body = null!;
    public override string Type => "CatchClause";
    public override IEnumerable<Node> Children() => Of(Param, Body);
}

public sealed class SwitchStatement : Node
{
    public Node Discriminant = null!;
    public List<SwitchCase> Cases = new();
    public override string Type => "SwitchStatement";
    public override IEnumerable<Node> Children() => Of(Cases, Discriminant);
}

public sealed class SwitchCase : Node
{
    public Node? Test;
    public List<Node> Consequent = new();
    public override string Type => "SwitchCase";
    public override IEnumerable<Node> Children() => Of(Consequent, Test);
}

public sealed class LabeledStatement : Node
{
    public Identifier Label = null!;
    public Node Body = null!;
    public override string Type => "LabeledStatement";
    public override IEnumerable<Node> Children() => Of(Label, Body);
}

public sealed class WithStatement : Node
{
    public Node Object = null!, Body = null!;
    public override string Type => "WithStatement";
    public override IEnumerable<Node> Children() => Of(Object, Body);
}

public sealed class ImportDeclaration : Node
{
    public List<ImportSpecifier> Specifiers = new();
    public Literal Source = null!;
    public bool TypeOnly;
    public override string Type => "ImportDeclaration";
    public override IEnumerable<Node> Children() => Of(Specifiers, Source);
}

public sealed class ImportSpecifier : Node
{
    public string Kind = "ImportSpecifier"; // ImportSpecifier, ImportDefaultSpecifier, ImportNamespaceSpecifier
    public string? Imported; // for ImportSpecifier
    public Identifier Local = null!;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Local);
}

public sealed class ExportDeclaration : Node
{
    public string Kind = "ExportNamedDeclaration"; // ExportNamedDeclaration, ExportDefaultDeclaration, ExportAllDeclaration
    public Node? Declaration;
    public List<ExportSpecifier> Specifiers = new();
    public Literal? Source;
    public string? Exported;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Specifiers, Declaration, Source);
}

public sealed class ExportSpecifier : Node
{
    public Node Local = null!;
    public string Exported = "";
    public override string Type => "ExportSpecifier";
    public override IEnumerable<Node> Children() => Of(Local);
}

// ---------- TypeScript declarations ----------
/// <summary>A TS declaration whose body is types only (interface, type alias, `declare` forms without values).</summary>
public sealed class TSTypeDeclaration : Node
{
    public string Kind = "TSInterfaceDeclaration"; // TSInterfaceDeclaration, TSTypeAliasDeclaration
    public Identifier Id = null!;
    public override string Type => Kind;
    public override IEnumerable<Node> Children() => Of(Id);
}

public sealed class TSEnumDeclaration : Node
{
    public Identifier Id = null!;
    public bool Const, Declare;
    public List<TSEnumMember> Members = new();
    public override string Type => "TSEnumDeclaration";
    public override IEnumerable<Node> Children() => Of(Members, Id);
}

public sealed class TSEnumMember : Node
{
    public Node Id = null!;
    public Node? Initializer;
    public override string Type => "TSEnumMember";
    public override IEnumerable<Node> Children() => Of(Id, Initializer);
}

public sealed class TSModuleDeclaration : Node
{
    public Node Id = null!; // Identifier (possibly dotted name joined) or string Literal
    public List<Node>? Body;
    public bool Declare, Global;
    public override string Type => "TSModuleDeclaration";
    public override IEnumerable<Node> Children() => Of(Body ?? new List<Node>(), Id);
}

public sealed class TSImportEqualsDeclaration : Node
{
    public Identifier Id = null!;
    public Node ModuleReference = null!; // CallExpression require('x') shape or an entity name expression
    public override string Type => "TSImportEqualsDeclaration";
    public override IEnumerable<Node> Children() => Of(Id, ModuleReference);
}

public sealed class TSExportAssignment : Node
{
    public Node Expression = null!;
    public override string Type => "TSExportAssignment";
    public override IEnumerable<Node> Children() => Of(Expression);
}

public static class AstWalker
{
    /// <summary>Sets <see cref="Node.Parent"/> on every node (iteratively) and returns all nodes in pre-order.</summary>
    public static List<Node> Link(Node root)
    {
        var all = new List<Node>();
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            all.Add(n);
            var kids = n.Children() as IList<Node> ?? n.Children().ToList();
            for (var i = kids.Count - 1; i >= 0; i--)
            {
                var k = kids[i];
                k.Parent = n;
                stack.Push(k);
            }
        }
        return all;
    }
}

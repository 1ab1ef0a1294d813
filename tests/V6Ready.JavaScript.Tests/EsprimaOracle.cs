using Esprima;
using V6Ready.JavaScript.Syntax;
using EsNode = Esprima.Ast.Node;
using OurNode = V6Ready.JavaScript.Syntax.Node;

namespace V6Ready.JavaScript.Tests;

/// <summary>
/// Esprima (a maintained ECMAScript parser) as the conformance oracle of the own JavaScript parser: both parse the same
/// plain JavaScript and the (node kind, start, end) triples of the ESTree node kinds both trees share must be the same.
/// Shared by the tests (samples/, the rule pages' JavaScript examples) and bench/javascript (a fetched corpus).
/// </summary>
public static class EsprimaOracle
{
    /// <summary>
    /// The ESTree kinds compared. Left out on purpose: ParenthesizedExpression (kept by our parser for fixes, dropped by
    /// ESTree), TemplateElement (whether the delimiters belong to it differs between ESTree parsers), ChainExpression and
    /// the import/export specifiers and class members, whose shapes differ between ESTree dialects.
    /// </summary>
    public static readonly HashSet<string> ComparedKinds = new(StringComparer.Ordinal)
    {
        "Identifier", "Literal", "CallExpression", "NewExpression", "MemberExpression", "FunctionDeclaration",
        "FunctionExpression", "ArrowFunctionExpression", "ClassDeclaration", "ClassExpression", "ObjectExpression",
        "ArrayExpression", "TemplateLiteral", "TaggedTemplateExpression", "BinaryExpression", "LogicalExpression",
        "AssignmentExpression", "ConditionalExpression", "UnaryExpression", "UpdateExpression", "AwaitExpression",
        "YieldExpression", "SpreadElement", "SequenceExpression", "ThisExpression", "VariableDeclaration",
        "VariableDeclarator", "ExpressionStatement", "ReturnStatement", "IfStatement", "ForStatement", "ForInStatement",
        "ForOfStatement", "WhileStatement", "DoWhileStatement", "BlockStatement", "TryStatement", "CatchClause",
        "ThrowStatement", "SwitchStatement", "SwitchCase", "ImportDeclaration", "ObjectPattern", "ArrayPattern",
        "AssignmentPattern", "RestElement",
    };

    public sealed record Comparison(string Path, bool OursAccepts, bool EsprimaAccepts, string? EsprimaError, string? OurError,
        IReadOnlyList<string> OnlyOurs, IReadOnlyList<string> OnlyEsprima, int ComparedNodes)
    {
        public bool Agrees => OursAccepts == EsprimaAccepts && OnlyOurs.Count == 0 && OnlyEsprima.Count == 0;

        public override string ToString() =>
            $"{Path}: ours {(OursAccepts ? "accepts" : "rejects: " + OurError)}, Esprima {(EsprimaAccepts ? "accepts" : "rejects: " + EsprimaError)}" +
            (OnlyOurs.Count > 0 ? "; only ours: " + string.Join(", ", OnlyOurs.Take(8)) : "") +
            (OnlyEsprima.Count > 0 ? "; only Esprima: " + string.Join(", ", OnlyEsprima.Take(8)) : "");
    }

    /// <summary>True for the files the oracle applies to: plain JavaScript (.js, .mjs, .cjs), not TypeScript or JSX.</summary>
    public static bool IsPlainJavaScript(string path) =>
        path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="text"/> with Esprima (as a module, else as a script): its tree, or the error.</summary>
    public static (EsNode? Tree, string? Error) ParseWithEsprima(string path, string text)
    {
        var options = new ParserOptions { AllowReturnOutsideFunction = true, RegExpParseMode = RegExpParseMode.Skip, Tolerant = false };
        var moduleFirst = !path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase);
        string? firstError = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var asModule = moduleFirst == (attempt == 0);
            try
            {
                var parser = new JavaScriptParser(options);
                return (asModule ? parser.ParseModule(text, path) : parser.ParseScript(text, path), null);
            }
            catch (ParserException e)
            {
                firstError ??= e.Message;
            }
        }
        return (null, firstError);
    }

    /// <summary>Parses <paramref name="text"/> with V6Ready's parser (plain JavaScript, JSX off): its tree, or the first error.</summary>
    public static (OurNode? Tree, string? Error) ParseWithOurs(string text)
    {
        var result = Parser.Parse(text, new ParseOptions { TypeScript = false, Jsx = false });
        return result.Errors.Count == 0 ? (result.Program, null) : (null, result.Errors[0].ToString());
    }

    public static Comparison Compare(string path, string text)
    {
        var (ours, ourError) = ParseWithOurs(text);
        var (esprima, esprimaError) = ParseWithEsprima(path, text);
        if (ours is null || esprima is null)
            return new Comparison(path, ours is not null, esprima is not null, esprimaError, ourError, [], [], 0);
        var a = Triples(ours);
        var b = Triples(esprima, text);
        var onlyOurs = Minus(a, b).Select(t => Describe(t, text)).ToList();
        var onlyEsprima = Minus(b, a).Select(t => Describe(t, text)).ToList();
        return new Comparison(path, true, true, null, null, onlyOurs, onlyEsprima, a.Count);
    }

    private static string Describe((string Kind, int Start, int End) t, string text)
    {
        var snippet = text.Substring(t.Start, Math.Min(t.End - t.Start, 40)).Replace("\n", "\\n");
        var line = 1 + text.AsSpan(0, t.Start).Count('\n');
        return $"{t.Kind}@{line}[{t.Start}-{t.End}] '{snippet}'";
    }

    private static List<(string, int, int)> Minus(List<(string, int, int)> a, List<(string, int, int)> b)
    {
        var counts = b.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<(string, int, int)>();
        foreach (var x in a)
        {
            if (counts.TryGetValue(x, out var n) && n > 0) counts[x] = n - 1;
            else result.Add(x);
        }
        return result;
    }

    private static List<(string Kind, int Start, int End)> Triples(OurNode root)
    {
        var list = new List<(string, int, int)>();
        var stack = new Stack<OurNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (ComparedKinds.Contains(n.Type)) list.Add((n.Type, n.Start, n.End));
            foreach (var c in n.Children()) stack.Push(c);
        }
        return list;
    }

    private static List<(string Kind, int Start, int End)> Triples(EsNode root, string text)
    {
        var list = new List<(string, int, int)>();
        var stack = new Stack<(EsNode Node, EsNode? Parent)>();
        stack.Push((root, null));
        while (stack.Count > 0)
        {
            var (n, parent) = stack.Pop();
            var kind = n.Type.ToString();
            if (ComparedKinds.Contains(kind))
            {
                // Esprima ends a statement closed by automatic semicolon insertion where the next token starts (trailing
                // whitespace included), and a for-loop's `let i = 0` after its ';'; ESTree parsers such as acorn end
                // both at their last token, as ours does.
                var end = n.Range.End;
                if (parent is Esprima.Ast.ForStatement fs && ReferenceEquals(fs.Init, n) && end > n.Range.Start && text[end - 1] == ';') end--;
                while (end > n.Range.Start && char.IsWhiteSpace(text[end - 1])) end--;
                list.Add((kind, n.Range.Start, end));
            }
            foreach (var c in n.ChildNodes) if (c is not null) stack.Push((c, n));
        }
        return list;
    }
}

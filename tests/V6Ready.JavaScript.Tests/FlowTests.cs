using V6Ready.JavaScript.Syntax;

namespace V6Ready.JavaScript.Tests;

/// <summary>Flow-typed .js parses through the TypeScript path's type-skipping, with the same value-level tree.</summary>
public class FlowTests
{
    [Fact]
    public void Flow_annotations_and_type_imports_parse_in_a_js_file()
    {
        var code = "// @flow\nimport type { Node } from 'react';\ntype Props = { host: string, port: number };\n" +
                   "function url(p: Props): string { return `http://${p.host}:${p.port}`; }\nconst s = require('http').createServer();\ns.listen(80, '0.0.0.0');\n";
        var r = Parser.Parse(code, ParseOptions.ForPath("server.js"));
        Assert.Empty(r.Errors);
        var calls = AstWalker.Link(r.Program).OfType<CallExpression>().Select(c => code[c.Start..c.End]).ToList();
        Assert.Contains("s.listen(80, '0.0.0.0')", calls);
    }

    [Fact]
    public void Plain_javascript_is_not_reparsed_and_broken_javascript_keeps_its_errors()
    {
        Assert.Empty(Parser.Parse("const a = b < c;\nlet x = (y) => y;\n", ParseOptions.ForPath("a.js")).Errors);
        Assert.NotEmpty(Parser.Parse("function (", ParseOptions.ForPath("a.js")).Errors);
    }

    /// <summary>Each Flow construct TypeScript does not have, in a .js file: the file parses, and the value-level call
    /// after it is in the tree with its exact text (so the type was skipped, not the code around it).</summary>
    [Theory]
    [InlineData("maybe parameter", "function f(host: ?string, port?: ?number) { return host; }")]
    [InlineData("maybe return and variable", "function f(): ?Element { let n: ?number = null; return null; }")]
    [InlineData("maybe type argument", "function f(a: Array<?string>, m: ?OrderedMap<any, any>): List<?string> { return a; }")]
    [InlineData("maybe parenthesised union", "class C { _node: ?(HTMLSpanElement | HTMLBRElement); }")]
    [InlineData("maybe function type", "type Cb = ?() => void;\nlet g: ?(x: number) => void = null;")]
    [InlineData("maybe class property", "class C { observer: ?MutationObserver; static x: ?string = null; }")]
    [InlineData("maybe in a type alias of a function", "type BlockRenderFn = (block: BlockNodeRecord) => ?Object;")]
    [InlineData("unparenthesised function type in a parameter", "const f = (crash: ErrorRecord => void) => crash;")]
    [InlineData("unparenthesised function type as a class property", "class App { foo: void => void; bar: string => number = s => 1; }")]
    [InlineData("type cast", "const node = (element: any);\nconst files: Array<Blob> = (data.getFiles(): any);")]
    [InlineData("type cast of a call in extends", "class B extends (Record(defaults): any) {}")]
    [InlineData("type cast of a template", "m[k] = (`${key}`: any);")]
    [InlineData("type cast to a function type", "const g = (f: (x: number) => string);")]
    [InlineData("declare module.exports", "declare module.exports: any;")]
    [InlineData("declare export forms", "declare export function f(x: number): string;\ndeclare export class C { m(): void; }\ndeclare export default string;\ndeclare export var v: number;")]
    [InlineData("declare module block", "declare module 'm' { declare module.exports: { f(): void }; }")]
    [InlineData("opaque types", "opaque type Id = string;\nexport opaque type Key: string = string;\ndeclare opaque type Token;")]
    [InlineData("import typeof", "import typeof TheDefault from 'm';\nimport { typeof named, type T } from 'm';")]
    [InlineData("inline interface type", "export type DraftDecoratorType = interface { getDecorations(block: Block): List<?string> };")]
    [InlineData("exact objects and variance", "type P = {| +host: string, -port?: number, ...Rest |};")]
    [InlineData("%checks", "function isString(x: mixed): boolean %checks { return typeof x === 'string'; }")]
    [InlineData("empty type arguments", "function f(e: SyntheticInputEvent<>): void {}")]
    public void Flow_construct_parses_and_keeps_the_code_around_it(string name, string construct)
    {
        var code = "// @flow\n" + construct + "\nserver.listen(80, '0.0.0.0');\n";
        var r = Parser.Parse(code, ParseOptions.ForPath("flow.js"));
        Assert.True(r.Errors.Count == 0, name + ": " + string.Join("; ", r.Errors.Select(e => e.Message)));
        var calls = AstWalker.Link(r.Program).OfType<CallExpression>().Select(c => code[c.Start..c.End]).ToList();
        Assert.Contains("server.listen(80, '0.0.0.0')", calls);
    }

    [Fact]
    public void An_arrow_return_type_does_not_swallow_the_arrow_body()
    {
        // Under Flow `T => U` is a function type, but not as an arrow's own return type: there `=>` starts the body.
        var code = "// @flow\nconst f = (x: number): string => String(x);\nconst g = (x): ?string => x ? connect(x) : null;\n";
        var r = Parser.Parse(code, ParseOptions.ForPath("a.js"));
        Assert.Empty(r.Errors);
        var arrows = AstWalker.Link(r.Program).OfType<FunctionNode>().Where(f => f.Kind == "ArrowFunctionExpression").ToList();
        Assert.Equal(2, arrows.Count);
        Assert.All(arrows, a => Assert.True(a.IsExpressionBody));
        Assert.Equal("String(x)", code[arrows[0].Body!.Start..arrows[0].Body!.End]);
        Assert.Contains(AstWalker.Link(r.Program).OfType<CallExpression>(), c => code[c.Start..c.End] == "connect(x)");
    }

    [Fact]
    public void A_type_cast_keeps_its_expression_in_the_tree()
    {
        var code = "// @flow\nconst addr = (net.connect(80, '10.0.0.1'): any);\n";
        var r = Parser.Parse(code, ParseOptions.ForPath("a.js"));
        Assert.Empty(r.Errors);
        var paren = AstWalker.Link(r.Program).OfType<ParenthesizedExpression>().Single();
        Assert.Equal("net.connect(80, '10.0.0.1')", code[paren.Expression.Start..paren.Expression.End]);
    }

    [Fact]
    public void Flow_syntax_is_not_accepted_in_typescript_files()
    {
        // The Flow forms are only for the reparse of a .js file; a .ts file with `?string` stays an error.
        Assert.NotEmpty(Parser.Parse("function f(x: ?string) {}\n", ParseOptions.ForPath("a.ts")).Errors);
        Assert.NotEmpty(Parser.Parse("const n = (x: any);\n", ParseOptions.ForPath("a.ts")).Errors);
    }
}

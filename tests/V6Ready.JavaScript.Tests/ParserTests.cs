using V6Ready.JavaScript.Syntax;
using static V6Ready.JavaScript.Tests.TestUtil;

namespace V6Ready.JavaScript.Tests;

public class ParserTests
{
    [Fact]
    public void RegexVersusDivision()
    {
        var div = Assert.IsType<BinaryExpression>(Expr("a / b / c"));
        Assert.Equal("/", div.Operator);
        Assert.IsType<BinaryExpression>(div.Left);
        var call = Assert.IsType<CallExpression>(Expr("x.replace(/[/]+/g, '/')"));
        var re = Assert.IsType<Literal>(call.Arguments[0]);
        Assert.Equal(LiteralKind.Regex, re.Kind);
        Assert.Equal("[/]+", re.RegexPattern);
        Assert.Equal("g", re.RegexFlags);
        var p = ParseOk("if (x) /re/.test(y)\nlet z = a\n/2/i");
        Assert.Equal(2, p.Body.Count);
        var decl = Assert.IsType<VariableDeclaration>(p.Body[1]);
        Assert.Equal("BinaryExpression", decl.Declarations[0].Init!.Type);
    }

    [Fact]
    public void NestedTemplateLiteralsWithLocations()
    {
        const string code = "`a${`b${c}d`}e${{x: 1}.x}`";
        var t = Assert.IsType<TemplateLiteral>(Expr(code));
        Assert.Equal(3, t.Quasis.Count);
        Assert.Equal(new[] { "a", "e", "" }, t.Quasis.Select(q => q.Cooked));
        var inner = Assert.IsType<TemplateLiteral>(t.Expressions[0]);
        Assert.Equal("`b${c}d`", code.Substring(inner.Start, inner.Length));
        Assert.Equal(0, t.Start);
        Assert.Equal(code.Length, t.End);
        Assert.IsType<MemberExpression>(t.Expressions[1]);
        Assert.Equal("a", code.Substring(t.Quasis[0].Start, t.Quasis[0].Length));
    }

    [Fact]
    public void ArrowFunctionsAndParenthesizedExpressions()
    {
        var a = Assert.IsType<FunctionNode>(Expr("(a, {b, c: [d] = []}, ...rest) => a + b"));
        Assert.Equal("ArrowFunctionExpression", a.Type);
        Assert.Equal(3, a.Params.Count);
        Assert.IsType<ObjectPattern>(a.Params[1]);
        Assert.IsType<RestElement>(a.Params[2]);
        Assert.True(a.IsExpressionBody);
        var asy = Assert.IsType<FunctionNode>(Expr("async x => await x"));
        Assert.True(asy.Async);
        Assert.IsType<AwaitExpression>(asy.Body);
        Assert.IsType<ParenthesizedExpression>(Expr("(a, b)"));
        var call = Assert.IsType<CallExpression>(Expr("async(a, b)"));
        Assert.Equal(2, call.Arguments.Count);
    }

    [Fact]
    public void DestructuringAssignmentBecomesPattern()
    {
        var e = Assert.IsType<AssignmentExpression>(Assert.IsType<ParenthesizedExpression>(Expr("({a, b: [c]} = obj)")).Expression);
        Assert.IsType<ObjectPattern>(e.Left);
        var f = Assert.IsType<ForInOfStatement>(Assert.Single(ParseOk("for (const [k, v] of Object.entries(o)) {}").Body));
        Assert.Equal("ForOfStatement", f.Type);
    }

    [Fact]
    public void ClassesWithPrivateStaticAccessorsAndBlocks()
    {
        var p = ParseOk("class A extends B { #x = 1; static y; static { init(); } get z() { return this.#x; } set z(v) {} async *gen() {} constructor() { super(); } static #p() { return #x in this; } }");
        var c = Assert.IsType<ClassNode>(Assert.Single(p.Body));
        Assert.Equal("ClassDeclaration", c.Type);
        var kinds = c.Body.Body.Select(m => m is MethodDefinition md ? md.Kind : m.Type).ToList();
        Assert.Equal(new[] { "PropertyDefinition", "PropertyDefinition", "StaticBlock", "get", "set", "method", "constructor", "method" }, kinds);
    }

    [Fact]
    public void ModulesImportsAndExports()
    {
        var p = ParseOk("import x, { a as b, default as d } from 'm';\nimport * as ns from \"n\" with { type: 'json' };\nexport { b as c };\nexport * as all from 'z';\nexport default function () {}\nexport const q = 1;\nconst m = await import('./m.js');\nconsole.log(import.meta.url);");
        var imp = Assert.IsType<ImportDeclaration>(p.Body[0]);
        Assert.Equal(new[] { "ImportDefaultSpecifier", "ImportSpecifier", "ImportSpecifier" }, imp.Specifiers.Select(s => s.Type));
        Assert.Equal("m", imp.Source.StringValue);
        Assert.Equal("a", imp.Specifiers[1].Imported);
        Assert.Equal("b", imp.Specifiers[1].Local.Name);
        Assert.Equal("ExportAllDeclaration", p.Body[3].Type);
        Assert.Equal("ExportDefaultDeclaration", p.Body[4].Type);
        Assert.True(p.IsModule);
    }

    [Fact]
    public void OptionalChainingAndNullish()
    {
        var e = Assert.IsType<BinaryExpression>(Expr("a?.b?.[c]?.(d) ?? e"));
        Assert.Equal("LogicalExpression", e.Type);
        var chain = Assert.IsType<ChainExpression>(e.Left);
        var call = Assert.IsType<CallExpression>(chain.Expression);
        Assert.True(call.Optional);
    }

    [Fact]
    public void AutomaticSemicolonInsertion()
    {
        var p = ParseOk("let a = 1\nlet b = a\n++b\nreturnValue()\nconst f = () => {}\n[1].map(x => x)");
        Assert.Equal(6, p.Body.Count); // `++b` and `[1]` start new statements
        Assert.IsType<UpdateExpression>(((ExpressionStatement)p.Body[2]).Expression);
    }

    [Fact]
    public void ReturnWithLineBreakReturnsNothing()
    {
        var p = ParseOk("function f() { return\n42 }");
        var f = Assert.IsType<FunctionNode>(p.Body[0]);
        var body = Assert.IsType<BlockStatement>(f.Body);
        Assert.Null(Assert.IsType<ArgumentStatement>(body.Body[0]).Argument);
        Assert.Equal(2, body.Body.Count);
    }

    [Fact]
    public void Jsx()
    {
        const string code = "const el = <div className=\"a\" {...props} data-x={1}>\n  text {value} <Foo.Bar a='1' /> <>frag</>\n</div>;";
        var p = ParseOk(code, "c.jsx");
        var decl = Assert.IsType<VariableDeclaration>(Assert.Single(p.Body));
        var el = Assert.IsType<JSXElement>(decl.Declarations[0].Init);
        Assert.Equal(3, el.Attributes.Count);
        Assert.Contains(el.ChildNodes, c => c is JSXElement { Fragment: true });
        Assert.Contains(el.ChildNodes, c => c is JSXExpressionContainer { Expression: Identifier { Name: "value" } });
        Assert.Equal(code.IndexOf("<div", StringComparison.Ordinal), el.Start);
        Assert.Equal(code.LastIndexOf('>') + 1, el.End);
    }

    [Fact]
    public void TypeScriptAnnotationsAreSkippedButValuesKept()
    {
        const string code = @"
interface Opts<T extends object = {}> extends Base<T>, Other { host?: string; [k: string]: unknown; fn(a: number): void }
type U = { a: `x${string}` } | ((x: number) => Promise<Map<string, Array<number>>>) | readonly string[] | keyof T | typeof x[number];
type C<T> = T extends (...args: any[]) => infer R ? R : never;
enum Color { Red = 1, Green = Red << 1 }
declare module 'm' { export function f(): void; }
namespace NS.Inner { export const v = 1; }
abstract class A<T> implements I<T> {
  private readonly x: number = 1;
  protected abstract y?: string;
  declare z: number;
  static override w!: T;
  constructor(private p: string, public q?: number) { super(); }
  m<K extends keyof T>(k: K): T[K] { return this.get<K>(k)!; }
}
function g(this: Window, a?: number, ...rest: string[]): asserts a is number {}
function over(a: string): string;
function over(a: any) { return a; }
let v = <const T,>(x: T) => x as unknown as T satisfies object;
const n = obj!.prop!.deep as Record<string, number>;
const h = new Map<string, Array<number>>();
for (const k of list as string[]) {}
export type { U };
import type { X } from './x';
import fs = require('fs');
export = g;
";
        var p = ParseOk(code, "t.ts");
        Assert.Contains(p.Body, s => s is TSTypeDeclaration { Kind: "TSInterfaceDeclaration" });
        Assert.Contains(p.Body, s => s is TSEnumDeclaration { Members.Count: 2 });
        Assert.Contains(p.Body, s => s is TSModuleDeclaration { Id: Identifier { Name: "NS.Inner" } });
        Assert.Contains(p.Body, s => s is TSImportEqualsDeclaration);
        Assert.Contains(p.Body, s => s is FunctionNode { Kind: "TSDeclareFunction" });
        var h = p.Body.OfType<VariableDeclaration>().Single(d => d.Declarations[0].Id is Identifier { Name: "h" });
        Assert.Equal("NewExpression", h.Declarations[0].Init!.Type);
        var n = p.Body.OfType<VariableDeclaration>().Single(d => d.Declarations[0].Id is Identifier { Name: "n" });
        var asExpr = Assert.IsType<TSWrapper>(n.Declarations[0].Init);
        Assert.Equal("TSAsExpression", asExpr.Type);
        var cls = p.Body.OfType<ClassNode>().Single();
        Assert.Equal(5, cls.Body.Body.Count(m => m is PropertyDefinition or MethodDefinition) - 1);
    }

    [Fact]
    public void GenericCallVersusComparison()
    {
        var call = Assert.IsType<CallExpression>(Expr("f<string, number>(x)", "a.ts"));
        Assert.Single(call.Arguments);
        var cmp = Assert.IsType<BinaryExpression>(Expr("a < b && c > d", "a.ts"));
        Assert.Equal("&&", cmp.Operator);
        var shift = Assert.IsType<BinaryExpression>(Expr("a >> 2 >>> 1", "a.ts"));
        Assert.Equal(">>>", shift.Operator);
        var ge = Assert.IsType<BinaryExpression>(Expr("a >= b", "a.ts"));
        Assert.Equal(">=", ge.Operator);
    }

    [Fact]
    public void TypeAssertionInTsAndJsxInTsx()
    {
        Assert.Equal("TSTypeAssertion", Expr("<any>x", "a.ts").Type);
        Assert.Equal("JSXElement", Expr("<div>{x as any}</div>", "a.tsx").Type);
        Assert.Equal("ArrowFunctionExpression", Expr("<T,>(x: T) => x", "a.tsx").Type);
    }

    [Fact]
    public void Decorators()
    {
        var p = ParseOk("@Component({ selector: 'x' })\nexport class C { @Input() name: string; constructor(@Inject(T) private t: T) {} @HostListener('click', ['$event']) onClick(e) {} }", "c.ts");
        var exp = Assert.IsType<ExportDeclaration>(Assert.Single(p.Body));
        var c = Assert.IsType<ClassNode>(exp.Declaration);
        Assert.Single(c.Decorators);
        var ctor = c.Body.Body.OfType<MethodDefinition>().Single(m => m.Kind == "constructor");
        var d = Assert.IsType<Decorator>(Assert.Single(ctor.Value.ParamDecorators));
        Assert.Equal("CallExpression", d.Expression.Type);
    }

    [Fact]
    public void DeclarationFilesParse()
    {
        ParseOk("declare const x: number;\ndeclare function f<T>(a: T): T;\nexport declare class K { private constructor(); static of(): K; }\ndeclare global { interface Window { v: string } }\nexport as namespace Lib;\n", "types.d.ts");
    }

    [Fact]
    public void LocationsAreExact()
    {
        const string code = "const server = app.listen(PORT, '0.0.0.0');";
        var p = ParseOk(code);
        var decl = (VariableDeclaration)p.Body[0];
        var call = Assert.IsType<CallExpression>(decl.Declarations[0].Init);
        Assert.Equal("app.listen(PORT, '0.0.0.0')", code.Substring(call.Start, call.Length));
        Assert.Equal("'0.0.0.0'", code.Substring(call.Arguments[1].Start, call.Arguments[1].Length));
        Assert.Equal(0, decl.Start);
        Assert.Equal(code.Length, decl.End);
    }

    [Fact]
    public void RecoversAtStatementLevel()
    {
        var r = Parse("const a = 1;\nconst b = ;\nfunction f() { let = = 2; return 3; }\napp.listen(8080, '0.0.0.0');\n");
        Assert.NotEmpty(r.Errors);
        Assert.Contains(r.Program.Body, s => s is ExpressionStatement { Expression: CallExpression });
        Assert.Contains(r.Program.Body, s => s is VariableDeclaration d && d.Declarations[0].Id is Identifier { Name: "a" });
    }

    [Fact]
    public void DeepNestingIsAnErrorNotACrash()
    {
        var deep = new string('(', 5000) + "1" + new string(')', 5000);
        var r = Parse(deep);
        Assert.Contains(r.Errors, e => e.Message.Contains("Nesting", StringComparison.Ordinal));
        var arrays = "x = " + new string('[', 3000) + new string(']', 3000);
        Assert.NotEmpty(Parse(arrays).Errors);
        var blocks = new string('{', 3000) + new string('}', 3000);
        Assert.NotEmpty(Parse(blocks).Errors);
        // Long flat chains are not nesting.
        var chain = "x = " + string.Join(" + ", Enumerable.Range(0, 5000).Select(i => "a" + i)) + ";";
        Assert.Empty(Parse(chain).Errors);
    }

    [Fact]
    public void JsxTextWithQuotesAndCommentLikeText()
    {
        var p = ParseOk("const A = (props) => <p title='x'>Don't // stop {props.a} /* here */</p>;\nconst B = f(<a href=\"//cdn\">it's</a>, 1);", "a.jsx");
        Assert.Equal(2, p.Body.Count);
        var r = Parse("const A = (props) => <p>Don't</p>;", "a.jsx");
        Assert.Empty(r.Comments);
    }

    [Fact]
    public void RegexEdgeCases()
    {
        var call = Assert.IsType<CallExpression>(Expr("s.split(/[/\\]]+/v)"));
        var re = Assert.IsType<Literal>(call.Arguments[0]);
        Assert.Equal("v", re.RegexFlags);
        var p = ParseOk("x = a++ / 2 / b;\ny = (1) / 2;\nz = [] / 1;\nw = {} / 1;\nif (/=/.test(q)) {}");
        Assert.Equal(5, p.Body.Count);
        Assert.Equal("BinaryExpression", ((AssignmentExpression)((ExpressionStatement)p.Body[3]).Expression).Right.Type);
    }

    [Fact]
    public void MiscConstructs()
    {
        ParseOk("label: for (;;) { break label; }\nswitch (x) { case 1: default: y(); }\ntry { a() } catch { } finally { }\ndo x++; while (x < 5)\nwith (o) {}\nvar { a = 1, ...r } = o;\nlet [, , z = 3] = arr;\nnew.target;\nfunction* g() { yield* other(); const v = yield; }\nx ||= 1; y &&= 2; z ??= 3; w **= 2;\nconst big = 10n ** 2n;\nclass Q { static async *[Symbol.iterator]() {} }\n0, async function () { for await (const x of y) {} };\nvar let_ = typeof void delete a.b;\n");
    }

    [Fact]
    public void AllSampleFilesParse()
    {
        var root = Path.Combine(RepoRoot(), "samples");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => new JavaScriptFrontEnd().Detect(f, null) != null && !f.Contains("node_modules")).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var r = Parse(File.ReadAllText(f), f);
            Assert.True(r.Errors.Count == 0, f + ": " + string.Join("; ", r.Errors.Select(e => e.Message)));
        }
    }
}

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
}

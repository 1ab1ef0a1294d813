using V6Ready.Python.Syntax;
using static V6Ready.Python.Tests.TestUtil;

namespace V6Ready.Python.Tests;

/// <summary>The tokenizer and parser on hand-written snippets of every construct.</summary>
public class ParserTests
{
    [Theory]
    [InlineData("x = 1\n")]
    [InlineData("a, *b = c\n")]
    [InlineData("x: int = 5\ny: list[int]\n")]
    [InlineData("x += 1; y -= 2; z **= 3; w //= 4; v @= m\n")]
    [InlineData("if (n := len(a)) > 10:\n    print(n)\n")]
    [InlineData("[y for x in data if (y := f(x))]\n")]
    [InlineData("async def f():\n    async with a as b, c:\n        async for x in y:\n            await z\n    return [i async for i in g()]\n")]
    [InlineData("@decorator\n@other.attr(arg=1)\n@(lambda f: f)\ndef f(a, b=2, /, c=3, *args, d, e=5, **kw) -> int:\n    pass\n")]
    [InlineData("class C[T: int, *Ts, **P](Base, metaclass=M):\n    def m[U = str](self) -> U: ...\n")]
    [InlineData("type Alias[T = int] = list[T]\ntype X = int\n")]
    [InlineData("def f(*args: *Ts): pass\n")]
    [InlineData("print(*a, *b, **c, **d)\nx = [*a, *b]\ny = {**a, 'k': 1}\nz = *a, *b\n")]
    [InlineData("a[1:2, ::3, *idx]\nb[...]\nc[:]\n")]
    [InlineData("lambda: 0\nlambda x, *y, z=1, **k: x\n")]
    [InlineData("x = yield\ny = yield from g()\nz = (yield 1)\n")]
    [InlineData("try:\n    pass\nexcept* ValueError as eg:\n    pass\nexcept* (TypeError, KeyError):\n    pass\n")]
    [InlineData("try:\n    pass\nexcept (A, B) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n")]
    [InlineData("with (open(a) as f, open(b) as g,):\n    pass\nwith (a, b):\n    pass\nwith (yield):\n    pass\n")]
    [InlineData("global a, b\nnonlocal_x = 1\ndel a[0], b.c\nassert x, 'msg'\nraise E from e\nraise\n")]
    [InlineData("from . import x\nfrom ..pkg.mod import (a as b, c,)\nfrom __future__ import annotations\nimport os.path as p, sys\n")]
    [InlineData("x = 1 if a else 2 if b else 3\ny = not a and b or c\nz = a < b <= c != d is not e not in f in g is h\n")]
    [InlineData("x = -a ** -b\ny = ~a << 2 | b & c ^ d >> 1\nz = a @ b % c // d\n")]
    [InlineData("while x:\n    break\nelse:\n    continue\nfor i, (a, b) in enumerate(z):\n    pass\nelse:\n    pass\n")]
    [InlineData("if a:\n    pass\nelif b:\n    pass\nelif c: pass\nelse: pass\n")]
    [InlineData("x = 0x_FF + 0o17 + 0b1010 + 1_000 + 1.5e-3 + 3j + .5 + 1.\n")]
    [InlineData("s = 'a' \"b\" '''c''' \"\"\"d\"\"\" r'\\d' b'x' rb'y' Br'z' u'w' R'v'\n")]
    [InlineData("x = (1,\n     2,\n     3)\ny = [\n  1,\n]\nz = 1 + \\\n    2\n")]
    [InlineData("match = re.match(p, s)\nmatch.group(1)\ntype = 3\ncase = 1\n_ = 2\nprint(match, type, case)\n")]
    [InlineData("x = {a: b for a, b in c}\ny = {a for a in b}\nz = (a for a in b)\nf(a for a in b)\n")]
    [InlineData("class A: pass\nclass B(): x = 1\n")]
    [InlineData("if True:\n\tx = 1\n\tif y:\n\t\tz = 2\n")]
    [InlineData("def f():\n    return\n\n\n    # comment at odd indent\n\ndef g(): return 1\n")]
    [InlineData("x = [1, 2,\n# comment inside brackets\n     3]\n")]
    [InlineData("\uFEFFx = 1\n")]
    [InlineData("x = 1")]
    [InlineData("")]
    [InlineData("# only a comment")]
    [InlineData("x = 1\r\nif x:\r\n    y = 2\r\n")]
    [InlineData("print(f(**{'a': 1}), *[2])\nf(x=1, *a, y=2, **k)\n")]
    [InlineData("a = b = c = 1\n(a) = 1\n[a, b] = 1, 2\na.b[c] = 1\n")]
    [InlineData("ñame = 'ü'\nπ = 3.14\n")]
    public void Parses_without_errors(string code) => ParseOk(code);

    [Theory]
    [InlineData("match command.split():\n    case [action]:\n        pass\n    case [action, obj]:\n        pass\n    case Point(x=0, y=0):\n        pass\n    case {'x': x, **rest}:\n        pass\n    case [1, 2, *others] if others:\n        pass\n    case 1 | 2 | 3 as n:\n        pass\n    case (a, b) as pair:\n        pass\n    case str() | bytes():\n        pass\n    case -1 | 1.5 | 2+3j | None | True:\n        pass\n    case _:\n        pass\n")]
    [InlineData("match x, y:\n    case a, b:\n        pass\n")]
    [InlineData("match (x):\n    case [a as b, c]:\n        pass\n")]
    [InlineData("def f():\n    match x:\n        case Color.RED:\n            return 1\n    return 2\n")]
    public void Parses_match_statements(string code)
    {
        var m = ParseOk(code);
        Assert.Contains(AstWalker.Descendants(m), n => n is MatchStmt);
    }

    [Fact]
    public void Match_case_patterns_keep_captures_and_guards()
    {
        var m = ParseOk("match p:\n    case [x, y] as pair if x > y:\n        pass\n");
        var ms = Assert.IsType<MatchStmt>(m.Body[0]);
        var c = Assert.Single(ms.Cases);
        Assert.IsType<PatternAsExpr>(c.Pattern);
        Assert.IsType<CompareExpr>(c.Guard);
    }

    [Theory]
    [InlineData("f'{x}'")]
    [InlineData("f'{x!r:>{width}}'")]
    [InlineData("f'{x=}'")]
    [InlineData("f'{x = !r}'")]
    [InlineData("f'{a[\"k\"]}'")]
    [InlineData("f'{'nested'}'")]
    [InlineData("f'{f'{f'{x}'}'}'")]
    [InlineData("f'{{literal}} {x}'")]
    [InlineData("f'''{\n    x  # comment\n}'''")]
    [InlineData("f'{x:{\"<\"}{10}}'")]
    [InlineData("rf'\\d{x}'")]
    [InlineData("F'{a!s}' fr'{b}' Rf'{c}'")]
    [InlineData("f'{lambda_ if x else y}'")]
    [InlineData("f'{(lambda: 1)()}'")]
    [InlineData("f'{x:%Y-%m-%d}'")]
    [InlineData("f'{a == b}' f'{a != b}' f'{a <= b}'")]
    [InlineData("f'{d[\"a\"]:{w}.{p}f}'")]
    [InlineData("t'{x}'")]
    public void Parses_f_strings(string code) => ParseOk("v = " + code + "\n");

    [Fact]
    public void F_string_fields_are_expressions_with_exact_positions()
    {
        const string code = "s = f'{host}:{port!r:>5}'\n";
        var m = ParseOk(code);
        var str = Assert.IsType<StrExpr>(((AssignStmt)m.Body[0]).Value);
        var part = Assert.Single(str.Parts);
        Assert.True(part.IsFormatted);
        var fields = part.Pieces.OfType<FField>().ToList();
        Assert.Equal(2, fields.Count);
        var host = Assert.IsType<NameExpr>(fields[0].Value);
        Assert.Equal("host", code.Substring(host.Pos, host.Length));
        Assert.Equal('r', fields[1].Conversion);
        Assert.NotNull(fields[1].Spec);
        var lit = Assert.Single(part.Pieces.OfType<FLiteral>());
        Assert.Equal(":", code.Substring(lit.Pos, lit.Length));
    }

    [Fact]
    public void Debug_field_keeps_the_expression_without_the_equals_sign()
    {
        var m = ParseOk("s = f'{x+1=}'\n");
        var f = ((StrExpr)((AssignStmt)m.Body[0]).Value).Parts[0].Pieces.OfType<FField>().Single();
        Assert.True(f.Debug);
        Assert.IsType<BinOpExpr>(f.Value);
    }

    [Fact]
    public void String_values_decode_escapes_and_concatenate()
    {
        var m = ParseOk("s = 'a\\tb' \"\\x41\\u00e9\" r'\\n' '\\101'\n");
        Assert.Equal("a\tbAé\\nA", StrValue.Of((StrExpr)((AssignStmt)m.Body[0]).Value));
    }

    [Fact]
    public void Positions_are_exact()
    {
        const string code = "import os\n\ndef main():\n    app.run(host='0.0.0.0', port=80)\n";
        var m = ParseOk(code);
        var call = AstWalker.Descendants(m).OfType<CallExpr>().Single();
        Assert.Equal("app.run(host='0.0.0.0', port=80)", code.Substring(call.Pos, call.Length));
        var host = call.Keyword("host")!;
        Assert.Equal("'0.0.0.0'", code.Substring(host.Pos, host.Length));
        var def = Assert.IsType<FunctionDefStmt>(m.Body[1]);
        Assert.Equal("main", code.Substring(def.NamePos, 4));
    }

    [Fact]
    public void Pep263_encoding_line_is_read()
    {
        Assert.Equal("latin-1", ParseOk("#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nx = 1\n").DeclaredEncoding);
        Assert.Equal("utf-8", ParseOk("# vim: set fileencoding=utf-8 :\n").DeclaredEncoding);
        Assert.Null(ParseOk("x = 1\n# coding: latin-1\n").DeclaredEncoding);
    }

    [Fact]
    public void Comments_are_collected()
    {
        var m = ParseOk("x = 1  # trailing\n# alone\ny = [1,  # in brackets\n 2]\n");
        Assert.Equal(3, m.Comments.Count);
    }

    [Theory]
    [InlineData("x = (1, 2\ny = 3\n")]
    [InlineData("def f(:\n    pass\n")]
    [InlineData("x = 'unterminated\n")]
    [InlineData("print 'hello'\n")]
    [InlineData("if x\n    pass\n")]
    [InlineData("x = 1 +\n")]
    [InlineData("  x = 1\n")]
    [InlineData("def f():\nreturn 1\n")]
    [InlineData("x = $\n")]
    [InlineData("f'{'\n")]
    [InlineData("f'{}'\n")]
    [InlineData("class\n")]
    [InlineData("x = )\n")]
    [InlineData("for x in :\n    pass\n")]
    [InlineData("try:\n    pass\n")]
    [InlineData("lambda x: yield\n")]
    [InlineData("import\n")]
    public void Reports_errors_for_invalid_code(string code) => Assert.NotEmpty(Parse(code).Errors);

    [Fact]
    public void Recovers_per_statement()
    {
        var m = Parse("x = )\ny = 2\ndef f(x y):\n    z = 1\nw = 3\nv = (1,\ndef g():\n    pass\n");
        Assert.NotEmpty(m.Errors);
        var names = m.Body.OfType<AssignStmt>().Select(a => ((NameExpr)a.Targets[0]).Id).ToList();
        Assert.Contains("y", names);
        Assert.Contains("w", names);
        Assert.Contains(m.Body, s => s is FunctionDefStmt { Name: "g" });
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var deep = new string('(', 5000) + "1" + new string(')', 5000) + "\nx = 1\n";
        var m = Parse(deep);
        Assert.Contains(m.Errors, e => e.Message.Contains("nesting too deep"));
        Assert.Contains(m.Body, s => s is AssignStmt);
        var unary = "x = " + string.Concat(Enumerable.Repeat("-", 20000)) + "1\n";
        Assert.NotEmpty(Parse(unary).Errors);
        var blocks = string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 2000) + "pass\n";
        Assert.NotEmpty(Parse(blocks).Errors);
        var fs = "x = " + string.Concat(Enumerable.Repeat("f'{", 300)) + "1" + string.Concat(Enumerable.Repeat("}'", 300)) + "\n";
        Parse(fs);
    }

    [Fact]
    public async Task Deep_nesting_on_a_thread_pool_thread_does_not_overflow()
    {
        var deep = "x = " + string.Concat(Enumerable.Repeat("[", 190)) + string.Concat(Enumerable.Repeat("]", 190)) + "\n";
        var errors = await Task.Run(() => Parse(deep).Errors.Count);
        Assert.Equal(0, errors);
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var rnd = new Random(42);
        const string alphabet = "abc def:()[]{}'\"\\\n\t #=+-*/,.@fr0123456789ifelsematchcase";
        for (var i = 0; i < 500; i++)
        {
            var chars = new char[rnd.Next(1, 200)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[rnd.Next(alphabet.Length)];
            var text = new string(chars);
            var r = Scan(text);
            Assert.DoesNotContain(r.ParseErrors, p => p.Message.StartsWith("internal error", StringComparison.Ordinal));
        }
    }
}

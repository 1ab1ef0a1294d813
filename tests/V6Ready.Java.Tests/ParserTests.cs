using V6Ready.Java.Syntax;
using static V6Ready.Java.Tests.TestUtil;

namespace V6Ready.Java.Tests;

public class LexerTests
{
    private static List<Token> Lex(string s) => Lexer.Tokenize(s).Tokens.Where(t => t.Kind != TokenKind.EOF).ToList();

    [Theory]
    [InlineData("0x1F_FFL", TokenKind.Int)]
    [InlineData("0b1010_1010", TokenKind.Int)]
    [InlineData("017", TokenKind.Int)]
    [InlineData("1_000_000", TokenKind.Int)]
    [InlineData("1e-3f", TokenKind.Float)]
    [InlineData(".5", TokenKind.Float)]
    [InlineData("1.", TokenKind.Float)]
    [InlineData("0x1.8p3", TokenKind.Float)]
    [InlineData("3D", TokenKind.Float)]
    [InlineData("'\\n'", TokenKind.Char)]
    [InlineData("'\\u0041'", TokenKind.Char)]
    public void Literals(string text, TokenKind kind)
    {
        var toks = Lex(text);
        Assert.Single(toks);
        Assert.Equal(kind, toks[0].Kind);
        Assert.Equal(0, toks[0].Start);
        Assert.Equal(text.Length, toks[0].End);
        Assert.Empty(Lexer.Tokenize(text).Errors);
    }

    [Fact]
    public void StringEscapesAreDecoded()
    {
        var t = Lex("\"a\\tb\\\"c\\101\\s\"")[0];
        Assert.Equal("a\tb\"cA ", t.Value);
    }

    [Fact]
    public void UnicodeEscapesAreTranslatedAndOffsetsPointIntoTheOriginal()
    {
        // \u0022 is a double quote: the string literal starts with an escape
        var src = "x = \\u0022127.0.0.1\\u0022;";
        var toks = Lex(src);
        var str = toks.Single(t => t.Kind == TokenKind.String);
        Assert.Equal("127.0.0.1", str.Value);
        Assert.Equal(4, str.Start);
        Assert.Equal(src.Length - 1, str.End);
        // an escaped backslash is not a unicode escape
        Assert.Equal("\\\\u0041", Lex("\"\\\\u0041\"")[0].Text[1..^1]);
    }

    [Fact]
    public void TextBlocksStripIncidentalIndentation()
    {
        var src = "String s = \"\"\"\n    host: 10.0.0.1\n      port: 80 \\\n    x\n    \"\"\";";
        var t = Lex(src).Single(x => x.Kind == TokenKind.TextBlock);
        Assert.Equal("host: 10.0.0.1\n  port: 80 x\n", t.Value);
    }

    [Fact]
    public void GreaterThanIsAlwaysOneTokenSoGenericsClose()
    {
        var toks = Lex("a >>>= b >> c");
        Assert.Equal(new[] { "a", ">", ">", ">", "=", "b", ">", ">", "c" }, toks.Select(t => t.Text));
        Assert.False(toks[2].SpaceBefore);
    }

    [Fact]
    public void CommentsAreCollectedAndUnterminatedOnesAreErrors()
    {
        var (_, comments, errors) = Lexer.Tokenize("// a\n/* b */ x /* c");
        Assert.Equal(3, comments.Count);
        Assert.Single(errors);
        Assert.Contains("not terminated", errors[0].Message);
    }

    [Theory]
    [InlineData("\"abc")]
    [InlineData("'a")]
    [InlineData("\"\"\"abc\"\"\"")]
    [InlineData("1e")]
    [InlineData("#")]
    public void MalformedLiteralsAreErrorsNotCrashes(string src)
    {
        Assert.NotEmpty(Lexer.Tokenize(src).Errors);
    }
}

public class ParserTests
{
    private static Expr Expr(string e) => ((ExprStmt)((MethodDecl)ParseOk("class A { void f() { " + e + "; } }").Types[0].Members[0]).Body!.Stmts[0]).Expr;

    [Fact]
    public void PackageImportsAndKinds()
    {
        var cu = ParseOk("package a.b;\nimport java.net.InetAddress;\nimport static java.util.Map.entry;\nimport java.util.*;\nimport static org.x.Y.*;\npublic class A {}\ninterface I {}\nenum E { X, Y; }\nrecord R(int a, String b) {}\n@interface Ann {}\n");
        Assert.Equal("a.b", cu.Package);
        Assert.Equal(new[] { "java.net.InetAddress", "java.util.Map.entry", "java.util", "org.x.Y" }, cu.Imports.Select(i => i.Name));
        Assert.Equal(new[] { false, true, false, true }, cu.Imports.Select(i => i.IsStatic));
        Assert.Equal(new[] { false, false, true, true }, cu.Imports.Select(i => i.OnDemand));
        Assert.Equal(new[] { TypeKind.Class, TypeKind.Interface, TypeKind.Enum, TypeKind.Record, TypeKind.Annotation }, cu.Types.Select(t => t.Kind));
        Assert.Equal(2, cu.Types[3].RecordComponents.Count);
    }

    [Fact]
    public void Modules()
    {
        var cu = ParseOk("import a.B;\n@Deprecated open module com.example.app { requires transitive java.sql; exports a.b to c.d; provides x.Y with x.Z; }");
        Assert.Equal("com.example.app", cu.Module);
    }

    [Fact]
    public void SealedAndNonSealed()
    {
        var cu = ParseOk("sealed interface S permits A, B {} final class A implements S {} non-sealed class B implements S {}");
        Assert.Contains("sealed", cu.Types[0].Modifiers.Words);
        Assert.Contains("non-sealed", cu.Types[2].Modifiers.Words);
        Assert.Equal(new[] { "A", "B" }, cu.Types[0].Supertypes.Select(t => t.Name));
    }

    [Fact]
    public void EnumsWithBodiesAndConstructors()
    {
        var cu = ParseOk("enum Op { PLUS(\"+\") { int apply(int a) { return a; } }, MINUS(\"-\"); final String s; Op(String s) { this.s = s; } }");
        var e = cu.Types[0];
        Assert.Equal(new[] { "PLUS", "MINUS" }, e.EnumConstants.Select(c => c.Name));
        Assert.NotNull(e.EnumConstants[0].Body);
        Assert.Contains(e.Members, m => m is MethodDecl { ReturnType: null, Name: "Op" });
    }

    [Fact]
    public void RecordsWithCompactConstructors()
    {
        var cu = ParseOk("record Point(int x, int y) implements Comparable<Point> { Point { if (x < 0) throw new IllegalArgumentException(); } static Point origin() { return new Point(0, 0); } public int compareTo(Point o) { return 0; } }");
        Assert.Equal(3, cu.Types[0].Members.Count);
    }

    [Fact]
    public void GenericsNestedAndBounded()
    {
        var cu = ParseOk("class A<T extends Comparable<? super T>> { Map<String, List<Map<Integer, int[]>>> m; <R> R g(Function<? super T, ? extends R> f) { return null; } }");
        var f = (FieldDecl)cu.Types[0].Members[0];
        Assert.Equal("Map<String,List<Map<Integer,int[]>>>", f.Type.ToString());
    }

    [Fact]
    public void SwitchExpressionsPatternsAndGuards()
    {
        var cu = ParseOk("class A { double f(Object s) { return switch (s) { case Circle c when c.r() > 10 -> 1; case Circle(double r) -> r; case Square sq -> { yield sq.s(); } case null, default -> 0; }; } }");
        var sw = cu.DescendantsAndSelf().OfType<SwitchExpr>().Single();
        Assert.Equal(4, sw.Cases.Count);
        Assert.NotNull(sw.Cases[0].Guard);
        Assert.IsType<PatternExpr>(sw.Cases[1].Labels[0]);
        Assert.True(sw.Cases[3].IsDefault);
    }

    [Fact]
    public void OldStyleSwitchWithFallThrough()
    {
        var cu = ParseOk("class A { void f(int x) { switch (x) { case 1: case 2: g(); break; case A.B: { } default: h(); } } }");
        Assert.Equal(4, cu.DescendantsAndSelf().OfType<SwitchStmt>().Single().Cases.Count);
    }

    [Fact]
    public void LambdasAndMethodReferences()
    {
        var cu = ParseOk("class A { void f() { Runnable r = () -> {}; Function<String,Integer> a = String::length; BiFunction<Integer,Integer,Integer> b = (x, y) -> x + y; Supplier<List<String>> s = ArrayList<String>::new; IntFunction<int[]> m = int[]::new; Function<Integer,Integer> t = (final Integer z) -> z; } }");
        Assert.Equal(3, cu.DescendantsAndSelf().OfType<LambdaExpr>().Count());
        Assert.Equal(3, cu.DescendantsAndSelf().OfType<MethodRef>().Count());
        Assert.Equal(new[] { "x", "y" }, cu.DescendantsAndSelf().OfType<LambdaExpr>().ElementAt(1).Params);
    }

    [Fact]
    public void CastsVersusParentheses()
    {
        Assert.IsType<CastExpr>(((AssignExpr)Expr("x = (String) o")).Value);
        Assert.IsType<BinaryExpr>(((AssignExpr)Expr("x = (a) + b")).Value);
        Assert.IsType<CastExpr>(((AssignExpr)Expr("x = (int) -1")).Value);
        Assert.IsType<CastExpr>(((AssignExpr)Expr("x = (Function<Integer,Integer> & java.io.Serializable) z -> z")).Value);
        Assert.IsType<InstanceOfExpr>(((AssignExpr)Expr("x = (a) instanceof B")).Value);
    }

    [Fact]
    public void ShiftsAndComparisonsFromSplitGreaterThan()
    {
        var b = (BinaryExpr)((AssignExpr)Expr("x = a >> 2 >>> 1")).Value;
        Assert.Equal(">>>", b.Op);
        Assert.Equal(">>", ((BinaryExpr)b.Left).Op);
        Assert.Equal(">>=", ((AssignExpr)Expr("x >>= 1")).Op);
        Assert.Equal(">=", ((BinaryExpr)((AssignExpr)Expr("q = x >= y")).Value).Op);
    }

    [Fact]
    public void InstanceofPatterns()
    {
        var io = (InstanceOfExpr)((BinaryExpr)((AssignExpr)Expr("ok = o instanceof Inet6Address v6 && v6.isLinkLocalAddress()")).Value).Left;
        Assert.Equal("Inet6Address", io.Type.Name);
        Assert.Equal("v6", io.Binding);
    }

    [Fact]
    public void StatementsOfEveryKind()
    {
        var cu = ParseOk(@"class A { void f() throws Exception {
            label: for (int i = 0, j = 0; i < 10; i++, j++) { continue label; }
            for (var e : list) {} for (;;) { break; }
            while (a) {} do { } while (b);
            try (var in = open(); Foo f = g()) {} catch (IOException | RuntimeException e) {} finally {}
            synchronized (this) {} assert x > 0 : ""msg""; throw new E();
            int yield = 5; yield = 6; var v = new int[][] {{1}, {2, 3}};
            class Local {} record LR(int a) {} enum LE { A }
            new Outer().new Inner(); Class<?> c = String[].class; Object o = int.class;
            List<String> ls = Collections.<String>emptyList(); this.<T>g();
        } }");
        Assert.Equal(3, cu.DescendantsAndSelf().OfType<LocalType>().Count());
    }

    [Fact]
    public void AnnotationsEverywhere()
    {
        var cu = ParseOk("@SpringBootApplication(scanBasePackages = {\"a\", \"b\"}) class A { @Value(\"${server.host:0.0.0.0}\") String host; @Nullable @Override public @NonNull String f(@RequestParam(value = \"x\", required = false) final String x) { return x; } @interface Q { int[] v() default {1, 2}; Class<?> c() default Void.class; } }");
        var fd = (FieldDecl)cu.Types[0].Members[0];
        Assert.Equal("Value", fd.Modifiers.Annotations[0].Type.Name);
        Assert.Equal("${server.host:0.0.0.0}", ((Literal)fd.Modifiers.Annotations[0].Value("value")!).Value);
    }

    [Fact]
    public void AnonymousClassesAndInitializers()
    {
        var cu = ParseOk("class A { static { x(); } { y(); } Object o = new Object() { public String toString() { return \"x\"; } }; }");
        Assert.Equal(3, cu.Types[0].Members.Count);
        Assert.NotNull(cu.DescendantsAndSelf().OfType<NewObject>().Single().Body);
    }

    [Fact]
    public void PositionsAreExact()
    {
        var src = "class A {\n  String u = \"http://\" + host + \":\" + port;\n}";
        var cu = ParseOk(src);
        var b = cu.DescendantsAndSelf().OfType<BinaryExpr>().First();
        Assert.Equal("\"http://\" + host + \":\" + port", src[b.Start..b.End]);
        var host = cu.DescendantsAndSelf().OfType<NameExpr>().First(n => n.Name == "host");
        Assert.Equal("host", src[host.Start..host.End]);
    }

    [Fact]
    public void RecoversPerMemberAndPerStatement()
    {
        var cu = Parser.ParseFile("class A { int x = ; void f() { int y = 1; g(; h(); } void k() {} }");
        Assert.Equal(2, cu.Errors.Count);
        var members = cu.Types[0].Members;
        Assert.Contains(members, m => m is MethodDecl { Name: "k" });
        var f = members.OfType<MethodDecl>().Single(m => m.Name == "f");
        Assert.Contains(f.Body!.Stmts, s => s is ExprStmt { Expr: CallExpr { Name: "h" } });
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var deep = "class A { int x = " + new string('(', 100_000) + "1" + new string(')', 100_000) + "; }";
        var cu = Parser.ParseFile(deep);
        Assert.Contains(cu.Errors, e => e.Message.Contains("nesting"));
        var blocks = "class A { void f() { " + string.Concat(Enumerable.Repeat("{", 50_000)) + " }";
        Assert.NotEmpty(Parser.ParseFile(blocks).Errors);
    }

    [Fact]
    public void LongConcatenationsAndCallChainsAreNotNesting()
    {
        var concat = "class A { String s = \"a\"" + string.Concat(Enumerable.Repeat(" + \"b\"", 5000)) + "; }";
        ParseOk(concat);
        var chain = "class A { Object o = b" + string.Concat(Enumerable.Repeat(".append(x)", 5000)) + "; }";
        ParseOk(chain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("}}}}")]
    [InlineData("class")]
    [InlineData("class A { void f() { switch (x) { case -> } } }")]
    [InlineData("class A<")]
    [InlineData("@")]
    [InlineData("class A { int[] a = {1, 2,, }; }")]
    public void GarbageDoesNotCrash(string src)
    {
        var cu = Parser.ParseFile(src);
        Assert.NotNull(cu);
    }

    [Fact]
    public void AgreesWithJavacOnSamples()
    {
        // the sample service's sources parse without errors, as javac parses them
        var dir = Path.Combine(RepoRoot(), "samples");
        foreach (var f in Directory.EnumerateFiles(dir, "*.java", SearchOption.AllDirectories))
        {
            var cu = Parser.ParseFile(File.ReadAllText(f));
            Assert.True(cu.Errors.Count == 0, f + ": " + string.Join("; ", cu.Errors.Select(e => e.Message)));
        }
    }
}

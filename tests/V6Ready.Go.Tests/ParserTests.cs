using V6Ready.Core;
using V6Ready.Go.Syntax;
using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

public class ParserTests
{
    private static Expr ParseExpr(string expr)
    {
        var f = ParseOk("package p\nvar _ = " + expr + "\n");
        return ((ValueSpec)((GenDecl)f.Decls[0]).Specs[0]).Values[0];
    }

    private static List<Stmt> ParseBody(string body)
    {
        var f = ParseOk("package p\nfunc f() {\n" + body + "\n}\n");
        return ((FuncDecl)f.Decls[0]).Body!.List;
    }

    [Fact]
    public void PackageImportsAndPositions()
    {
        var src = "package main\n\nimport (\n\t\"fmt\"\n\tstdnet \"net\"\n\t. \"strings\"\n\t_ \"embed\"\n)\n\nimport \"os\"\n";
        var f = ParseOk(src);
        Assert.Equal("main", f.PackageName!.Name);
        Assert.Equal(new[] { "fmt", "net", "strings", "embed", "os" }, f.Imports.Select(i => i.Path));
        Assert.Equal(new string?[] { null, "stdnet", ".", "_", null }, f.Imports.Select(i => i.Name?.Name));
        var doc = new SourceDocument("x.go", src);
        var net = f.Imports[1];
        Assert.Equal((5, 2), doc.GetLineColumn(net.Pos));
        Assert.Equal("stdnet \"net\"", f.TextOf(net));
        var grouped = (GenDecl)f.Decls[0];
        Assert.Equal(4, grouped.Specs.Count);
        Assert.Equal("import (", src.Substring(grouped.Pos, 8));
        Assert.Equal(')', src[grouped.RParen]);
    }

    [Fact]
    public void BinaryPrecedenceAndAssociativity()
    {
        var e = (BinaryExpr)ParseExpr("a + b*c - d || e && f == g");
        Assert.Equal(TokenKind.LOr, e.Op);
        var left = (BinaryExpr)e.X;
        Assert.Equal(TokenKind.Sub, left.Op);
        var add = (BinaryExpr)left.X;
        Assert.Equal(TokenKind.Add, add.Op);
        Assert.Equal(TokenKind.Mul, ((BinaryExpr)add.Y).Op);
        var and = (BinaryExpr)e.Y;
        Assert.Equal(TokenKind.LAnd, and.Op);
        Assert.Equal(TokenKind.Eql, ((BinaryExpr)and.Y).Op);
    }

    [Fact]
    public void PrimaryExpressions()
    {
        var call = (CallExpr)ParseExpr("pkg.F(x, y...)");
        Assert.True(call.HasEllipsis);
        Assert.Equal("F", ((SelectorExpr)call.Fun).Sel.Name);
        var slice = (SliceExpr)ParseExpr("a[1:2:3]");
        Assert.True(slice.Slice3);
        var slice2 = (SliceExpr)ParseExpr("a[:n]");
        Assert.Null(slice2.Low);
        var ta = (TypeAssertExpr)ParseExpr("x.(*T)");
        Assert.IsType<StarExpr>(ta.Type);
        var conv = (CallExpr)ParseExpr("(*T)(p)");
        Assert.IsType<ParenExpr>(conv.Fun);
        var recv = (UnaryExpr)ParseExpr("<-ch");
        Assert.Equal(TokenKind.Arrow, recv.Op);
        var chconv = (CallExpr)ParseExpr("(<-chan int)(c)");
        Assert.IsType<ChanType>(((ParenExpr)chconv.Fun).X);
        var mk = (CallExpr)ParseExpr("make(map[string][]int, 10)");
        Assert.IsType<MapType>(mk.Args[0]);
        var fl = (CallExpr)ParseExpr("func(a, b int) (int, error) { return a + b, nil }(1, 2)");
        var lit = (FuncLit)fl.Fun;
        Assert.Equal(2, lit.Type.Params.NumFields);
        Assert.Equal(2, lit.Type.Results!.NumFields);
    }

    [Fact]
    public void CompositeLiterals()
    {
        var c = (CompositeLit)ParseExpr("[]Point{{1, 2}, {X: 3}, 4: {}}");
        Assert.IsType<ArrayType>(c.Type);
        Assert.Equal(3, c.Elts.Count);
        Assert.IsType<CompositeLit>(c.Elts[0]);
        Assert.IsType<KeyValueExpr>(c.Elts[2]);
        var m = (CompositeLit)ParseExpr("map[string]int{\"a\": 1,\n}");
        Assert.IsType<MapType>(m.Type);
        var s = (CompositeLit)ParseExpr("struct{ A int }{A: 1}");
        Assert.IsType<StructType>(s.Type);
        var arr = (CompositeLit)ParseExpr("[...]string{\"x\"}");
        Assert.IsType<Ellipsis>(((ArrayType)arr.Type!).Len);
        var addr = (UnaryExpr)ParseExpr("&net.TCPAddr{IP: ip, Port: 80}");
        Assert.IsType<CompositeLit>(addr.X);
    }

    [Fact]
    public void CompositeLiteralVersusBlockInControlClauses()
    {
        var body = ParseBody("if x == y {\n}\nfor _, v := range []int{1, 2} {\n_ = v\n}\nif (T{}) == t {\n}\nswitch s := (S{}); s {\n}\nfor i := range a[1] {\n_ = i\n}");
        Assert.IsType<IfStmt>(body[0]);
        var rs = Assert.IsType<RangeStmt>(body[1]);
        Assert.IsType<CompositeLit>(rs.X);
        Assert.IsType<IfStmt>(body[2]);
        Assert.IsType<SwitchStmt>(body[3]);
        var rs2 = Assert.IsType<RangeStmt>(body[4]);
        Assert.IsType<IndexExpr>(rs2.X);
    }

    [Fact]
    public void Statements()
    {
        var body = ParseBody(@"
x, y := 1, 2
x += y
x++
ch <- x
go f()
defer g()
L:
	for i := 0; i < 10; i++ {
		if i == 3 {
			continue L
		} else if i == 4 {
			break
		} else {
			goto L
		}
	}
for {
	break
}
for range ch {
}
for i := range 10 {
	_ = i
}
switch v := x.(type) {
case int, string:
case nil:
default:
}
switch {
case x > 1:
	fallthrough
default:
}
select {
case v, ok := <-ch:
	_, _ = v, ok
case ch <- 1:
case <-done:
default:
}
var z = 3
const k = """"
type local struct{}
{
}
return");
        Assert.Collection(body,
            s => Assert.Equal(TokenKind.Define, Assert.IsType<AssignStmt>(s).Tok),
            s => Assert.Equal(TokenKind.AddAssign, Assert.IsType<AssignStmt>(s).Tok),
            s => Assert.IsType<IncDecStmt>(s),
            s => Assert.IsType<SendStmt>(s),
            s => Assert.IsType<GoStmt>(s),
            s => Assert.IsType<DeferStmt>(s),
            s =>
            {
                var l = Assert.IsType<LabeledStmt>(s);
                var fs = Assert.IsType<ForStmt>(l.Stmt);
                Assert.NotNull(fs.Init);
                Assert.NotNull(fs.Cond);
                Assert.NotNull(fs.Post);
                var ifs = Assert.IsType<IfStmt>(fs.Body.List[0]);
                var elseIf = Assert.IsType<IfStmt>(ifs.Else);
                Assert.IsType<BlockStmt>(elseIf.Else);
            },
            s => Assert.Null(Assert.IsType<ForStmt>(s).Cond),
            s => Assert.Equal(TokenKind.Illegal, Assert.IsType<RangeStmt>(s).Tok),
            s => Assert.Equal(TokenKind.Define, Assert.IsType<RangeStmt>(s).Tok),
            s => Assert.Equal(3, Assert.IsType<TypeSwitchStmt>(s).Body.List.Count),
            s => Assert.Null(Assert.IsType<SwitchStmt>(s).Tag),
            s => Assert.Equal(4, Assert.IsType<SelectStmt>(s).Body.List.Count),
            s => Assert.IsType<DeclStmt>(s),
            s => Assert.IsType<DeclStmt>(s),
            s => Assert.IsType<DeclStmt>(s),
            s => Assert.IsType<BlockStmt>(s),
            s => Assert.IsType<ReturnStmt>(s));
    }

    [Fact]
    public void GenericsTypeParametersConstraintsAndInstantiation()
    {
        var src = @"package p

type Number interface {
	~int | ~int64 | float64
}

type List[T any] struct {
	items []T
	next  *List[T]
}

type Pair[K comparable, V any] struct{ Key K; Val V }

type Set[T comparable] map[T]struct{}

type Arr [N]int

type Sized [len(Arr{})]int

type Conv [uintptr(8)]byte

func related[Elem any, Slice []Elem | List[Elem]]() Slice { return nil }

type PT[P *C] struct{}

func Map[S ~[]E, E any, R any](s S, f func(E) R) []R {
	out := make([]R, 0, len(s))
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}

func (l *List[T]) Push(v T) { l.items = append(l.items, v) }

func (p Pair[K, V]) String() string { return """" }

var m = Map[[]int, int, string](nil, nil)
var x = List[int]{}
var y = Pair[string, int]{Key: ""a""}
var f = Sum[int]
";
        var f = ParseOk(src);
        var number = (TypeSpec)((GenDecl)f.Decls[0]).Specs[0];
        var elem = ((InterfaceType)number.Type).Methods.List[0].Type;
        var union = Assert.IsType<BinaryExpr>(elem);
        Assert.Equal(TokenKind.Or, union.Op);
        var list = (TypeSpec)((GenDecl)f.Decls[1]).Specs[0];
        Assert.Equal("T", list.TypeParams!.List[0].Names[0].Name);
        var next = ((StructType)list.Type).Fields.List[1];
        Assert.IsType<IndexExpr>(((StarExpr)next.Type!).X);
        var pair = (TypeSpec)((GenDecl)f.Decls[2]).Specs[0];
        Assert.Equal(2, pair.TypeParams!.NumFields);
        var arr = (TypeSpec)((GenDecl)f.Decls[4]).Specs[0];
        Assert.Null(arr.TypeParams);
        Assert.IsType<ArrayType>(arr.Type);
        var pt = (TypeSpec)((GenDecl)f.Decls[8]).Specs[0];
        Assert.NotNull(pt.TypeParams);
        var map = (FuncDecl)f.Decls[9];
        Assert.Equal(3, map.Type.TypeParams!.NumFields);
        Assert.IsType<UnaryExpr>(map.Type.TypeParams.List[0].Type);
        var push = (FuncDecl)f.Decls[10];
        Assert.IsType<IndexExpr>(((StarExpr)push.Recv!.List[0].Type!).X);
        var str = (FuncDecl)f.Decls[11];
        Assert.Equal(2, ((IndexExpr)str.Recv!.List[0].Type!).Indices.Count);
        var mval = ((ValueSpec)((GenDecl)f.Decls[12]).Specs[0]).Values[0];
        var inst = (IndexExpr)((CallExpr)mval).Fun;
        Assert.Equal(3, inst.Indices.Count);
        Assert.IsType<CompositeLit>(((ValueSpec)((GenDecl)f.Decls[13]).Specs[0]).Values[0]);
        Assert.IsType<CompositeLit>(((ValueSpec)((GenDecl)f.Decls[14]).Specs[0]).Values[0]);
        Assert.IsType<IndexExpr>(((ValueSpec)((GenDecl)f.Decls[15]).Specs[0]).Values[0]);
        Assert.IsType<ArrayType>(((TypeSpec)((GenDecl)f.Decls[5]).Specs[0]).Type);
        Assert.IsType<ArrayType>(((TypeSpec)((GenDecl)f.Decls[6]).Specs[0]).Type);
        var related = (FuncDecl)f.Decls[7];
        Assert.Equal(TokenKind.Or, ((BinaryExpr)related.Type.TypeParams!.List[1].Type!).Op);
    }

    [Fact]
    public void DeclarationsStructsInterfacesAndFuncTypes()
    {
        var src = "package p\n\nconst (\n\tA = iota\n\tB\n\tC string = \"c\"\n)\n\nvar a, b int = 1, 2\n\ntype (\n\tAlias = string\n\tS struct {\n\t\tio.Reader\n\t\t*Embedded\n\t\tx, y int `json:\"x\"`\n\t\tbuf [64]byte\n\t\tf func(int) error\n\t\tch <-chan struct{}\n\t}\n\tI interface {\n\t\tM(a int) (string, error)\n\t\tfmt.Stringer\n\t}\n)\n\nfunc external(int) int\n";
        var f = ParseOk(src);
        var consts = (GenDecl)f.Decls[0];
        Assert.Equal(3, consts.Specs.Count);
        Assert.Equal(1, ((ValueSpec)consts.Specs[1]).Iota);
        var types = (GenDecl)f.Decls[2];
        Assert.True(((TypeSpec)types.Specs[0]).IsAlias);
        var s = (StructType)((TypeSpec)types.Specs[1]).Type;
        Assert.Equal(6, s.Fields.List.Count);
        Assert.Empty(s.Fields.List[0].Names);
        Assert.Equal("`json:\"x\"`", s.Fields.List[2].Tag!.Raw);
        Assert.IsType<ArrayType>(s.Fields.List[3].Type);
        Assert.Equal(ChanDir.Recv, ((ChanType)s.Fields.List[5].Type!).Dir);
        var i = (InterfaceType)((TypeSpec)types.Specs[2]).Type;
        Assert.Equal("M", i.Methods.List[0].Names[0].Name);
        Assert.Empty(i.Methods.List[1].Names);
        var ext = (FuncDecl)f.Decls[3];
        Assert.Null(ext.Body);
    }

    [Fact]
    public void NodePositionsAreExact()
    {
        var src = "package p\n\nfunc f() {\n\tconn, err := net.Dial(\"udp\", \"8.8.8.8:80\")\n}\n";
        var f = ParseOk(src);
        var call = AstWalker.Descendants(f).OfType<CallExpr>().Single();
        Assert.Equal("net.Dial(\"udp\", \"8.8.8.8:80\")", f.TextOf(call));
        var doc = new SourceDocument("x.go", src);
        Assert.Equal((4, 15), doc.GetLineColumn(call.Pos));
        Assert.Equal("\"8.8.8.8:80\"", f.TextOf(call.Args[1]));
        var assign = (AssignStmt)call.Parent!;
        Assert.Equal("conn, err := net.Dial(\"udp\", \"8.8.8.8:80\")", f.TextOf(assign));
        Assert.Same(assign, call.Parent);
    }

    [Theory]
    [InlineData("package p\nfunc f() {\n\tx := \n}\n")]
    [InlineData("package p\nfunc f( {\n}\n")]
    [InlineData("package p\nvar x = [}\n")]
    [InlineData("package p\nx := 1\n")]
    [InlineData("package p\nfunc f() {\n\tif {\n\t}\n}\n")]
    [InlineData("package p\ntype T struct {\n")]
    [InlineData("func f() {}\n")]
    [InlineData("package p\nfunc f() { a, b }\n")]
    public void SyntaxErrorsAreReportedNotThrown(string src)
    {
        var f = Parse(src);
        Assert.NotEmpty(f.Errors);
    }

    [Fact]
    public void RecoversAtTheNextDeclaration()
    {
        var src = "package p\n\nfunc broken() {\n\tx := := 1\n}\n\nfunc good() {\n\tnet.Dial(\"tcp4\", addr)\n}\n\nvar after = 1\n";
        var f = Parse(src);
        Assert.Single(f.Errors);
        Assert.Contains(f.Decls, d => d is FuncDecl { Name.Name: "good" });
        Assert.Contains(f.Decls, d => d is GenDecl { Tok: TokenKind.Var });
        Assert.Contains(f.Decls, d => d is BadDecl);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[]int{", "}")]
    [InlineData("func() int { return ", " }()")]
    [InlineData("- ", "")]
    [InlineData("*", "")]
    public void DeepNestingIsAnErrorNotAStackOverflow(string open, string close)
    {
        var depth = 100_000;
        var src = "package p\nvar x = " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "\nvar y = 2\n";
        var f = Parse(src);
        Assert.Contains(f.Errors, e => e.Message.Contains("nesting too deep"));
        Assert.Contains(f.Decls, d => d is GenDecl g && g.Specs[0] is ValueSpec { Names: [{ Name: "y" }] });
    }

    [Fact]
    public void LongElseIfChainsParseWithoutRecursion()
    {
        var src = "package p\n\nimport \"net\"\n\nfunc f(x int) {\n\tif x == 0 {\n\t}" + string.Concat(Enumerable.Range(1, 50_000).Select(i => $" else if x == {i} {{\n\t}}")) + " else {\n\t\tnet.Listen(\"tcp4\", \":1\")\n\t}\n}\n\nfunc g() {}\n";
        var f = ParseOk(src);
        var first = (IfStmt)((FuncDecl)f.Decls[1]).Body!.List[0];
        Assert.Equal(src.IndexOf("\t}\n}\n\nfunc g", StringComparison.Ordinal) + 1, first.End - 1); // the final else block's brace
        Assert.Equal("V6007", Assert.Single(Scan(src).Findings).RuleId);
    }

    [Fact]
    public void ModerateNestingParses()
    {
        var src = "package p\nvar x = " + new string('(', 100) + "1" + new string(')', 100) + "\n";
        ParseOk(src);
    }

    [Fact]
    public void LongConcatenationChainsAreIterative()
    {
        var src = "package p\nvar x = \"a\"" + string.Concat(Enumerable.Repeat(" + \"b\"", 20000)) + "\n";
        var f = ParseOk(src);
        Assert.Empty(Scan(src).ParseErrors);
        Assert.NotNull(f);
    }

    [Fact]
    public void EverySampleGoFileParses()
    {
        var samples = Path.Combine(RepoRoot(), "samples");
        var files = Directory.EnumerateFiles(samples, "*.go", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var f = Parser.ParseFile(File.ReadAllText(file));
            Assert.True(f.Errors.Count == 0, file + ": " + string.Join("; ", f.Errors.Select(e => e.Message)));
        }
    }

    [Fact]
    public void ParsesThisRepositorysGoBenchProgram()
    {
        var file = Path.Combine(RepoRoot(), "bench", "go", "goparse", "main.go");
        ParseOk(File.ReadAllText(file));
    }
}

namespace V6Ready.Go.Syntax;

/// <summary>
/// Recursive-descent parser for Go 1.22 source files (generics included), in the structure of go/parser.
/// Never throws: errors are collected in <see cref="GoFile.Errors"/>; parsing recovers at the next top-level
/// declaration. Nesting deeper than <see cref="MaxDepth"/> is reported as an error instead of recursing.
/// </summary>
public sealed class Parser
{
    public const int MaxDepth = 400;

    private sealed class SyntaxException : Exception
    {
        public SyntaxException(int pos, string message) : base(message) { Pos = pos; }
        public int Pos { get; }
    }

    /// <summary>Placeholder for the range clause of a for statement (never in the final tree).</summary>
    private sealed class RangeClause : Stmt
    {
        public Expr? Key;
        public Expr? Value;
        public TokenKind Tok;
        public Expr X = null!;
    }

    private readonly Token[] _t;
    private readonly string _src;
    private int _p;
    private int _exprLev;
    private int _depth;
    private readonly GoFile _file;

    private readonly int _count;

    private Parser(string src, Token[] tokens, int count, GoFile file)
    {
        _src = src;
        _t = tokens;
        _count = count;
        _file = file;
    }

    /// <summary>Parses a whole file. Lexical and syntax errors are in the result's <see cref="GoFile.Errors"/>.</summary>
    public static GoFile ParseFile(string source, CancellationToken cancellationToken = default) => ParseFile(source, setParents: true, cancellationToken);

    /// <summary>Parses a whole file; without <paramref name="setParents"/> the tree has no parent links (the detectors need them).</summary>
    public static GoFile ParseFile(string source, bool setParents, CancellationToken cancellationToken = default)
    {
        source ??= string.Empty;
        var tokens = Lexer.TokenizePooled(source, out var count, out var comments, out var lexErrors);
        var file = new GoFile { Source = source, Comments = comments, Pos = 0, End = source.Length };
        file.Errors.AddRange(lexErrors);
        try
        {
            var parser = new Parser(source, tokens, count, file);
            parser.ParseFileBody(cancellationToken);
        }
        finally
        {
            // the nodes keep no reference to tokens (identifier names are strings), so the array goes back to the pool
            System.Buffers.ArrayPool<Token>.Shared.Return(tokens);
        }
        file.Errors.Sort((a, b) => a.Pos.CompareTo(b.Pos));
        if (setParents) AstWalker.SetParents(file);
        return file;
    }

    // ---------- token helpers ----------

    private TokenKind Tok => _t[_p].Kind;
    private int Pos => _t[_p].Pos;
    private int PrevEnd => _p > 0 ? _t[_p - 1].End : 0;

    private TokenKind Peek(int n = 1) => _p + n < _count ? _t[_p + n].Kind : TokenKind.EOF;

    private void Next()
    {
        if (_p < _count - 1) _p++;
    }

    private SyntaxException Fail(string message) => new(Pos, message);

    private string Describe()
    {
        var t = _t[_p];
        if (t.Kind == TokenKind.Semicolon && t.Implicit) return t.Pos >= _src.Length ? "EOF" : "newline";
        if (t.Kind == TokenKind.Ident) return "name " + t.Text;
        if (TokenFacts.IsLiteral(t.Kind)) return "literal " + Truncate(_src.Substring(t.Pos, t.End - t.Pos));
        return "'" + TokenFacts.Spelling(t.Kind) + "'";
    }

    private static string Truncate(string s) => s.Length > 20 ? s.Substring(0, 20) + "…" : s;

    private int Expect(TokenKind k)
    {
        var pos = Pos;
        if (Tok != k) throw Fail($"expected '{TokenFacts.Spelling(k)}', found {Describe()}");
        Next();
        return pos;
    }

    private void ExpectSemi()
    {
        if (Tok == TokenKind.RParen || Tok == TokenKind.RBrace) return; // optional before a closing ) or }
        if (Tok == TokenKind.Semicolon) { Next(); return; }
        if (Tok == TokenKind.EOF) return;
        throw Fail($"expected ';' or newline, found {Describe()}");
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw Fail($"nesting too deep (more than {MaxDepth} levels)");
    }

    private void Leave() => _depth--;

    private T Finish<T>(T node, int pos) where T : Node
    {
        node.Pos = pos;
        node.End = Math.Max(pos, PrevEnd);
        return node;
    }

    // ---------- file ----------

    private void ParseFileBody(CancellationToken ct)
    {
        // package clause
        try
        {
            _file.PackagePos = Pos;
            Expect(TokenKind.Package);
            _file.PackageName = ParseIdent();
            ExpectSemi();
        }
        catch (SyntaxException e)
        {
            _file.Errors.Add(new SyntaxDiagnostic(e.Pos, e.Message));
            return;
        }

        while (Tok != TokenKind.EOF)
        {
            ct.ThrowIfCancellationRequested();
            var start = _p;
            try
            {
                var decl = ParseTopLevelDecl();
                if (decl is not null) _file.Decls.Add(decl);
            }
            catch (SyntaxException e)
            {
                _file.Errors.Add(new SyntaxDiagnostic(e.Pos, e.Message));
                _depth = 0;
                _exprLev = 0;
                var badPos = _t[start].Pos;
                Recover(start);
                _file.Decls.Add(new BadDecl { Pos = badPos, End = Math.Max(badPos, PrevEnd) });
            }
        }
    }

    /// <summary>Skips to the next token that starts a top-level declaration at the beginning of a line.</summary>
    private void Recover(int start)
    {
        if (_p == start) Next();
        while (Tok != TokenKind.EOF)
        {
            var k = Tok;
            if (k is TokenKind.Func or TokenKind.Type or TokenKind.Var or TokenKind.Const or TokenKind.Import)
            {
                var prev = _t[_p - 1];
                if (prev.Kind == TokenKind.Semicolon && AtLineStart(_t[_p].Pos)) return;
            }
            Next();
        }
    }

    private bool AtLineStart(int pos)
    {
        var i = pos - 1;
        while (i >= 0 && (_src[i] == ' ' || _src[i] == '\t')) i--;
        return i < 0 || _src[i] == '\n' || _src[i] == '\r';
    }

    private Decl? ParseTopLevelDecl()
    {
        switch (Tok)
        {
            case TokenKind.Import:
            case TokenKind.Const:
            case TokenKind.Var:
            case TokenKind.Type:
                return ParseGenDecl();
            case TokenKind.Func:
                return ParseFuncDecl();
            case TokenKind.Semicolon:
                Next();
                return null;
            default:
                throw Fail($"non-declaration statement outside function body ({Describe()})");
        }
    }

    private GenDecl ParseGenDecl()
    {
        var pos = Pos;
        var kw = Tok;
        Next();
        var decl = new GenDecl { Tok = kw };
        if (Tok == TokenKind.LParen)
        {
            decl.LParen = Pos;
            Next();
            var i = 0;
            while (Tok != TokenKind.RParen && Tok != TokenKind.EOF)
            {
                decl.Specs.Add(ParseSpec(kw, i++));
                ExpectSemi();
            }
            decl.RParen = Expect(TokenKind.RParen);
        }
        else
        {
            decl.Specs.Add(ParseSpec(kw, 0));
        }
        Finish(decl, pos);
        ExpectSemi();
        return decl;
    }

    private Spec ParseSpec(TokenKind kw, int index)
    {
        switch (kw)
        {
            case TokenKind.Import:
                {
                    var pos = Pos;
                    var spec = new ImportSpec();
                    if (Tok == TokenKind.Ident) spec.Name = ParseIdent();
                    else if (Tok == TokenKind.Period)
                    {
                        spec.Name = new Ident(".") { Pos = Pos, End = Pos + 1 };
                        Next();
                    }
                    if (Tok != TokenKind.String) throw Fail($"expected import path, found {Describe()}");
                    spec.PathLit = ParseBasicLit();
                    spec.Path = Values.Unquote(spec.PathLit.Raw) ?? "";
                    Finish(spec, pos);
                    _file.Imports.Add(spec);
                    return spec;
                }
            case TokenKind.Type:
                return ParseTypeSpec();
            default:
                {
                    var pos = Pos;
                    var spec = new ValueSpec { Iota = index };
                    spec.Names.AddRange(ParseIdentList());
                    if (Tok != TokenKind.Assign && Tok != TokenKind.Semicolon && Tok != TokenKind.RParen)
                        spec.Type = ParseType();
                    if (Tok == TokenKind.Assign)
                    {
                        Next();
                        spec.Values.AddRange(ParseExprList());
                    }
                    return Finish(spec, pos);
                }
        }
    }

    private TypeSpec ParseTypeSpec()
    {
        var pos = Pos;
        var spec = new TypeSpec { Name = ParseIdent() };
        if (Tok == TokenKind.LBrack && Peek() == TokenKind.Ident && (IsTypeParamStart(Peek(2)) || ParenthesizedConstraintFollows()))
        {
            var lb = Pos;
            Next();
            spec.TypeParams = ParseParameterList(lb, TokenKind.RBrack, typeParams: true);
        }
        if (Tok == TokenKind.Assign)
        {
            spec.IsAlias = true;
            Next();
        }
        spec.Type = ParseType();
        return Finish(spec, pos);
    }

    /// <summary>"[P (C)," or "[P (C) |": a parenthesized constraint (a length "[N(x)]" is followed by ']').</summary>
    private bool ParenthesizedConstraintFollows()
    {
        if (Peek(2) != TokenKind.LParen) return false;
        var depth = 0;
        for (var i = _p + 2; i < _count; i++)
        {
            var k = _t[i].Kind;
            if (k is TokenKind.LParen or TokenKind.LBrack or TokenKind.LBrace) depth++;
            else if (k is TokenKind.RParen or TokenKind.RBrack or TokenKind.RBrace)
            {
                if (--depth == 0) return i + 1 < _count && _t[i + 1].Kind is TokenKind.Comma or TokenKind.Or;
                if (depth < 0) return false;
            }
            else if (k == TokenKind.EOF) return false;
        }
        return false;
    }

    // "[N(" is an array length such as [len(x)]T or [uintptr(n)]T, so '(' does not start a type parameter list
    private static bool IsTypeParamStart(TokenKind k) => k is TokenKind.Comma or TokenKind.Ident or TokenKind.Mul or TokenKind.LBrack
        or TokenKind.Tilde or TokenKind.Func or TokenKind.Map or TokenKind.Chan or TokenKind.Struct
        or TokenKind.Interface or TokenKind.Arrow;

    private FuncDecl ParseFuncDecl()
    {
        var pos = Expect(TokenKind.Func);
        var decl = new FuncDecl();
        if (Tok == TokenKind.LParen)
        {
            var lp = Pos;
            Next();
            decl.Recv = ParseParameterList(lp, TokenKind.RParen, typeParams: false);
        }
        decl.Name = ParseIdent();
        var ftPos = Pos;
        FieldList? tparams = null;
        if (Tok == TokenKind.LBrack)
        {
            var lb = Pos;
            Next();
            tparams = ParseParameterList(lb, TokenKind.RBrack, typeParams: true);
        }
        var ft = ParseSignature(ftPos);
        ft.TypeParams = tparams;
        decl.Type = ft;
        if (Tok == TokenKind.LBrace)
        {
            var lev = _exprLev;
            _exprLev = 0;
            decl.Body = ParseBlock();
            _exprLev = lev;
        }
        Finish(decl, pos);
        ExpectSemi();
        return decl;
    }

    // ---------- identifiers and literals ----------

    private Ident ParseIdent()
    {
        var t = _t[_p];
        if (t.Kind != TokenKind.Ident) throw Fail($"expected name, found {Describe()}");
        Next();
        return new Ident(t.Text!) { Pos = t.Pos, End = t.End };
    }

    private List<Ident> ParseIdentList()
    {
        var list = new List<Ident> { ParseIdent() };
        while (Tok == TokenKind.Comma)
        {
            Next();
            list.Add(ParseIdent());
        }
        return list;
    }

    private BasicLit ParseBasicLit()
    {
        var t = _t[_p];
        Next();
        return new BasicLit(t.Kind, _src.Substring(t.Pos, t.End - t.Pos)) { Pos = t.Pos, End = t.End };
    }

    // ---------- types ----------

    private Expr ParseType()
    {
        Enter();
        var t = TryParseType() ?? throw Fail($"expected type, found {Describe()}");
        Leave();
        return t;
    }

    private Expr? TryParseType()
    {
        var pos = Pos;
        switch (Tok)
        {
            case TokenKind.Ident:
                return ParseTypeName(allowTypeArgs: true);
            case TokenKind.LBrack:
                {
                    Next();
                    Expr? len = null;
                    if (Tok == TokenKind.Ellipsis)
                    {
                        len = new Ellipsis { Pos = Pos, End = Pos + 3 };
                        Next();
                    }
                    else if (Tok != TokenKind.RBrack)
                    {
                        _exprLev++;
                        len = ParseRhs();
                        _exprLev--;
                    }
                    Expect(TokenKind.RBrack);
                    var elt = ParseType();
                    return Finish(new ArrayType { Len = len, Elt = elt }, pos);
                }
            case TokenKind.Struct:
                return ParseStructType();
            case TokenKind.Mul:
                Next();
                return Finish(new StarExpr { X = ParseType() }, pos);
            case TokenKind.Func:
                Next();
                return ParseSignature(pos);
            case TokenKind.Interface:
                return ParseInterfaceType();
            case TokenKind.Map:
                {
                    Next();
                    Expect(TokenKind.LBrack);
                    var key = ParseType();
                    Expect(TokenKind.RBrack);
                    var value = ParseType();
                    return Finish(new MapType { Key = key, Value = value }, pos);
                }
            case TokenKind.Chan:
                {
                    Next();
                    var dir = ChanDir.Both;
                    if (Tok == TokenKind.Arrow)
                    {
                        Next();
                        dir = ChanDir.Send;
                    }
                    var value = ParseType();
                    return Finish(new ChanType { Dir = dir, Value = value }, pos);
                }
            case TokenKind.Arrow:
                {
                    Next();
                    Expect(TokenKind.Chan);
                    var value = ParseType();
                    return Finish(new ChanType { Dir = ChanDir.Recv, Value = value }, pos);
                }
            case TokenKind.LParen:
                {
                    Next();
                    var t = ParseType();
                    Expect(TokenKind.RParen);
                    return Finish(new ParenExpr { X = t }, pos);
                }
            default:
                return null;
        }
    }

    /// <summary>T, pkg.T, optionally followed by type arguments [A, B].</summary>
    private Expr ParseTypeName(bool allowTypeArgs)
    {
        var pos = Pos;
        Expr x = ParseIdent();
        if (Tok == TokenKind.Period)
        {
            Next();
            var sel = ParseIdent();
            x = Finish(new SelectorExpr { X = x, Sel = sel }, pos);
        }
        if (allowTypeArgs && Tok == TokenKind.LBrack)
        {
            Next();
            var ix = new IndexExpr { X = x };
            _exprLev++;
            ix.Indices.Add(ParseType());
            while (Tok == TokenKind.Comma)
            {
                Next();
                if (Tok == TokenKind.RBrack) break;
                ix.Indices.Add(ParseType());
            }
            _exprLev--;
            Expect(TokenKind.RBrack);
            x = Finish(ix, pos);
        }
        return x;
    }

    private StructType ParseStructType()
    {
        var pos = Expect(TokenKind.Struct);
        var fields = new FieldList { Pos = Pos };
        Expect(TokenKind.LBrace);
        while (Tok != TokenKind.RBrace && Tok != TokenKind.EOF)
        {
            fields.List.Add(ParseFieldDecl());
            ExpectSemi();
        }
        Expect(TokenKind.RBrace);
        Finish(fields, fields.Pos);
        return Finish(new StructType { Fields = fields }, pos);
    }

    private Field ParseFieldDecl()
    {
        var pos = Pos;
        var field = new Field();
        if (Tok == TokenKind.Mul)
        {
            // embedded *T
            Next();
            var t = ParseTypeName(allowTypeArgs: true);
            field.Type = Finish(new StarExpr { X = t }, pos);
        }
        else if (Tok == TokenKind.Ident)
        {
            var next = Peek();
            if (next == TokenKind.Period || next == TokenKind.String || next == TokenKind.Semicolon || next == TokenKind.RBrace)
            {
                field.Type = ParseTypeName(allowTypeArgs: true); // embedded
            }
            else if (next == TokenKind.LBrack)
            {
                var name = ParseIdent();
                var (typ, isName) = ParseArrayFieldOrTypeInstance(name);
                if (isName)
                {
                    field.Names.Add(name);
                    field.Type = typ;
                }
                else field.Type = typ;
            }
            else
            {
                field.Names.AddRange(ParseIdentList());
                field.Type = ParseType();
            }
        }
        else if (Tok == TokenKind.LParen)
        {
            throw Fail("cannot parenthesize embedded type");
        }
        else throw Fail($"expected field name or embedded type, found {Describe()}");
        if (Tok == TokenKind.String) field.Tag = ParseBasicLit();
        return Finish(field, pos);
    }

    /// <summary>
    /// After a name followed by '[': either "name []T" / "name [N]T" (a field/parameter with an array type) or
    /// "T[A, B]" (an instantiated type). Returns the type and whether <paramref name="name"/> is a field name.
    /// </summary>
    private (Expr Type, bool NameIsField) ParseArrayFieldOrTypeInstance(Ident name)
    {
        var lbrack = Pos;
        Expect(TokenKind.LBrack);
        if (Tok == TokenKind.RBrack)
        {
            // name []T
            Next();
            var elt = ParseType();
            return (Finish(new ArrayType { Elt = elt }, lbrack), true);
        }
        if (Tok == TokenKind.Ellipsis)
        {
            var ep = Pos;
            Next();
            Expect(TokenKind.RBrack);
            var elt = ParseType();
            return (Finish(new ArrayType { Len = new Ellipsis { Pos = ep, End = ep + 3 }, Elt = elt }, lbrack), true);
        }
        var args = new List<Expr>();
        _exprLev++;
        args.Add(ParseRhsOrType());
        while (Tok == TokenKind.Comma)
        {
            Next();
            if (Tok == TokenKind.RBrack) break;
            args.Add(ParseRhsOrType());
        }
        _exprLev--;
        Expect(TokenKind.RBrack);
        if (args.Count == 1 && StartsType(Tok))
        {
            var elt = ParseType();
            return (Finish(new ArrayType { Len = args[0], Elt = elt }, lbrack), true);
        }
        var ix = new IndexExpr { X = name };
        ix.Indices.AddRange(args);
        return (Finish(ix, name.Pos), false);
    }

    private static bool StartsType(TokenKind k) => k is TokenKind.Ident or TokenKind.LBrack or TokenKind.Struct or TokenKind.Mul
        or TokenKind.Func or TokenKind.Interface or TokenKind.Map or TokenKind.Chan or TokenKind.LParen or TokenKind.Arrow;

    private InterfaceType ParseInterfaceType()
    {
        var pos = Expect(TokenKind.Interface);
        var methods = new FieldList { Pos = Pos };
        Expect(TokenKind.LBrace);
        while (Tok != TokenKind.RBrace && Tok != TokenKind.EOF)
        {
            var fpos = Pos;
            var field = new Field();
            if (Tok == TokenKind.Ident && Peek() == TokenKind.LParen)
            {
                field.Names.Add(ParseIdent());
                field.Type = ParseSignature(Pos);
            }
            else
            {
                field.Type = ParseTypeElem();
            }
            methods.List.Add(Finish(field, fpos));
            ExpectSemi();
        }
        Expect(TokenKind.RBrace);
        Finish(methods, methods.Pos);
        return Finish(new InterfaceType { Methods = methods }, pos);
    }

    /// <summary>A constraint element: a union of terms, each [~]Type.</summary>
    private Expr ParseTypeElem()
    {
        var pos = Pos;
        var x = ParseTypeTerm();
        while (Tok == TokenKind.Or)
        {
            var opPos = Pos;
            Next();
            var y = ParseTypeTerm();
            x = Finish(new BinaryExpr { X = x, Op = TokenKind.Or, OpPos = opPos, Y = y }, pos);
        }
        return x;
    }

    private Expr ParseTypeTerm()
    {
        var pos = Pos;
        if (Tok == TokenKind.Tilde)
        {
            Next();
            var t = ParseType();
            return Finish(new UnaryExpr { Op = TokenKind.Tilde, X = t }, pos);
        }
        return ParseType();
    }

    /// <summary>Parameters and results, after 'func' (and the name / type parameters).</summary>
    private FuncType ParseSignature(int pos)
    {
        var lp = Pos;
        Expect(TokenKind.LParen);
        var ft = new FuncType { Params = ParseParameterList(lp, TokenKind.RParen, typeParams: false) };
        if (Tok == TokenKind.LParen)
        {
            var rp = Pos;
            Next();
            ft.Results = ParseParameterList(rp, TokenKind.RParen, typeParams: false);
        }
        else if (StartsType(Tok) && Tok != TokenKind.LParen)
        {
            var rpos = Pos;
            var t = ParseType();
            var results = new FieldList { Pos = rpos };
            results.List.Add(Finish(new Field { Type = t }, rpos));
            ft.Results = Finish(results, rpos);
        }
        return Finish(ft, pos);
    }

    /// <summary>Parses a parameter list after its opening token, through <paramref name="close"/>.</summary>
    private FieldList ParseParameterList(int openPos, TokenKind close, bool typeParams)
    {
        Enter();
        var entries = new List<(Ident? Name, Expr? Type, int Pos)>();
        while (Tok != close && Tok != TokenKind.EOF)
        {
            var pos = Pos;
            if (Tok == TokenKind.Ident)
            {
                var next = Peek();
                if (next == TokenKind.Period)
                {
                    entries.Add((null, ParseTypeName(allowTypeArgs: true), pos));
                }
                else if (next == TokenKind.LBrack)
                {
                    var name = ParseIdent();
                    var (typ, isField) = ParseArrayFieldOrTypeInstance(name);
                    if (isField && typeParams && Tok == TokenKind.Or)
                    {
                        // [S []E | List[E]]: the constraint continues as a union
                        while (Tok == TokenKind.Or)
                        {
                            var opPos = Pos;
                            Next();
                            var y = ParseTypeTerm();
                            typ = Finish(new BinaryExpr { X = typ, Op = TokenKind.Or, OpPos = opPos, Y = y }, typ.Pos);
                        }
                    }
                    if (isField) entries.Add((name, typ, pos));
                    else entries.Add((null, typ, pos));
                }
                else if (next == TokenKind.Comma || next == close)
                {
                    entries.Add((ParseIdent(), null, pos));
                }
                else if (next == TokenKind.Ellipsis)
                {
                    var name = ParseIdent();
                    var ep = Pos;
                    Next();
                    var elt = ParseType();
                    entries.Add((name, Finish(new Ellipsis { Elt = elt }, ep), pos));
                }
                else
                {
                    var name = ParseIdent();
                    var typ = typeParams ? ParseTypeElem() : ParseType();
                    entries.Add((name, typ, pos));
                }
            }
            else if (Tok == TokenKind.Ellipsis)
            {
                var ep = Pos;
                Next();
                var elt = ParseType();
                entries.Add((null, Finish(new Ellipsis { Elt = elt }, ep), pos));
            }
            else
            {
                entries.Add((null, typeParams ? ParseTypeElem() : ParseType(), pos));
            }
            if (Tok == TokenKind.Comma) Next();
            else if (Tok != close)
            {
                // a newline before the closing token is an error in Go too; report clearly
                throw Fail($"expected ',' or '{TokenFacts.Spelling(close)}' in parameter list, found {Describe()}");
            }
        }
        Expect(close);
        Leave();

        var list = new FieldList { Pos = openPos, End = PrevEnd };
        var named = entries.Any(e => e.Name is not null && e.Type is not null);
        if (!named)
        {
            foreach (var e in entries)
            {
                var t = e.Type ?? e.Name!;
                list.List.Add(new Field { Type = t, Pos = t.Pos, End = t.End });
            }
            if (typeParams && entries.Count > 0) throw new SyntaxException(openPos, "type parameters need a constraint");
            return list;
        }
        var pending = new List<Ident>();
        var startPos = -1;
        foreach (var e in entries)
        {
            if (e.Type is null)
            {
                if (startPos < 0) startPos = e.Pos;
                pending.Add(e.Name!);
                continue;
            }
            if (e.Name is null) throw new SyntaxException(e.Pos, "mixed named and unnamed parameters");
            var f = new Field { Pos = startPos >= 0 ? startPos : e.Pos, End = e.Type.End, Type = e.Type };
            f.Names.AddRange(pending);
            f.Names.Add(e.Name);
            list.List.Add(f);
            pending.Clear();
            startPos = -1;
        }
        if (pending.Count > 0) throw new SyntaxException(pending[^1].End, "missing parameter type");
        return list;
    }

    // ---------- expressions ----------

    private List<Expr> ParseExprList()
    {
        var list = new List<Expr> { ParseExpr() };
        while (Tok == TokenKind.Comma)
        {
            Next();
            list.Add(ParseExpr());
        }
        return list;
    }

    private Expr ParseRhs() => ParseExpr();

    private Expr ParseRhsOrType() => ParseExpr();

    public Expr ParseExpr() => ParseBinaryExpr(1);

    private Expr ParseBinaryExpr(int prec1)
    {
        var pos = Pos;
        var x = ParseUnaryExpr();
        while (true)
        {
            var op = Tok;
            var oprec = TokenFacts.Precedence(op);
            if (oprec < prec1) return x;
            var opPos = Pos;
            Next();
            var y = ParseBinaryExpr(oprec + 1);
            x = Finish(new BinaryExpr { X = x, Op = op, OpPos = opPos, Y = y }, pos);
        }
    }

    private Expr ParseUnaryExpr()
    {
        Enter();
        var pos = Pos;
        Expr result;
        switch (Tok)
        {
            case TokenKind.Add:
            case TokenKind.Sub:
            case TokenKind.Not:
            case TokenKind.Xor:
            case TokenKind.And:
            case TokenKind.Tilde:
                {
                    var op = Tok;
                    Next();
                    var x = ParseUnaryExpr();
                    result = Finish(new UnaryExpr { Op = op, X = x }, pos);
                    break;
                }
            case TokenKind.Arrow:
                {
                    Next();
                    if (Tok == TokenKind.Chan)
                    {
                        // <-chan T (a type used as an operand, e.g. in a conversion)
                        Next();
                        var value = ParseType();
                        var ct = Finish(new ChanType { Dir = ChanDir.Recv, Value = value }, pos);
                        result = ParsePrimaryExpr(ct);
                    }
                    else
                    {
                        var x = ParseUnaryExpr();
                        result = Finish(new UnaryExpr { Op = TokenKind.Arrow, X = x }, pos);
                    }
                    break;
                }
            case TokenKind.Mul:
                {
                    Next();
                    var x = ParseUnaryExpr();
                    result = Finish(new StarExpr { X = x }, pos);
                    break;
                }
            default:
                result = ParsePrimaryExpr(null);
                break;
        }
        Leave();
        return result;
    }

    private Expr ParseOperand()
    {
        var pos = Pos;
        switch (Tok)
        {
            case TokenKind.Ident:
                return ParseIdent();
            case TokenKind.Int:
            case TokenKind.Float:
            case TokenKind.Imag:
            case TokenKind.Char:
            case TokenKind.String:
                return ParseBasicLit();
            case TokenKind.LParen:
                {
                    Next();
                    _exprLev++;
                    var x = ParseRhsOrType();
                    _exprLev--;
                    Expect(TokenKind.RParen);
                    return Finish(new ParenExpr { X = x }, pos);
                }
            case TokenKind.Func:
                {
                    Next();
                    var ft = ParseSignature(pos);
                    if (Tok == TokenKind.LBrace)
                    {
                        _exprLev++;
                        var body = ParseBlock();
                        _exprLev--;
                        return Finish(new FuncLit { Type = ft, Body = body }, pos);
                    }
                    return ft;
                }
        }
        var t = TryParseType();
        if (t is not null) return t;
        throw Fail($"expected operand, found {Describe()}");
    }

    private Expr ParsePrimaryExpr(Expr? x)
    {
        var pos = x?.Pos ?? Pos;
        x ??= ParseOperand();
        while (true)
        {
            switch (Tok)
            {
                case TokenKind.Period:
                    Next();
                    if (Tok == TokenKind.Ident)
                    {
                        var sel = ParseIdent();
                        x = Finish(new SelectorExpr { X = x, Sel = sel }, pos);
                    }
                    else if (Tok == TokenKind.LParen)
                    {
                        Next();
                        Expr? type = null;
                        if (Tok == TokenKind.Type) Next();
                        else type = ParseType();
                        Expect(TokenKind.RParen);
                        x = Finish(new TypeAssertExpr { X = x, Type = type }, pos);
                    }
                    else throw Fail($"expected selector or type assertion, found {Describe()}");
                    break;
                case TokenKind.LBrack:
                    x = ParseIndexOrSlice(x, pos);
                    break;
                case TokenKind.LParen:
                    x = ParseCall(x, pos);
                    break;
                case TokenKind.LBrace:
                    {
                        var t = Unparen(x);
                        switch (t)
                        {
                            case BadExpr:
                            case Ident:
                            case SelectorExpr:
                            case IndexExpr:
                                if (_exprLev < 0) return x;
                                break;
                            case ArrayType:
                            case StructType:
                            case MapType:
                                break;
                            default:
                                return x;
                        }
                        if (t is SelectorExpr se && se.X is not Ident) return x;
                        x = ParseLiteralValue(x, pos);
                        break;
                    }
                default:
                    return x;
            }
        }
    }

    private static Expr Unparen(Expr x)
    {
        while (x is ParenExpr p) x = p.X;
        return x;
    }

    private Expr ParseIndexOrSlice(Expr x, int pos)
    {
        Expect(TokenKind.LBrack);
        _exprLev++;
        var index = new Expr?[3];
        var ncolons = 0;
        if (Tok != TokenKind.Colon) index[0] = ParseRhsOrType();
        if (Tok == TokenKind.Comma)
        {
            // instantiation with several type arguments
            var ix = new IndexExpr { X = x };
            ix.Indices.Add(index[0]!);
            while (Tok == TokenKind.Comma)
            {
                Next();
                if (Tok == TokenKind.RBrack) break;
                ix.Indices.Add(ParseType());
            }
            _exprLev--;
            Expect(TokenKind.RBrack);
            return Finish(ix, pos);
        }
        while (Tok == TokenKind.Colon && ncolons < 2)
        {
            ncolons++;
            Next();
            if (Tok != TokenKind.Colon && Tok != TokenKind.RBrack && Tok != TokenKind.EOF) index[ncolons] = ParseRhs();
        }
        _exprLev--;
        Expect(TokenKind.RBrack);
        if (ncolons > 0)
        {
            var slice3 = ncolons == 2;
            if (slice3 && (index[1] is null || index[2] is null)) throw new SyntaxException(PrevEnd - 1, "middle and final index required in 3-index slice");
            return Finish(new SliceExpr { X = x, Low = index[0], High = index[1], Max = index[2], Slice3 = slice3 }, pos);
        }
        if (index[0] is null) throw new SyntaxException(PrevEnd - 1, "expected operand");
        var ie = new IndexExpr { X = x };
        ie.Indices.Add(index[0]!);
        return Finish(ie, pos);
    }

    private CallExpr ParseCall(Expr fun, int pos)
    {
        var call = new CallExpr { Fun = fun, LParen = Pos };
        Expect(TokenKind.LParen);
        _exprLev++;
        while (Tok != TokenKind.RParen && Tok != TokenKind.EOF)
        {
            call.Args.Add(ParseRhsOrType());
            if (Tok == TokenKind.Ellipsis)
            {
                call.HasEllipsis = true;
                Next();
            }
            if (Tok == TokenKind.Comma) Next();
            else if (Tok != TokenKind.RParen) throw Fail($"expected ',' or ')' in argument list, found {Describe()}");
        }
        _exprLev--;
        call.RParen = Expect(TokenKind.RParen);
        return Finish(call, pos);
    }

    private CompositeLit ParseLiteralValue(Expr? type, int pos)
    {
        Enter();
        var lit = new CompositeLit { Type = type, LBrace = Pos };
        Expect(TokenKind.LBrace);
        _exprLev++;
        while (Tok != TokenKind.RBrace && Tok != TokenKind.EOF)
        {
            lit.Elts.Add(ParseElement());
            if (Tok == TokenKind.Comma) Next();
            else if (Tok != TokenKind.RBrace) throw Fail($"expected ',' or '}}' in composite literal, found {Describe()}");
        }
        _exprLev--;
        lit.RBrace = Expect(TokenKind.RBrace);
        Leave();
        return Finish(lit, pos);
    }

    private Expr ParseElementValue() => Tok == TokenKind.LBrace ? ParseLiteralValue(null, Pos) : ParseExpr();

    private Expr ParseElement()
    {
        var pos = Pos;
        var x = ParseElementValue();
        if (Tok == TokenKind.Colon)
        {
            Next();
            var v = ParseElementValue();
            return Finish(new KeyValueExpr { Key = x, Value = v }, pos);
        }
        return x;
    }

    // ---------- statements ----------

    private BlockStmt ParseBlock()
    {
        Enter();
        var block = new BlockStmt { LBrace = Pos };
        var pos = Expect(TokenKind.LBrace);
        ParseStmtList(block.List);
        block.RBrace = Expect(TokenKind.RBrace);
        Leave();
        return Finish(block, pos);
    }

    private void ParseStmtList(List<Stmt> list)
    {
        while (Tok != TokenKind.Case && Tok != TokenKind.Default && Tok != TokenKind.RBrace && Tok != TokenKind.EOF)
        {
            var s = ParseStmt();
            if (s is not null) list.Add(s);
        }
    }

    private Stmt? ParseStmt()
    {
        Enter();
        var pos = Pos;
        Stmt? s;
        switch (Tok)
        {
            case TokenKind.Const:
            case TokenKind.Type:
            case TokenKind.Var:
                s = Finish(new DeclStmt { Decl = ParseGenDecl() }, pos); // ParseGenDecl consumes the semicolon
                s.End = ((DeclStmt)s).Decl.End;
                break;
            case TokenKind.Ident:
            case TokenKind.Int:
            case TokenKind.Float:
            case TokenKind.Imag:
            case TokenKind.Char:
            case TokenKind.String:
            case TokenKind.Func:
            case TokenKind.LParen:
            case TokenKind.LBrack:
            case TokenKind.Struct:
            case TokenKind.Map:
            case TokenKind.Chan:
            case TokenKind.Interface:
            case TokenKind.Add:
            case TokenKind.Sub:
            case TokenKind.Mul:
            case TokenKind.And:
            case TokenKind.Xor:
            case TokenKind.Arrow:
            case TokenKind.Not:
            case TokenKind.Tilde:
                s = ParseSimpleStmt(labelOk: true, rangeOk: false);
                if (s is not LabeledStmt) ExpectSemi();
                break;
            case TokenKind.Go:
            case TokenKind.Defer:
                {
                    var kw = Tok;
                    Next();
                    var x = ParseExpr();
                    var call = Unparen(x) as CallExpr ?? throw new SyntaxException(x.Pos, $"expression in {(kw == TokenKind.Go ? "go" : "defer")} must be function call");
                    s = kw == TokenKind.Go ? Finish(new GoStmt { Call = call }, pos) : Finish(new DeferStmt { Call = call }, pos);
                    ExpectSemi();
                    break;
                }
            case TokenKind.Return:
                {
                    Next();
                    var r = new ReturnStmt();
                    if (Tok != TokenKind.Semicolon && Tok != TokenKind.RBrace) r.Results.AddRange(ParseExprList());
                    s = Finish(r, pos);
                    ExpectSemi();
                    break;
                }
            case TokenKind.Break:
            case TokenKind.Continue:
            case TokenKind.Goto:
            case TokenKind.Fallthrough:
                {
                    var b = new BranchStmt { Tok = Tok };
                    Next();
                    if (b.Tok != TokenKind.Fallthrough && Tok == TokenKind.Ident) b.Label = ParseIdent();
                    s = Finish(b, pos);
                    ExpectSemi();
                    break;
                }
            case TokenKind.LBrace:
                s = ParseBlock();
                ExpectSemi();
                break;
            case TokenKind.If:
                s = ParseIfStmt();
                ExpectSemi();
                break;
            case TokenKind.Switch:
                s = ParseSwitchStmt();
                ExpectSemi();
                break;
            case TokenKind.Select:
                s = ParseSelectStmt();
                ExpectSemi();
                break;
            case TokenKind.For:
                s = ParseForStmt();
                ExpectSemi();
                break;
            case TokenKind.Semicolon:
                s = new EmptyStmt { Pos = pos, End = pos, Implicit = _t[_p].Implicit };
                Next();
                break;
            case TokenKind.RBrace:
                s = new EmptyStmt { Pos = pos, End = pos, Implicit = true };
                break;
            default:
                throw Fail($"expected statement, found {Describe()}");
        }
        Leave();
        return s;
    }

    private Stmt ParseSimpleStmt(bool labelOk, bool rangeOk)
    {
        var pos = Pos;
        if (rangeOk && Tok == TokenKind.Range)
        {
            Next();
            var x = ParseExpr();
            return Finish(new RangeClause { Tok = TokenKind.Illegal, X = x }, pos);
        }
        var lhs = ParseExprList();
        var tok = Tok;
        if (tok == TokenKind.Define || TokenFacts.IsAssignOp(tok))
        {
            var tokPos = Pos;
            Next();
            if (rangeOk && Tok == TokenKind.Range && (tok == TokenKind.Define || tok == TokenKind.Assign))
            {
                Next();
                var x = ParseExpr();
                if (lhs.Count > 2) throw new SyntaxException(lhs[2].Pos, "range clause permits at most two iteration variables");
                return Finish(new RangeClause { Key = lhs[0], Value = lhs.Count > 1 ? lhs[1] : null, Tok = tok, X = x }, pos);
            }
            var a = new AssignStmt { Tok = tok, TokPos = tokPos };
            a.Lhs.AddRange(lhs);
            a.Rhs.AddRange(ParseExprList());
            return Finish(a, pos);
        }
        if (lhs.Count > 1) throw Fail($"expected ':=' or '=' or ',', found {Describe()}");
        var e = lhs[0];
        switch (tok)
        {
            case TokenKind.Colon:
                if (labelOk && e is Ident label)
                {
                    Next();
                    if (Tok == TokenKind.RBrace)
                        return Finish(new LabeledStmt { Label = label, Stmt = new EmptyStmt { Pos = Pos, End = Pos, Implicit = true } }, pos);
                    var inner = ParseStmt() ?? new EmptyStmt { Pos = Pos, End = Pos };
                    return Finish(new LabeledStmt { Label = label, Stmt = inner }, pos);
                }
                break;
            case TokenKind.Arrow:
                {
                    Next();
                    var v = ParseExpr();
                    return Finish(new SendStmt { Chan = e, Value = v }, pos);
                }
            case TokenKind.Inc:
            case TokenKind.Dec:
                Next();
                return Finish(new IncDecStmt { X = e, Tok = tok }, pos);
        }
        return Finish(new ExprStmt { X = e }, pos);
    }

    /// <summary>An if statement; "else if" chains are parsed in a loop (no recursion), each link ending where the chain ends.</summary>
    private IfStmt ParseIfStmt()
    {
        var first = ParseIfHeaderAndBody();
        var chain = new List<IfStmt> { first };
        var cur = first;
        while (Tok == TokenKind.Else)
        {
            Next();
            if (Tok == TokenKind.If)
            {
                var next = ParseIfHeaderAndBody();
                cur.Else = next;
                cur = next;
                chain.Add(next);
            }
            else if (Tok == TokenKind.LBrace)
            {
                cur.Else = ParseBlock();
                break;
            }
            else throw Fail("else must be followed by if or statement block");
        }
        var end = PrevEnd;
        foreach (var s in chain) s.End = end;
        return first;
    }

    private IfStmt ParseIfHeaderAndBody()
    {
        var pos = Expect(TokenKind.If);
        var s = new IfStmt { Pos = pos };
        var lev = _exprLev;
        _exprLev = -1;
        if (Tok == TokenKind.LBrace) throw Fail("missing condition in if statement");
        Stmt? init = null;
        Expr? cond = null;
        if (Tok != TokenKind.Semicolon)
        {
            init = ParseSimpleStmt(labelOk: false, rangeOk: false);
        }
        if (Tok == TokenKind.Semicolon)
        {
            Next();
            if (Tok == TokenKind.LBrace) throw Fail("missing condition in if statement");
            var c = ParseSimpleStmt(labelOk: false, rangeOk: false);
            cond = c is ExprStmt es ? es.X : throw new SyntaxException(c.Pos, "cannot use assignment as value");
        }
        else
        {
            cond = init is ExprStmt es ? es.X : throw new SyntaxException(init?.Pos ?? Pos, "cannot use assignment as value");
            init = null;
        }
        _exprLev = lev;
        s.Init = init;
        s.Cond = cond;
        s.Body = ParseBlock();
        return s;
    }

    private Stmt ParseSwitchStmt()
    {
        var pos = Expect(TokenKind.Switch);
        Stmt? s1 = null, s2 = null;
        if (Tok != TokenKind.LBrace)
        {
            var lev = _exprLev;
            _exprLev = -1;
            if (Tok != TokenKind.Semicolon) s2 = ParseSimpleStmt(labelOk: false, rangeOk: false);
            if (Tok == TokenKind.Semicolon)
            {
                Next();
                s1 = s2;
                s2 = null;
                if (Tok != TokenKind.LBrace) s2 = ParseSimpleStmt(labelOk: false, rangeOk: false);
            }
            _exprLev = lev;
        }
        var typeSwitch = IsTypeSwitchGuard(s2);
        var bodyPos = Pos;
        var body = new BlockStmt { LBrace = Pos };
        Expect(TokenKind.LBrace);
        while (Tok == TokenKind.Case || Tok == TokenKind.Default)
        {
            var cpos = Pos;
            var cc = new CaseClause();
            if (Tok == TokenKind.Case)
            {
                Next();
                cc.List = ParseExprList();
            }
            else Next();
            Expect(TokenKind.Colon);
            ParseStmtList(cc.Body);
            body.List.Add(Finish(cc, cpos));
        }
        body.RBrace = Expect(TokenKind.RBrace);
        Finish(body, bodyPos);
        if (typeSwitch) return Finish(new TypeSwitchStmt { Init = s1, Assign = s2!, Body = body }, pos);
        Expr? tag = null;
        if (s2 is not null)
        {
            tag = s2 is ExprStmt es ? es.X : throw new SyntaxException(s2.Pos, "switch expression must be an expression");
        }
        return Finish(new SwitchStmt { Init = s1, Tag = tag, Body = body }, pos);
    }

    private static bool IsTypeSwitchGuard(Stmt? s) => s switch
    {
        ExprStmt { X: TypeAssertExpr { Type: null } } => true,
        AssignStmt { Tok: TokenKind.Define, Lhs.Count: 1, Rhs: [TypeAssertExpr { Type: null }] } => true,
        _ => false,
    };

    private SelectStmt ParseSelectStmt()
    {
        var pos = Expect(TokenKind.Select);
        var bodyPos = Pos;
        var body = new BlockStmt { LBrace = Pos };
        Expect(TokenKind.LBrace);
        while (Tok == TokenKind.Case || Tok == TokenKind.Default)
        {
            var cpos = Pos;
            var cc = new CommClause();
            if (Tok == TokenKind.Case)
            {
                Next();
                cc.Comm = ParseSimpleStmt(labelOk: false, rangeOk: false);
            }
            else Next();
            Expect(TokenKind.Colon);
            ParseStmtList(cc.Body);
            body.List.Add(Finish(cc, cpos));
        }
        body.RBrace = Expect(TokenKind.RBrace);
        Finish(body, bodyPos);
        return Finish(new SelectStmt { Body = body }, pos);
    }

    private Stmt ParseForStmt()
    {
        var pos = Expect(TokenKind.For);
        Stmt? s1 = null, s2 = null, s3 = null;
        RangeClause? range = null;
        if (Tok != TokenKind.LBrace)
        {
            var lev = _exprLev;
            _exprLev = -1;
            if (Tok != TokenKind.Semicolon)
            {
                s2 = ParseSimpleStmt(labelOk: false, rangeOk: true);
                range = s2 as RangeClause;
            }
            if (range is null && Tok == TokenKind.Semicolon)
            {
                Next();
                s1 = s2;
                s2 = null;
                if (Tok != TokenKind.Semicolon)
                {
                    if (Tok == TokenKind.LBrace) throw Fail("expected for loop condition");
                    s2 = ParseSimpleStmt(labelOk: false, rangeOk: false);
                }
                if (Tok != TokenKind.Semicolon) throw Fail($"expected ';', found {Describe()}");
                Next();
                if (Tok != TokenKind.LBrace) s3 = ParseSimpleStmt(labelOk: false, rangeOk: false);
            }
            _exprLev = lev;
        }
        var body = ParseBlock();
        if (range is not null)
            return Finish(new RangeStmt { Key = range.Key, Value = range.Value, Tok = range.Tok, X = range.X, Body = body }, pos);
        Expr? cond = null;
        if (s2 is not null) cond = s2 is ExprStmt es ? es.X : throw new SyntaxException(s2.Pos, "expected for loop condition");
        return Finish(new ForStmt { Init = s1, Cond = cond, Post = s3, Body = body }, pos);
    }
}

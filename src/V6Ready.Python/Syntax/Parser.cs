using System.Text.RegularExpressions;

namespace V6Ready.Python.Syntax;

/// <summary>
/// Tolerant recursive-descent parser for Python 3.13: every statement and expression form (match, PEP 695 type
/// parameters and aliases with PEP 696 defaults, walrus, async, decorators, star expressions, PEP 701 f-strings,
/// parenthesized context managers, except*). A statement that does not parse is recorded as an error and skipped to
/// the end of its logical line (and its indented block), and parsing goes on. Nesting deeper than
/// <see cref="MaxDepth"/> is an error instead of a deeper recursion.
/// </summary>
public sealed partial class Parser
{
    public const int MaxDepth = 200;

    private sealed class ParseException(int pos, string message) : Exception(message)
    {
        public int Pos { get; } = pos;
    }

    private readonly string _s;
    private readonly List<Token> _t;
    private readonly List<SyntaxError> _errors;
    private readonly List<CommentSpan> _comments;
    private readonly CancellationToken _ct;
    private int _p;
    private int _depth;
    private bool _inPattern;
    private int _statements;

    private Parser(string s, List<Token> tokens, List<SyntaxError> errors, List<CommentSpan> comments, int depth, CancellationToken ct)
    {
        _s = s;
        _t = tokens;
        _errors = errors;
        _comments = comments;
        _depth = depth;
        _ct = ct;
    }

    /// <summary>Parses a module. Never throws for bad input (only for cancellation).</summary>
    public static PyModule Parse(string source, CancellationToken ct = default)
    {
        var errors = new List<SyntaxError>();
        var comments = new List<CommentSpan>();
        var tokens = Lexer.Tokenize(source, errors, comments);
        var p = new Parser(source, tokens, errors, comments, 0, ct);
        var module = new PyModule { Source = source, Comments = comments, Errors = errors, Pos = 0, End = source.Length };
        p.ParseBlockBody(module.Body, topLevel: true);
        module.DeclaredEncoding = EncodingDeclaration(source, comments);
        errors.Sort((a, b) => a.Pos.CompareTo(b.Pos));
        comments.Sort((a, b) => a.Pos.CompareTo(b.Pos));
        AstWalker.SetParents(module);
        return module;
    }

    [GeneratedRegex(@"^[ \t\f]*#.*?coding[=:][ \t]*([-\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CodingRegex();

    /// <summary>The PEP 263 declaration: a comment on line 1 or 2 matching <c>coding[=:]\s*([-\w.]+)</c>.</summary>
    private static string? EncodingDeclaration(string s, List<CommentSpan> comments)
    {
        var lineStart = 0;
        for (var line = 0; line < 2 && lineStart <= s.Length; line++)
        {
            var nl = s.IndexOf('\n', lineStart);
            var lineText = s.Substring(lineStart, (nl < 0 ? s.Length : nl) - lineStart);
            var m = CodingRegex().Match(lineText);
            if (m.Success) return m.Groups[1].Value;
            if (!lineText.TrimStart().StartsWith('#') && lineText.Trim().Length > 0) return null;
            if (nl < 0) break;
            lineStart = nl + 1;
        }
        return null;
    }

    // ---------- token helpers ----------

    private Token Cur => _t[_p];
    private Token PeekTok(int k = 1) => _t[Math.Min(_p + k, _t.Count - 1)];
    private int LastEnd => _p > 0 ? _t[_p - 1].End : 0;

    private bool IsOp(string op) => _t[_p].Kind == TokKind.Op && ReferenceEquals(_t[_p].Op, op);
    private bool IsKw(string kw) => _t[_p].Kind == TokKind.Name && ReferenceEquals(_t[_p].Op, kw);
    private static bool TokIs(Token t, string op) => ReferenceEquals(t.Op, op);

    private bool IsSoft(Token t, string name) =>
        t.Kind == TokKind.Name && t.Op is null && t.End - t.Pos == name.Length && string.CompareOrdinal(_s, t.Pos, name, 0, name.Length) == 0;

    private Token Next()
    {
        var t = _t[_p];
        if (_p < _t.Count - 1) _p++;
        return t;
    }

    private ParseException Fail(string message) => new(Cur.Pos, message);

    private ParseException Unexpected()
    {
        var t = Cur;
        return t.Kind switch
        {
            TokKind.EndOfFile => new ParseException(t.Pos, "unexpected end of file"),
            TokKind.Newline => new ParseException(t.Pos, "invalid syntax (unexpected end of line)"),
            TokKind.Indent => new ParseException(t.Pos, "unexpected indent"),
            TokKind.Dedent => new ParseException(t.Pos, "unexpected unindent"),
            _ => new ParseException(t.Pos, $"invalid syntax near '{Text(t)}'"),
        };
    }

    private string Text(Token t) => _s.Substring(t.Pos, Math.Min(t.End - t.Pos, 40));

    private Token Expect(string op)
    {
        if (IsOp(op)) return Next();
        throw Cur.Kind == TokKind.Op || Cur.Kind == TokKind.Name ? Fail($"expected '{op}'") : Unexpected();
    }

    private void ExpectKw(string kw)
    {
        if (IsKw(kw))
        {
            Next();
            return;
        }
        throw Fail($"expected '{kw}'");
    }

    private (string Name, int Pos) ExpectName()
    {
        var t = Cur;
        if (t.Kind != TokKind.Name || (t.Op is not null)) throw t.Kind == TokKind.Name ? Fail($"'{Text(t)}' is a keyword") : Fail("expected a name");
        Next();
        return (_s.Substring(t.Pos, t.End - t.Pos), t.Pos);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            throw Fail($"nesting too deep (more than {MaxDepth} levels)");
        }
    }

    private void Leave() => _depth--;

    private T Finish<T>(T node, int pos) where T : Node
    {
        node.Pos = pos;
        node.End = Math.Max(pos, LastEnd);
        return node;
    }

    // ---------- statements ----------

    /// <summary>Statements until a DEDENT (consumed) or end of file.</summary>
    private void ParseBlockBody(List<Stmt> body, bool topLevel)
    {
        while (true)
        {
            var t = Cur;
            if (t.Kind == TokKind.EndOfFile) return;
            if (t.Kind == TokKind.Dedent)
            {
                Next();
                if (!topLevel) return;
                continue;
            }
            if (t.Kind == TokKind.Newline)
            {
                Next();
                continue;
            }
            if (t.Kind == TokKind.Indent)
            {
                _errors.Add(new SyntaxError(t.Pos, "unexpected indent"));
                Next();
                Enter2(() => ParseBlockBody(body, topLevel: false));
                continue;
            }
            ParseStatementInto(body);
        }
    }

    private void Enter2(Action a)
    {
        if (_depth + 1 > MaxDepth)
        {
            _errors.Add(new SyntaxError(Cur.Pos, $"nesting too deep (more than {MaxDepth} levels)"));
            SkipBlock();
            return;
        }
        _depth++;
        try { a(); }
        finally { _depth--; }
    }

    private void ParseStatementInto(List<Stmt> body)
    {
        if ((++_statements & 255) == 0) _ct.ThrowIfCancellationRequested();
        var start = _p;
        var depth = _depth;
        var inPattern = _inPattern;
        try
        {
            ParseStatement(body);
        }
        catch (ParseException e)
        {
            _depth = depth;
            _inPattern = inPattern;
            _errors.Add(new SyntaxError(e.Pos, e.Message));
            var pos = _t[start].Pos;
            Recover(start);
            body.Add(Finish(new ErrorStmt(), pos));
        }
    }

    /// <summary>Skips to the end of the logical line, and the indented block after it.</summary>
    private void Recover(int start)
    {
        while (Cur.Kind is not (TokKind.Newline or TokKind.EndOfFile or TokKind.Indent or TokKind.Dedent)) Next();
        if (Cur.Kind == TokKind.Newline) Next();
        if (Cur.Kind == TokKind.Indent) SkipBlock();
        if (_p == start && Cur.Kind != TokKind.EndOfFile) Next();
    }

    /// <summary>At an INDENT: skips the block to its matching DEDENT (consumed).</summary>
    private void SkipBlock()
    {
        var level = 0;
        while (Cur.Kind != TokKind.EndOfFile)
        {
            var k = Next().Kind;
            if (k == TokKind.Indent) level++;
            else if (k == TokKind.Dedent && --level <= 0) return;
        }
    }

    private void ParseStatement(List<Stmt> body)
    {
        var t = Cur;
        if (t.Kind == TokKind.Op && TokIs(t, "@"))
        {
            body.Add(ParseDecorated());
            return;
        }
        if (t.Kind == TokKind.Name)
        {
            if (t.Op is not null)
            {
                switch (t.Op)
                {
                    case "if": body.Add(ParseIf()); return;
                    case "while": body.Add(ParseWhile()); return;
                    case "for": body.Add(ParseFor(t.Pos, false)); return;
                    case "try": body.Add(ParseTry()); return;
                    case "with": body.Add(ParseWith(t.Pos, false)); return;
                    case "def": body.Add(ParseFuncDef(t.Pos, false, null)); return;
                    case "class": body.Add(ParseClassDef(t.Pos, null)); return;
                    case "async":
                    {
                        var n = PeekTok();
                        if (TokIs(n, "def")) { Next(); body.Add(ParseFuncDef(t.Pos, true, null)); return; }
                        if (TokIs(n, "for")) { Next(); body.Add(ParseFor(t.Pos, true)); return; }
                        if (TokIs(n, "with")) { Next(); body.Add(ParseWith(t.Pos, true)); return; }
                        throw Fail("expected 'def', 'for' or 'with' after 'async'");
                    }
                }
            }
            else if (IsSoft(t, "match") && TryParseMatch(out var match))
            {
                body.Add(match);
                return;
            }
            else if (IsSoft(t, "type") && PeekTok().Kind == TokKind.Name && PeekTok().Op is null && (TokIs(PeekTok(2), "=") || TokIs(PeekTok(2), "[")))
            {
                body.Add(ParseTypeAlias());
                ExpectEndOfLine();
                return;
            }
        }
        ParseSimpleStatements(body);
    }

    private void ExpectEndOfLine()
    {
        if (Cur.Kind == TokKind.Newline) { Next(); return; }
        if (Cur.Kind is TokKind.EndOfFile or TokKind.Dedent) return;
        throw Unexpected();
    }

    private void ParseSimpleStatements(List<Stmt> body)
    {
        while (true)
        {
            body.Add(ParseSmallStatement());
            if (IsOp(";"))
            {
                Next();
                if (Cur.Kind is TokKind.Newline or TokKind.EndOfFile) break;
                continue;
            }
            break;
        }
        ExpectEndOfLine();
    }

    private Stmt ParseSmallStatement()
    {
        var t = Cur;
        var pos = t.Pos;
        if (t.Kind == TokKind.Name && t.Op is not null)
        {
            switch (t.Op)
            {
                case "pass" or "break" or "continue":
                    Next();
                    return Finish(new KeywordStmt { Keyword = t.Op }, pos);
                case "return":
                {
                    Next();
                    var r = new ReturnStmt();
                    if (CanStartExpression()) r.Value = ParseStarExpressions();
                    return Finish(r, pos);
                }
                case "raise":
                {
                    Next();
                    var r = new RaiseStmt();
                    if (CanStartExpression())
                    {
                        r.Exc = ParseTest();
                        if (IsKw("from"))
                        {
                            Next();
                            r.Cause = ParseTest();
                        }
                    }
                    return Finish(r, pos);
                }
                case "global" or "nonlocal":
                {
                    Next();
                    var s = new ScopeStmt { Keyword = t.Op };
                    s.Names.Add(ExpectName().Name);
                    while (IsOp(","))
                    {
                        Next();
                        s.Names.Add(ExpectName().Name);
                    }
                    return Finish(s, pos);
                }
                case "del":
                {
                    Next();
                    var d = new DeleteStmt();
                    d.Targets.Add(ParseBitOr());
                    while (IsOp(","))
                    {
                        Next();
                        if (!CanStartExpression()) break;
                        d.Targets.Add(ParseBitOr());
                    }
                    return Finish(d, pos);
                }
                case "assert":
                {
                    Next();
                    var a = new AssertStmt { Test = ParseTest() };
                    if (IsOp(","))
                    {
                        Next();
                        a.Msg = ParseTest();
                    }
                    return Finish(a, pos);
                }
                case "import":
                    return ParseImport();
                case "from":
                    return ParseFromImport();
            }
        }

        var first = IsKw("yield") ? ParseYield() : ParseStarExpressions();
        if (IsOp("="))
        {
            var a = new AssignStmt();
            a.Targets.Add(first);
            Expr value;
            while (true)
            {
                Next();
                value = IsKw("yield") ? ParseYield() : ParseStarExpressions();
                if (IsOp("="))
                {
                    a.Targets.Add(value);
                    continue;
                }
                break;
            }
            a.Value = value;
            return Finish(a, pos);
        }
        if (Cur.Kind == TokKind.Op && IsAugAssign(Cur.Op!))
        {
            var op = Next().Op!;
            var value = IsKw("yield") ? ParseYield() : ParseStarExpressions();
            return Finish(new AugAssignStmt { Target = first, Op = op, Value = value }, pos);
        }
        if (IsOp(":"))
        {
            Next();
            var ann = new AnnAssignStmt { Target = first, Annotation = ParseTest() };
            if (IsOp("="))
            {
                Next();
                ann.Value = IsKw("yield") ? ParseYield() : ParseStarExpressions();
            }
            return Finish(ann, pos);
        }
        return Finish(new ExprStmt { Value = first }, pos);
    }

    private static bool IsAugAssign(string op) => op is "+=" or "-=" or "*=" or "/=" or "//=" or "%=" or "**=" or ">>=" or "<<=" or "&=" or "|=" or "^=" or "@=";

    private string DottedName()
    {
        var (name, _) = ExpectName();
        while (IsOp("."))
        {
            Next();
            name += "." + ExpectName().Name;
        }
        return name;
    }

    private Stmt ParseImport()
    {
        var pos = Next().Pos;
        var s = new ImportStmt();
        while (true)
        {
            var ap = Cur.Pos;
            var alias = new Alias { Name = DottedName() };
            if (IsKw("as"))
            {
                Next();
                alias.AsName = ExpectName().Name;
            }
            s.Names.Add(Finish(alias, ap));
            if (!IsOp(",")) break;
            Next();
        }
        return Finish(s, pos);
    }

    private Stmt ParseFromImport()
    {
        var pos = Next().Pos;
        var s = new ImportFromStmt();
        while (IsOp(".") || IsOp("..."))
        {
            s.Level += IsOp(".") ? 1 : 3;
            Next();
        }
        if (!IsKw("import")) s.Module = DottedName();
        else if (s.Level == 0) throw Fail("expected a module name");
        ExpectKw("import");
        if (IsOp("*"))
        {
            var sp = Next().Pos;
            s.Names.Add(Finish(new Alias { Name = "*" }, sp));
            return Finish(s, pos);
        }
        var paren = IsOp("(");
        if (paren) Next();
        while (true)
        {
            var ap = Cur.Pos;
            var alias = new Alias { Name = ExpectName().Name };
            if (IsKw("as"))
            {
                Next();
                alias.AsName = ExpectName().Name;
            }
            s.Names.Add(Finish(alias, ap));
            if (!IsOp(",")) break;
            Next();
            if (paren && IsOp(")")) break;
        }
        if (paren) Expect(")");
        return Finish(s, pos);
    }

    private void ParseBlock(List<Stmt> body)
    {
        Expect(":");
        if (Cur.Kind == TokKind.Newline)
        {
            Next();
            if (Cur.Kind != TokKind.Indent) throw Fail("expected an indented block");
            Next();
            Enter2(() => ParseBlockBody(body, topLevel: false));
            return;
        }
        ParseSimpleStatements(body);
    }

    private Stmt ParseDecorated()
    {
        var pos = Cur.Pos;
        var decorators = new List<Expr>();
        while (IsOp("@"))
        {
            Next();
            decorators.Add(ParseNamedOrTest());
            if (Cur.Kind != TokKind.Newline) throw Fail("expected a new line after a decorator");
            Next();
        }
        if (IsKw("def")) return ParseFuncDef(pos, false, decorators);
        if (IsKw("async") && TokIs(PeekTok(), "def"))
        {
            Next();
            return ParseFuncDef(pos, true, decorators);
        }
        if (IsKw("class")) return ParseClassDef(pos, decorators);
        throw Fail("expected 'def' or 'class' after decorators");
    }

    private Stmt ParseFuncDef(int pos, bool isAsync, List<Expr>? decorators)
    {
        Next(); // def
        var (name, namePos) = ExpectName();
        var f = new FunctionDefStmt { IsAsync = isAsync, Name = name, NamePos = namePos };
        if (decorators is not null) f.Decorators.AddRange(decorators);
        if (IsOp("[")) f.TypeParams = ParseTypeParams();
        var pp = Expect("(").Pos;
        f.Params = ParseParams(")", annotations: true, pp);
        Expect(")");
        f.Params.End = LastEnd;
        if (IsOp("->"))
        {
            Next();
            f.Returns = ParseTest();
        }
        ParseBlock(f.Body);
        return Finish(f, pos);
    }

    private Parameters ParseParams(string close, bool annotations, int pos)
    {
        var ps = new Parameters { Pos = pos };
        var kwOnly = false;
        while (!IsOp(close))
        {
            var pp = Cur.Pos;
            if (IsOp("/"))
            {
                Next();
                foreach (var q in ps.List) q.PositionalOnly = true;
            }
            else if (IsOp("*") || IsOp("**"))
            {
                var two = Next().Op == "**";
                if (!two && (IsOp(",") || IsOp(close)))
                {
                    kwOnly = true;
                }
                else
                {
                    var p = new Param { Name = ExpectName().Name, Kind = two ? ParamKind.KwArgs : ParamKind.VarArgs };
                    if (annotations && IsOp(":"))
                    {
                        Next();
                        p.Annotation = !two && IsOp("*") ? ParseStarred() : ParseTest();
                    }
                    ps.List.Add(Finish(p, pp));
                    if (!two) kwOnly = true;
                }
            }
            else
            {
                var p = new Param { Name = ExpectName().Name, KeywordOnly = kwOnly };
                if (annotations && IsOp(":"))
                {
                    Next();
                    p.Annotation = ParseTest();
                }
                if (IsOp("="))
                {
                    Next();
                    p.Default = ParseTest();
                }
                ps.List.Add(Finish(p, pp));
            }
            if (!IsOp(",")) break;
            Next();
        }
        ps.End = LastEnd;
        return ps;
    }

    private List<TypeParam> ParseTypeParams()
    {
        Expect("[");
        var list = new List<TypeParam>();
        while (!IsOp("]"))
        {
            var pos = Cur.Pos;
            var tp = new TypeParam();
            if (IsOp("*")) { Next(); tp.Star = 1; }
            else if (IsOp("**")) { Next(); tp.Star = 2; }
            tp.Name = ExpectName().Name;
            if (tp.Star == 0 && IsOp(":"))
            {
                Next();
                tp.Bound = ParseTest();
            }
            if (IsOp("="))
            {
                Next();
                tp.Default = IsOp("*") ? ParseStarred() : ParseTest();
            }
            list.Add(Finish(tp, pos));
            if (!IsOp(",")) break;
            Next();
        }
        Expect("]");
        if (list.Count == 0) throw Fail("type parameter list cannot be empty");
        return list;
    }

    private Stmt ParseClassDef(int pos, List<Expr>? decorators)
    {
        Next(); // class
        var (name, namePos) = ExpectName();
        var c = new ClassDefStmt { Name = name, NamePos = namePos };
        if (decorators is not null) c.Decorators.AddRange(decorators);
        if (IsOp("[")) c.TypeParams = ParseTypeParams();
        if (IsOp("("))
        {
            Next();
            ParseArgs(c.Bases);
            Expect(")");
        }
        ParseBlock(c.Body);
        return Finish(c, pos);
    }

    private Stmt ParseIf()
    {
        var pos = Next().Pos;
        var s = new IfStmt { Test = ParseNamedOrTest() };
        ParseBlock(s.Body);
        if (IsKw("elif"))
        {
            s.OrElse.Add(ParseIf());
        }
        else if (IsKw("else"))
        {
            Next();
            ParseBlock(s.OrElse);
        }
        return Finish(s, pos);
    }

    private Stmt ParseWhile()
    {
        var pos = Next().Pos;
        var s = new WhileStmt { Test = ParseNamedOrTest() };
        ParseBlock(s.Body);
        if (IsKw("else"))
        {
            Next();
            ParseBlock(s.OrElse);
        }
        return Finish(s, pos);
    }

    private Stmt ParseFor(int pos, bool isAsync)
    {
        Next(); // for
        var s = new ForStmt { IsAsync = isAsync, Target = ParseTargetList() };
        ExpectKw("in");
        s.Iter = ParseStarExpressions();
        ParseBlock(s.Body);
        if (IsKw("else"))
        {
            Next();
            ParseBlock(s.OrElse);
        }
        return Finish(s, pos);
    }

    private Expr ParseTargetList()
    {
        var pos = Cur.Pos;
        var first = IsOp("*") ? ParseStarred() : ParseBitOr();
        if (!IsOp(",")) return first;
        var tuple = new TupleExpr();
        tuple.Elts.Add(first);
        while (IsOp(","))
        {
            Next();
            if (IsKw("in") || IsOp("=") || !CanStartExpression()) break;
            tuple.Elts.Add(IsOp("*") ? ParseStarred() : ParseBitOr());
        }
        return Finish(tuple, pos);
    }

    private Stmt ParseWith(int pos, bool isAsync)
    {
        Next(); // with
        var s = new WithStmt { IsAsync = isAsync };
        if (IsOp("("))
        {
            // parenthesized context managers: ( item, item, ) ':'
            var save = _p;
            var errCount = _errors.Count;
            try
            {
                Next();
                while (!IsOp(")"))
                {
                    s.Items.Add(ParseWithItem());
                    if (!IsOp(",")) break;
                    Next();
                }
                Expect(")");
                if (!IsOp(":")) throw Fail("not a parenthesized with");
            }
            catch (ParseException)
            {
                _p = save;
                if (_errors.Count > errCount) _errors.RemoveRange(errCount, _errors.Count - errCount);
                s.Items.Clear();
            }
        }
        if (s.Items.Count == 0)
        {
            while (true)
            {
                s.Items.Add(ParseWithItem());
                if (!IsOp(",")) break;
                Next();
            }
        }
        ParseBlock(s.Body);
        return Finish(s, pos);
    }

    private WithItem ParseWithItem()
    {
        var pos = Cur.Pos;
        var item = new WithItem { Context = ParseTest() };
        if (IsKw("as"))
        {
            Next();
            item.Vars = IsOp("*") ? ParseStarred() : ParseTargetAtomList();
        }
        return Finish(item, pos);
    }

    /// <summary>A with-target: one target, or a parenthesized/bracketed list (parsed as an expression).</summary>
    private Expr ParseTargetAtomList() => ParseBitOr();

    private Stmt ParseTry()
    {
        var pos = Next().Pos;
        var s = new TryStmt();
        ParseBlock(s.Body);
        while (IsKw("except"))
        {
            var hp = Next().Pos;
            var h = new ExceptHandler();
            if (IsOp("*"))
            {
                Next();
                h.Star = true;
            }
            if (!IsOp(":"))
            {
                var tp = Cur.Pos;
                var type = ParseTest();
                if (IsOp(","))
                {
                    // Python 3.14: except A, B:
                    var tuple = new TupleExpr();
                    tuple.Elts.Add(type);
                    while (IsOp(","))
                    {
                        Next();
                        tuple.Elts.Add(ParseTest());
                    }
                    type = Finish(tuple, tp);
                }
                h.Type = type;
                if (IsKw("as"))
                {
                    Next();
                    h.Name = ExpectName().Name;
                }
            }
            ParseBlock(h.Body);
            s.Handlers.Add(Finish(h, hp));
        }
        if (IsKw("else"))
        {
            Next();
            ParseBlock(s.OrElse);
        }
        if (IsKw("finally"))
        {
            Next();
            ParseBlock(s.FinalBody);
        }
        if (s.Handlers.Count == 0 && s.FinalBody.Count == 0) throw Fail("expected 'except' or 'finally' block");
        return Finish(s, pos);
    }

    private Stmt ParseTypeAlias()
    {
        var pos = Next().Pos; // type
        var s = new TypeAliasStmt { Name = ExpectName().Name };
        if (IsOp("[")) s.TypeParams = ParseTypeParams();
        Expect("=");
        s.Value = ParseTest();
        return Finish(s, pos);
    }

    private bool TryParseMatch(out Stmt match)
    {
        match = null!;
        var n = PeekTok();
        // `match` used as a name: match = …, match.group(), match: T, match, x = …
        if (n.Kind is TokKind.Newline or TokKind.EndOfFile) return false;
        if (n.Kind == TokKind.Op && n.Op is not ("(" or "[" or "{" or "-" or "*" or "~" or "..." or "+")) return false;
        if (n.Kind == TokKind.Name && n.Op is "in" or "is" or "and" or "or" or "if" or "else" or "for" or "not") return false;
        var save = _p;
        var errCount = _errors.Count;
        var pos = Cur.Pos;
        Expr subject;
        try
        {
            Next();
            subject = ParseStarNamedExpressions();
            Expect(":");
            if (Cur.Kind != TokKind.Newline) throw Fail("not a match");
            Next();
            if (Cur.Kind != TokKind.Indent || !IsSoft(PeekTok(), "case")) throw Fail("not a match");
        }
        catch (ParseException)
        {
            _p = save;
            if (_errors.Count > errCount) _errors.RemoveRange(errCount, _errors.Count - errCount);
            return false;
        }
        Next(); // INDENT
        var m = new MatchStmt { Subject = subject };
        Enter();
        try
        {
            while (IsSoft(Cur, "case"))
            {
                var cp = Next().Pos;
                var c = new MatchCase();
                _inPattern = true;
                try
                {
                    c.Pattern = ParseStarNamedExpressions();
                }
                finally
                {
                    _inPattern = false;
                }
                if (IsKw("if"))
                {
                    Next();
                    c.Guard = ParseNamedOrTest();
                }
                ParseBlock(c.Body);
                m.Cases.Add(Finish(c, cp));
                while (Cur.Kind == TokKind.Newline) Next();
            }
        }
        finally
        {
            Leave();
        }
        if (Cur.Kind == TokKind.Dedent) Next();
        else if (Cur.Kind != TokKind.EndOfFile) throw Fail("expected 'case'");
        match = Finish(m, pos);
        return true;
    }

    // ---------- expressions ----------

    private bool CanStartExpression()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokKind.Name:
                return t.Op is null or "None" or "True" or "False" or "not" or "lambda" or "await" or "yield";
            case TokKind.Number:
            case TokKind.String:
                return true;
            case TokKind.Op:
                return t.Op is "(" or "[" or "{" or "-" or "+" or "~" or "*" or "**" or "...";
            default:
                return false;
        }
    }

    /// <summary>star_expressions: an expression, or a tuple without parentheses (star elements allowed).</summary>
    private Expr ParseStarExpressions()
    {
        var pos = Cur.Pos;
        var first = ParseStarElement();
        if (!IsOp(",")) return first;
        var tuple = new TupleExpr();
        tuple.Elts.Add(first);
        while (IsOp(","))
        {
            Next();
            if (!CanStartExpression() || IsKw("yield")) break;
            tuple.Elts.Add(ParseStarElement());
        }
        return Finish(tuple, pos);
    }

    /// <summary>Like <see cref="ParseStarExpressions"/> but elements may be walrus expressions (match subjects, patterns).</summary>
    private Expr ParseStarNamedExpressions()
    {
        var pos = Cur.Pos;
        var first = ParseStarNamedElement();
        if (!IsOp(",")) return first;
        var tuple = new TupleExpr();
        tuple.Elts.Add(first);
        while (IsOp(","))
        {
            Next();
            if (!CanStartExpression()) break;
            tuple.Elts.Add(ParseStarNamedElement());
        }
        return Finish(tuple, pos);
    }

    private Expr ParseStarElement() => IsOp("*") ? ParseStarred() : ParseTest();

    private Expr ParseStarNamedElement()
    {
        var pos = Cur.Pos;
        Expr e;
        if (IsOp("*")) e = ParseStarred();
        else if (_inPattern && IsOp("**"))
        {
            Next();
            e = Finish(new StarredExpr { Value = ParseBitOr() }, pos);
        }
        else e = ParseNamedOrTest();
        return PatternAs(e, pos);
    }

    private Expr PatternAs(Expr e, int pos)
    {
        while (_inPattern && IsKw("as"))
        {
            Next();
            e = Finish(new PatternAsExpr { Pattern = e, Name = ExpectName().Name }, pos);
        }
        return e;
    }

    private Expr ParseStarred()
    {
        var pos = Expect("*").Pos;
        return Finish(new StarredExpr { Value = ParseBitOr() }, pos);
    }

    private Expr ParseNamedOrTest()
    {
        var t = Cur;
        if (t.Kind == TokKind.Name && t.Op is null && TokIs(PeekTok(), ":="))
        {
            Next();
            Next();
            var target = Finish(new NameExpr(_s.Substring(t.Pos, t.End - t.Pos)), t.Pos);
            target.End = t.End;
            var value = ParseTest();
            return Finish(new NamedExpr { Target = target, Value = value }, t.Pos);
        }
        return ParseTest();
    }

    private Expr ParseYield()
    {
        var pos = Next().Pos;
        var y = new YieldExpr();
        if (IsKw("from"))
        {
            Next();
            y.From = true;
            y.Value = ParseTest();
        }
        else if (CanStartExpression() && !IsKw("yield"))
        {
            y.Value = ParseStarExpressions();
        }
        return Finish(y, pos);
    }

    private Expr ParseTest()
    {
        Enter();
        try
        {
            var pos = Cur.Pos;
            if (IsKw("lambda")) return ParseLambda();
            var e = ParseDisjunction();
            if (IsKw("if") && !_inPattern)
            {
                Next();
                var test = ParseDisjunction();
                ExpectKw("else");
                var orElse = ParseTest();
                return Finish(new IfExpr { Body = e, Test = test, OrElse = orElse }, pos);
            }
            return e;
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseLambda()
    {
        var pos = Next().Pos;
        var ps = ParseParams(":", annotations: false, Cur.Pos);
        Expect(":");
        var body = ParseTest();
        return Finish(new LambdaExpr { Params = ps, Body = body }, pos);
    }

    private Expr ParseDisjunction()
    {
        var pos = Cur.Pos;
        var e = ParseConjunction();
        if (!IsKw("or")) return e;
        var b = new BoolOpExpr { Op = "or" };
        b.Values.Add(e);
        while (IsKw("or"))
        {
            Next();
            b.Values.Add(ParseConjunction());
        }
        return Finish(b, pos);
    }

    private Expr ParseConjunction()
    {
        var pos = Cur.Pos;
        var e = ParseInversion();
        if (!IsKw("and")) return e;
        var b = new BoolOpExpr { Op = "and" };
        b.Values.Add(e);
        while (IsKw("and"))
        {
            Next();
            b.Values.Add(ParseInversion());
        }
        return Finish(b, pos);
    }

    private Expr ParseInversion()
    {
        if (!IsKw("not")) return ParseComparison();
        var pos = Next().Pos;
        Enter();
        try
        {
            return Finish(new UnaryExpr { Op = "not", Operand = ParseInversion() }, pos);
        }
        finally
        {
            Leave();
        }
    }

    private string? ComparisonOp()
    {
        var t = Cur;
        if (t.Kind == TokKind.Op) return t.Op is "==" or "!=" or "<" or ">" or "<=" or ">=" or "<>" ? t.Op : null;
        if (t.Kind != TokKind.Name) return null;
        if (TokIs(t, "in")) return "in";
        if (TokIs(t, "is")) return TokIs(PeekTok(), "not") ? "is not" : "is";
        if (TokIs(t, "not") && TokIs(PeekTok(), "in")) return "not in";
        return null;
    }

    private Expr ParseComparison()
    {
        var pos = Cur.Pos;
        var e = ParseBitOr();
        var op = ComparisonOp();
        if (op is null) return e;
        var c = new CompareExpr { Left = e };
        while (op is not null)
        {
            Next();
            if (op is "is not" or "not in") Next();
            c.Ops.Add(op);
            c.Comparators.Add(ParseBitOr());
            op = ComparisonOp();
        }
        return Finish(c, pos);
    }

    private static int BinaryLevel(string? op) => op switch
    {
        "|" => 0,
        "^" => 1,
        "&" => 2,
        "<<" or ">>" => 3,
        "+" or "-" => 4,
        "*" or "/" or "//" or "%" or "@" => 5,
        _ => -1,
    };

    private Expr ParseBitOr() => ParseBinary(0);

    private Expr ParseBinary(int level)
    {
        if (level == 6) return ParseUnary();
        var pos = Cur.Pos;
        var left = ParseBinary(level + 1);
        while (Cur.Kind == TokKind.Op && BinaryLevel(Cur.Op) == level)
        {
            var op = Next().Op!;
            var right = ParseBinary(level + 1);
            left = Finish(new BinOpExpr { Left = left, Op = op, Right = right }, pos);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        var t = Cur;
        if (t.Kind == TokKind.Op && t.Op is "-" or "+" or "~")
        {
            Next();
            Enter();
            try
            {
                return Finish(new UnaryExpr { Op = t.Op, Operand = ParseUnary() }, t.Pos);
            }
            finally
            {
                Leave();
            }
        }
        var pos = t.Pos;
        Expr e;
        if (IsKw("await"))
        {
            Next();
            e = Finish(new AwaitExpr { Value = ParsePrimary() }, pos);
        }
        else
        {
            e = ParsePrimary();
        }
        if (IsOp("**"))
        {
            Next();
            Enter();
            try
            {
                var right = ParseUnary();
                return Finish(new BinOpExpr { Left = e, Op = "**", Right = right }, pos);
            }
            finally
            {
                Leave();
            }
        }
        return e;
    }

    private Expr ParsePrimary()
    {
        var pos = Cur.Pos;
        var e = ParseAtom();
        while (Cur.Kind == TokKind.Op)
        {
            if (IsOp("."))
            {
                Next();
                var nt = Cur;
                if (nt.Kind != TokKind.Name) throw Fail("expected an attribute name");
                Next();
                e = Finish(new AttributeExpr { Value = e, Attr = _s.Substring(nt.Pos, nt.End - nt.Pos), AttrPos = nt.Pos }, pos);
            }
            else if (IsOp("("))
            {
                Next();
                var call = new CallExpr { Func = e };
                ParseArgs(call.Args);
                Expect(")");
                e = Finish(call, pos);
            }
            else if (IsOp("["))
            {
                Next();
                var index = ParseSubscriptList();
                Expect("]");
                e = Finish(new SubscriptExpr { Value = e, Index = index }, pos);
            }
            else break;
        }
        return e;
    }

    private void ParseArgs(List<Arg> args)
    {
        Enter();
        try
        {
            while (!IsOp(")"))
            {
                var pos = Cur.Pos;
                var a = new Arg();
                if (IsOp("*"))
                {
                    Next();
                    a.Star = 1;
                    a.Value = ParseTest();
                }
                else if (IsOp("**"))
                {
                    Next();
                    a.Star = 2;
                    a.Value = ParseTest();
                }
                else if (Cur.Kind == TokKind.Name && Cur.Op is null && TokIs(PeekTok(), "="))
                {
                    a.Name = _s.Substring(Cur.Pos, Cur.End - Cur.Pos);
                    Next();
                    Next();
                    a.Value = PatternAs(ParseTest(), Cur.Pos);
                }
                else
                {
                    var v = ParseNamedOrTest();
                    if (IsKw("for") || (IsKw("async") && TokIs(PeekTok(), "for")))
                    {
                        var comp = new ComprehensionExpr { Kind = '(', Elt = v };
                        ParseComprehensions(comp.Generators);
                        v = Finish(comp, pos);
                    }
                    a.Value = PatternAs(v, pos);
                }
                args.Add(Finish(a, pos));
                if (!IsOp(",")) break;
                Next();
            }
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseSubscriptList()
    {
        var pos = Cur.Pos;
        var first = ParseSliceItem();
        if (!IsOp(",")) return first;
        var tuple = new TupleExpr();
        tuple.Elts.Add(first);
        while (IsOp(","))
        {
            Next();
            if (IsOp("]")) break;
            tuple.Elts.Add(ParseSliceItem());
        }
        return Finish(tuple, pos);
    }

    private Expr ParseSliceItem()
    {
        var pos = Cur.Pos;
        if (IsOp("*")) return ParseStarred();
        Expr? lower = null;
        if (!IsOp(":")) lower = ParseNamedOrTest();
        if (!IsOp(":")) return lower!;
        Next();
        var slice = new SliceExpr { Lower = lower };
        if (!IsOp(":") && !IsOp(",") && !IsOp("]")) slice.Upper = ParseTest();
        if (IsOp(":"))
        {
            Next();
            if (!IsOp(",") && !IsOp("]")) slice.Step = ParseTest();
        }
        return Finish(slice, pos);
    }

    private void ParseComprehensions(List<Comprehension> gens)
    {
        while (IsKw("for") || (IsKw("async") && TokIs(PeekTok(), "for")))
        {
            var pos = Cur.Pos;
            var c = new Comprehension();
            if (IsKw("async"))
            {
                Next();
                c.IsAsync = true;
            }
            Next(); // for
            c.Target = ParseTargetList();
            ExpectKw("in");
            c.Iter = ParseDisjunction();
            while (IsKw("if"))
            {
                Next();
                c.Ifs.Add(ParseDisjunction());
            }
            gens.Add(Finish(c, pos));
        }
    }

    private Expr ParseAtom()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokKind.Name:
                if (t.Op is null)
                {
                    Next();
                    var n = new NameExpr(_s.Substring(t.Pos, t.End - t.Pos)) { Pos = t.Pos, End = t.End };
                    return n;
                }
                if (t.Op is "None" or "True" or "False")
                {
                    Next();
                    return new ConstExpr(t.Op) { Pos = t.Pos, End = t.End };
                }
                throw Unexpected();
            case TokKind.Number:
                Next();
                return new NumberExpr(_s.Substring(t.Pos, t.End - t.Pos)) { Pos = t.Pos, End = t.End };
            case TokKind.String:
                return ParseStrings();
            case TokKind.Op:
                switch (t.Op)
                {
                    case "...":
                        Next();
                        return new ConstExpr("...") { Pos = t.Pos, End = t.End };
                    case "(":
                        return ParseParen();
                    case "[":
                        return ParseListDisplay();
                    case "{":
                        return ParseBraceDisplay();
                }
                throw Unexpected();
            default:
                throw Unexpected();
        }
    }

    private Expr ParseParen()
    {
        var pos = Next().Pos;
        try
        {
            if (IsOp(")"))
            {
                Next();
                return Finish(new TupleExpr { Parenthesized = true }, pos);
            }
            if (IsKw("yield"))
            {
                var y = ParseYield();
                Expect(")");
                return y;
            }
            var first = ParseStarNamedElement();
            if (IsKw("for") || (IsKw("async") && TokIs(PeekTok(), "for")))
            {
                var comp = new ComprehensionExpr { Kind = '(', Elt = first };
                ParseComprehensions(comp.Generators);
                Expect(")");
                return Finish(comp, pos);
            }
            if (!IsOp(","))
            {
                Expect(")");
                return first;
            }
            var tuple = new TupleExpr { Parenthesized = true };
            tuple.Elts.Add(first);
            while (IsOp(","))
            {
                Next();
                if (IsOp(")")) break;
                tuple.Elts.Add(ParseStarNamedElement());
            }
            Expect(")");
            return Finish(tuple, pos);
        }
        finally
        {
        }
    }

    private Expr ParseListDisplay()
    {
        var pos = Next().Pos;
        try
        {
            var list = new ListExpr();
            if (IsOp("]"))
            {
                Next();
                return Finish(list, pos);
            }
            var first = ParseStarNamedElement();
            if (IsKw("for") || (IsKw("async") && TokIs(PeekTok(), "for")))
            {
                var comp = new ComprehensionExpr { Kind = '[', Elt = first };
                ParseComprehensions(comp.Generators);
                Expect("]");
                return Finish(comp, pos);
            }
            list.Elts.Add(first);
            while (IsOp(","))
            {
                Next();
                if (IsOp("]")) break;
                list.Elts.Add(ParseStarNamedElement());
            }
            Expect("]");
            return Finish(list, pos);
        }
        finally
        {
        }
    }

    private Expr ParseBraceDisplay()
    {
        var pos = Next().Pos;
        try
        {
            if (IsOp("}"))
            {
                Next();
                return Finish(new DictExpr(), pos);
            }
            if (IsOp("**"))
            {
                return ParseDictRest(new DictExpr(), pos);
            }
            var first = ParseStarNamedElement();
            if (IsOp(":"))
            {
                Next();
                var value = ParseTest();
                value = PatternAs(value, value.Pos);
                if (IsKw("for") || (IsKw("async") && TokIs(PeekTok(), "for")))
                {
                    var comp = new ComprehensionExpr { Kind = '{', Key = first, Elt = value };
                    ParseComprehensions(comp.Generators);
                    Expect("}");
                    return Finish(comp, pos);
                }
                var d = new DictExpr();
                d.Keys.Add(first);
                d.Values.Add(value);
                if (IsOp(","))
                {
                    Next();
                    return ParseDictRest(d, pos);
                }
                Expect("}");
                return Finish(d, pos);
            }
            if (IsKw("for") || (IsKw("async") && TokIs(PeekTok(), "for")))
            {
                var comp = new ComprehensionExpr { Kind = '{', Elt = first };
                ParseComprehensions(comp.Generators);
                Expect("}");
                return Finish(comp, pos);
            }
            var set = new SetExpr();
            set.Elts.Add(first);
            while (IsOp(","))
            {
                Next();
                if (IsOp("}")) break;
                set.Elts.Add(ParseStarNamedElement());
            }
            Expect("}");
            return Finish(set, pos);
        }
        finally
        {
        }
    }

    private Expr ParseDictRest(DictExpr d, int pos)
    {
        while (!IsOp("}"))
        {
            if (IsOp("**"))
            {
                var sp = Next().Pos;
                var v = ParseBitOr();
                if (_inPattern) v = PatternAs(v, sp);
                d.Keys.Add(null);
                d.Values.Add(v);
            }
            else
            {
                var k = ParseTest();
                Expect(":");
                var v = ParseTest();
                d.Keys.Add(k);
                d.Values.Add(PatternAs(v, v.Pos));
            }
            if (!IsOp(",")) break;
            Next();
        }
        Expect("}");
        return Finish(d, pos);
    }

    // ---------- strings ----------

    private Expr ParseStrings()
    {
        var s = new StrExpr { Pos = Cur.Pos };
        while (Cur.Kind == TokKind.String)
        {
            var t = Next();
            s.Parts.Add(MakeStrPart(t));
        }
        s.End = LastEnd;
        return s;
    }

    private StrPart MakeStrPart(Token t)
    {
        var q = t.Pos;
        while (q < t.End && _s[q] is not ('\'' or '"')) q++;
        var prefix = _s.Substring(t.Pos, q - t.Pos);
        var lower = prefix.ToLowerInvariant();
        var quote = q < t.End ? _s[q] : '"';
        var triple = q + 2 < t.End && _s[q + 1] == quote && _s[q + 2] == quote && t.End - q >= 6;
        var ql = triple ? 3 : 1;
        var bodyStart = Math.Min(q + ql, t.End);
        var bodyEnd = t.End - ql >= bodyStart && t.End - q >= 2 * ql && _s[t.End - 1] == quote ? t.End - ql : t.End;
        var part = new StrPart
        {
            Prefix = prefix,
            IsBytes = lower.Contains('b'),
            IsRaw = lower.Contains('r'),
            IsFormatted = lower.Contains('f') || lower.Contains('t'),
            BodyStart = bodyStart,
            BodyEnd = bodyEnd,
            Pos = t.Pos,
            End = t.End,
        };
        if (t.FString is not null) AddPieces(t.FString, part.Pieces);
        return part;
    }

    private void AddPieces(FStringInfo info, List<Node> pieces)
    {
        int li = 0, fi = 0;
        foreach (var isLit in info.Order)
        {
            if (isLit)
            {
                var (a, b) = info.Literals[li++];
                pieces.Add(new FLiteral { Pos = a, End = b });
            }
            else
            {
                var f = info.Fields[fi++];
                var field = new FField { Pos = f.Open, End = f.Close, Debug = f.Debug, Conversion = f.Conversion, Value = ParseFieldExpression(f) };
                if (f.Spec is not null)
                {
                    field.Spec = new List<Node>();
                    AddPieces(f.Spec, field.Spec);
                }
                pieces.Add(field);
            }
        }
    }

    private Expr ParseFieldExpression(FStringField f)
    {
        var toks = Lexer.TokenizeFragment(_s, f.ExprStart, Math.Max(f.ExprStart, f.ExprEnd), _errors, _comments);
        var sub = new Parser(_s, toks, _errors, _comments, _depth + 1, _ct);
        try
        {
            if (sub._depth > MaxDepth) throw sub.Fail($"nesting too deep (more than {MaxDepth} levels)");
            if (sub.Cur.Kind == TokKind.EndOfFile) throw new ParseException(f.ExprStart, "f-string: valid expression required before '}'");
            var e = sub.IsKw("yield") ? sub.ParseYield() : sub.ParseStarNamedExpressions();
            if (sub.Cur.Kind != TokKind.EndOfFile) throw sub.Unexpected();
            return e;
        }
        catch (ParseException e)
        {
            _errors.Add(new SyntaxError(e.Pos, e.Message));
            return new ErrorExpr { Pos = f.ExprStart, End = Math.Max(f.ExprStart, f.ExprEnd) };
        }
    }
}

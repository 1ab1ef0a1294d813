using System.Runtime.CompilerServices;

namespace V6Ready.JavaScript.Syntax;

public sealed record SyntaxError(int Offset, string Message);

/// <summary>The result of parsing one file: the tree (possibly partial), its comments and syntax errors.</summary>
public sealed class ParseResult
{
    public required Program Program { get; init; }
    public required List<SyntaxError> Errors { get; init; }
    public required List<RawComment> Comments { get; init; }
}

public sealed class ParseOptions
{
    public bool TypeScript { get; init; }
    /// <summary>Flow's type syntax on top of the TypeScript path's type-skipping (set for the reparse of a plain .js file
    /// that fails as JavaScript): maybe types <c>?T</c>, unparenthesised function types <c>T =&gt; U</c>, type casts
    /// <c>(e: T)</c>, <c>declare module.exports</c>, <c>declare export</c>, <c>opaque type</c>, <c>import typeof</c>, inline
    /// <c>interface {…}</c> types and <c>%checks</c>. Only meaningful with <see cref="TypeScript"/>.</summary>
    public bool Flow { get; init; }
    public bool Jsx { get; init; }
    /// <summary>Maximum nesting of the parser's recursion (a parenthesized or bracketed level costs about two), so roughly
    /// 500–700 levels of source nesting; deeper input is a parse error, not a stack overflow.</summary>
    public int MaxDepth { get; init; } = 1500;
    public int MaxErrors { get; init; } = 25;

    public static ParseOptions ForPath(string path)
    {
        var p = path.ToLowerInvariant();
        var ts = p.EndsWith(".ts") || p.EndsWith(".mts") || p.EndsWith(".cts") || p.EndsWith(".tsx");
        var jsx = p.EndsWith(".tsx") || !ts;
        return new ParseOptions { TypeScript = ts, Jsx = jsx };
    }
}

/// <summary>Thrown when the input nests deeper than the limit (or the stack runs short): the whole parse stops.</summary>
internal sealed class ParseAbortException : Exception
{
    public ParseAbortException(string message, int offset, bool stack) : base(message) { Offset = offset; Stack = stack; }
    public int Offset { get; }
    public bool Stack { get; }
}

/// <summary>
/// A tolerant recursive-descent parser for ECMAScript 2024 + JSX + TypeScript producing an ESTree-shaped tree.
/// Types are parsed only to be skipped (bracket-balanced); the value-level tree is complete. Errors are recovered
/// at statement level.
/// </summary>
public sealed partial class Parser
{
    private readonly Lexer _lx;
    private readonly ParseOptions _o;
    private readonly bool _ts;
    private readonly bool _flow;
    /// <summary>Set while skipping an arrow function's return type, where Flow does not allow an unparenthesised
    /// function type (in <c>(x): T =&gt; body</c> the arrow belongs to the function).</summary>
    private bool _noAnonFunctionType;
    private readonly bool _jsx;
    private readonly List<SyntaxError> _errors = new();
    private Token _tok;
    private int _prevEnd;
    private int _depth;
    private int _speculating;
    private bool _inAsync, _inGenerator;
    private int _functionDepth;
    private readonly HashSet<int> _arrowFailed = new();

    private Parser(string text, ParseOptions options)
    {
        _lx = new Lexer(text);
        _o = options;
        _ts = options.TypeScript;
        _flow = options.Flow && options.TypeScript;
        _jsx = options.Jsx;
    }

    /// <summary>
    /// Parses a whole file. Never throws for malformed input. A JavaScript file that does not parse as JavaScript but
    /// parses without error with the TypeScript path's type-skipping is taken so: Flow-typed .js (`// @flow`,
    /// `import type`, `declare module`, annotations) has the same type positions, and its value-level tree is the same.
    /// </summary>
    public static ParseResult Parse(string text, ParseOptions options)
    {
        var result = ParseOnce(text, options);
        if (result.Errors.Count > 0 && !options.TypeScript)
        {
            var typed = ParseOnce(text, new ParseOptions { TypeScript = true, Flow = true, Jsx = options.Jsx, MaxDepth = options.MaxDepth, MaxErrors = options.MaxErrors });
            if (typed.Errors.Count == 0) return typed;
        }
        return result;
    }

    private static ParseResult ParseOnce(string text, ParseOptions options)
    {
        try
        {
            return new Parser(text, options).Run();
        }
        catch (ParseAbortException e) when (e.Stack)
        {
            // Ran short of stack on this thread: retry on a thread with a large stack.
            ParseResult? result = null;
            Exception? error = null;
            var t = new Thread(() =>
            {
                t_bigStack = true;
                try { result = new Parser(text, options).Run(); }
                catch (Exception inner) { error = inner; } // never let an exception escape a thread (it would end the process)
            }, 256 * 1024 * 1024);
            t.Start();
            t.Join();
            if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            return result!;
        }
    }

    private ParseResult Run()
    {
        var program = new Program { Start = 0 };
        try
        {
            NextSafe();
            program.Body = ParseStatementList(null, top: true);
        }
        catch (ParseAbortException e) when (!e.Stack || t_bigStack)
        {
            AddError(e.Offset, e.Message);
        }
        program.End = _lx.Text.Length;
        program.IsModule = program.Body.Any(s => s is ImportDeclaration or ExportDeclaration);
        return new ParseResult { Program = program, Errors = _errors, Comments = _lx.Comments };
    }

    [ThreadStatic] private static bool t_bigStack;
    private static bool IsBigStackThread() => t_bigStack;

    // ------------------------------------------------------------ token helpers

    private void AddError(int offset, string message)
    {
        if (_errors.Count < _o.MaxErrors && !_errors.Any(e => e.Offset == offset)) _errors.Add(new SyntaxError(offset, message));
    }

    private SyntaxErrorException Err(string message, int? at = null) => new(message, at ?? _tok.Start);

    private SyntaxErrorException Unexpected() =>
        _tok.Kind == TokenKind.EOF ? Err("Unexpected end of input") : Err($"Unexpected token '{Text(_tok)}'");

    private string Text(Token t) => t.End - t.Start > 40 ? _lx.Text.Substring(t.Start, 40) + "…" : _lx.Text.Substring(t.Start, t.End - t.Start);

    private int _peekPos = -1;
    private Token _peekTok;

    /// <summary>The ordinary token at <paramref name="pos"/> (scanning is a pure function of the position, so it is cached).</summary>
    private Token ScanAt(int pos)
    {
        if (pos == _peekPos) return _peekTok;
        _lx.Pos = pos;
        var t = _lx.Next();
        _peekPos = pos;
        _peekTok = t;
        return t;
    }

    private void Next()
    {
        _prevEnd = _tok.End;
        _tok = ScanAt(_tok.End);
        _lx.Pos = _tok.End;
    }

    private void NextSafe()
    {
        try { Next(); }
        catch (SyntaxErrorException e)
        {
            AddError(e.Offset, e.Message);
            _tok = new Token(TokenKind.EOF, _lx.Text.Length, _lx.Text.Length, "", true);
        }
    }

    private Token Peek()
    {
        var save = _lx.Pos;
        try { return ScanAt(_tok.End); }
        catch (SyntaxErrorException) { return new Token(TokenKind.Invalid, _tok.End, _tok.End, "", false); }
        finally { _lx.Pos = save; }
    }

    /// <summary>Cheap look-ahead before speculating on an arrow function at '(': false when it cannot be one.</summary>
    private bool MaybeArrowParams()
    {
        var p = Peek();
        if (p.Is(")") || p.Is("...")) return true;
        if (!(p.Kind == TokenKind.Identifier || p.Is("{") || p.Is("[") || p.Is("@"))) return false;
        var save = _lx.Pos;
        var depth = 0;
        _lx.Pos = _tok.Start;
        try
        {
            while (true)
            {
                var t = _lx.Next();
                if (t.Kind == TokenKind.EOF) return false;
                if (t.Kind == TokenKind.Punctuator)
                {
                    switch (t.Value)
                    {
                        case "(": case "[": case "{": depth++; break;
                        case ")":
                            depth--;
                            if (depth == 0)
                            {
                                var n = _lx.Next();
                                return n.Is("=>") || (_ts && n.Is(":"));
                            }
                            break;
                        case "]": case "}":
                            depth--;
                            if (depth <= 0) return true;
                            break;
                        case "/": case "/=": return true;
                    }
                }
                else if (t.Kind is TokenKind.TemplateHead) return true;
                if (depth < 0) return true;
            }
        }
        catch (SyntaxErrorException) { return true; }
        finally { _lx.Pos = save; }
    }

    private Token Peek2()
    {
        var save = _lx.Pos;
        _lx.Pos = _tok.End;
        try { _lx.Next(); return _lx.Next(); }
        catch (SyntaxErrorException) { return new Token(TokenKind.Invalid, _tok.End, _tok.End, "", false); }
        finally { _lx.Pos = save; }
    }

    private bool Is(string p) => _tok.Kind == TokenKind.Punctuator && _tok.Value == p;
    private bool IsName(string n) => _tok.Kind == TokenKind.Identifier && !_tok.Escaped && _tok.Value == n;

    private bool Eat(string p)
    {
        if (!Is(p)) return false;
        Next();
        return true;
    }

    private bool EatName(string n)
    {
        if (!IsName(n)) return false;
        Next();
        return true;
    }

    private void Expect(string p)
    {
        if (!Is(p)) throw Is("}") || _tok.Kind == TokenKind.EOF ? Err($"Expected '{p}'") : Err($"Expected '{p}' but found '{Text(_tok)}'");
        Next();
    }

    private void ExpectGreater()
    {
        if (!Is(">")) throw Err($"Expected '>'");
        Next();
    }

    private void Semicolon()
    {
        if (Eat(";")) return;
        if (Is("}") || _tok.Kind == TokenKind.EOF || _tok.NewlineBefore) return;
        throw Err($"Expected ';' but found '{Text(_tok)}'");
    }

    private T Finish<T>(T node, int start) where T : Node
    {
        node.Start = start;
        node.End = Math.Max(start, _prevEnd);
        return node;
    }

    private void Enter()
    {
        if (++_depth > _o.MaxDepth) throw new ParseAbortException($"Nesting deeper than {_o.MaxDepth} levels", _tok.Start, false);
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            if (t_bigStack) throw new ParseAbortException("Nesting too deep for the stack", _tok.Start, false);
            throw new ParseAbortException("stack", _tok.Start, true);
        }
    }

    private void Leave() => _depth--;

    private readonly record struct State(Token Tok, int PrevEnd, int Pos, int Errors, int Depth, bool InAsync, bool InGenerator);
    private State Save() => new(_tok, _prevEnd, _lx.Pos, _errors.Count, _depth, _inAsync, _inGenerator);
    private void Restore(State s)
    {
        _tok = s.Tok; _prevEnd = s.PrevEnd; _lx.Pos = s.Pos; _depth = s.Depth; _inAsync = s.InAsync; _inGenerator = s.InGenerator;
        if (_errors.Count > s.Errors) _errors.RemoveRange(s.Errors, _errors.Count - s.Errors);
    }

    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "export", "extends",
        "finally", "for", "function", "if", "import", "in", "instanceof", "new", "return", "super", "switch", "this", "throw", "try",
        "typeof", "var", "void", "while", "with", "null", "true", "false", "enum",
    };

    private bool IsIdentifierToken(Token t) => t.Kind == TokenKind.Identifier && (t.Escaped || !s_reserved.Contains(t.Value));
    private bool IsIdentifier => IsIdentifierToken(_tok);

    private Identifier ParseIdentifier()
    {
        if (!IsIdentifier) throw _tok.Kind == TokenKind.Identifier ? Err($"Unexpected keyword '{_tok.Value}'") : Unexpected();
        var id = new Identifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
        Next();
        return id;
    }

    /// <summary>Any IdentifierName (keywords allowed), e.g. after '.'.</summary>
    private Identifier ParseIdentifierName()
    {
        if (_tok.Kind != TokenKind.Identifier) throw Unexpected();
        var id = new Identifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
        Next();
        return id;
    }

    // ------------------------------------------------------------ statements

    private static readonly HashSet<string> s_statementStarts = new(StringComparer.Ordinal)
    {
        "var", "let", "const", "function", "class", "if", "for", "while", "do", "return", "import", "export", "try", "switch",
        "throw", "interface", "type", "enum", "namespace", "declare", "async",
    };

    private List<Node> ParseStatementList(string? terminator, bool top = false)
    {
        var list = new List<Node>();
        var directives = true;
        while (true)
        {
            if (_tok.Kind == TokenKind.EOF) break;
            if (terminator != null && Is(terminator)) break;
            var before = _tok.Start;
            try
            {
                var s = ParseStatement(top);
                if (directives)
                {
                    if (s is ExpressionStatement { Expression: Literal { Kind: LiteralKind.String } lit } es)
                        es.Directive = _lx.Text.Substring(lit.Start + 1, Math.Max(0, lit.End - lit.Start - 2));
                    else directives = false;
                }
                list.Add(s);
            }
            catch (SyntaxErrorException e)
            {
                if (_speculating > 0) throw;
                AddError(e.Offset, e.Message);
                Recover(before, e.Offset, terminator != null);
            }
        }
        return list;
    }

    /// <summary>Skips to a plausible statement boundary after an error; always makes progress.</summary>
    private void Recover(int statementStart, int errorOffset, bool inBlock)
    {
        var pos = Math.Max(statementStart, Math.Min(errorOffset, _lx.Text.Length));
        var depth = 0;
        _lx.Pos = pos;
        var first = true;
        while (true)
        {
            Token t;
            try { t = _lx.Next(); }
            catch (SyntaxErrorException e)
            {
                _lx.Pos = Math.Max(_lx.Pos, e.Offset) + 1;
                if (_lx.Pos >= _lx.Text.Length) { _tok = new Token(TokenKind.EOF, _lx.Text.Length, _lx.Text.Length, "", true); return; }
                continue;
            }
            if (t.Kind == TokenKind.EOF) { _tok = t; _prevEnd = t.Start; return; }
            if (!first && depth == 0 && t.NewlineBefore && t.Kind == TokenKind.Identifier && s_statementStarts.Contains(t.Value) && t.Start > statementStart)
            {
                _tok = t; _lx.Pos = t.End; return;
            }
            if (t.Kind == TokenKind.Punctuator)
            {
                switch (t.Value)
                {
                    case "{": case "(": case "[": depth++; break;
                    case ")": case "]": if (depth > 0) depth--; break;
                    case "}":
                        if (depth == 0 && inBlock && t.Start >= statementStart)
                        {
                            if (t.Start > statementStart || !first) { _tok = t; _lx.Pos = t.End; return; }
                        }
                        if (depth > 0) depth--;
                        break;
                    case ";":
                        if (depth == 0) { _prevEnd = t.End; _lx.Pos = t.End; NextSafe(); return; }
                        break;
                }
            }
            else if (t.Kind is TokenKind.TemplateHead) depth++;
            first = false;
        }
    }

    private Node ParseStatement(bool top = false)
    {
        Enter();
        try { return ParseStatementInner(top); }
        finally { Leave(); }
    }

    private Node ParseStatementInner(bool top)
    {
        var start = _tok.Start;
        if (_tok.Kind == TokenKind.Punctuator)
        {
            switch (_tok.Value)
            {
                case "{": return ParseBlock();
                case ";": Next(); return Finish(new SimpleStatement { Kind = "EmptyStatement" }, start);
                case "@":
                {
                    var decorators = ParseDecorators();
                    if (IsName("export")) return ParseExport(decorators);
                    if (IsName("abstract")) Next();
                    if (!IsName("class")) throw Err("Expected a class after decorators");
                    var cls = ParseClass(true, start);
                    cls.Decorators.InsertRange(0, decorators);
                    return cls;
                }
            }
        }
        if (_tok.Kind == TokenKind.Identifier && !_tok.Escaped)
        {
            switch (_tok.Value)
            {
                case "var": return ParseVarStatement(start, "var");
                case "const":
                    if (_ts && Peek().IsName("enum")) { Next(); return ParseEnum(start, true); }
                    return ParseVarStatement(start, "const");
                case "let":
                {
                    var p = Peek();
                    if (p.Kind == TokenKind.Identifier || p.Is("[") || p.Is("{")) return ParseVarStatement(start, "let");
                    break;
                }
                case "await":
                {
                    var p = Peek();
                    if (p.IsName("using") && !p.NewlineBefore && Peek2().Kind == TokenKind.Identifier)
                    {
                        Next();
                        return ParseVarStatement(start, "await using");
                    }
                    break;
                }
                case "using":
                {
                    var p = Peek();
                    if (p.Kind == TokenKind.Identifier && !p.NewlineBefore && !p.IsName("in") && !p.IsName("of")) return ParseVarStatement(start, "using");
                    break;
                }
                case "function": return ParseFunction(start, false, true);
                case "async":
                {
                    var p = Peek();
                    if (p.IsName("function") && !p.NewlineBefore) { Next(); return ParseFunction(start, true, true); }
                    break;
                }
                case "class": return ParseClass(true, start);
                case "if":
                {
                    Next(); Expect("(");
                    var test = ParseExpression();
                    Expect(")");
                    var cons = ParseStatement();
                    Node? alt = null;
                    if (EatName("else")) alt = ParseStatement();
                    return Finish(new IfStatement { Test = test, Consequent = cons, Alternate = alt }, start);
                }
                case "for": return ParseFor(start);
                case "while":
                {
                    Next(); Expect("(");
                    var test = ParseExpression();
                    Expect(")");
                    var body = ParseStatement();
                    return Finish(new WhileStatement { Test = test, Body = body }, start);
                }
                case "do":
                {
                    Next();
                    var body = ParseStatement();
                    if (!EatName("while")) throw Err("Expected 'while'");
                    Expect("(");
                    var test = ParseExpression();
                    Expect(")");
                    Eat(";");
                    return Finish(new WhileStatement { DoWhile = true, Test = test, Body = body }, start);
                }
                case "return":
                {
                    Next();
                    Node? arg = null;
                    if (!Is(";") && !Is("}") && _tok.Kind != TokenKind.EOF && !_tok.NewlineBefore) arg = ParseExpression();
                    Semicolon();
                    return Finish(new ArgumentStatement { Kind = "ReturnStatement", Argument = arg }, start);
                }
                case "throw":
                {
                    Next();
                    var arg = ParseExpression();
                    Semicolon();
                    return Finish(new ArgumentStatement { Kind = "ThrowStatement", Argument = arg }, start);
                }
                case "break":
                case "continue":
                {
                    var kind = _tok.Value == "break" ? "BreakStatement" : "ContinueStatement";
                    Next();
                    Identifier? label = null;
                    if (IsIdentifier && !_tok.NewlineBefore) label = ParseIdentifier();
                    Semicolon();
                    return Finish(new SimpleStatement { Kind = kind, Label = label }, start);
                }
                case "debugger": Next(); Semicolon(); return Finish(new SimpleStatement { Kind = "DebuggerStatement" }, start);
                case "try": return ParseTry(start);
                case "switch": return ParseSwitch(start);
                case "with":
                {
                    Next(); Expect("(");
                    var obj = ParseExpression();
                    Expect(")");
                    var body = ParseStatement();
                    return Finish(new WithStatement { Object = obj, Body = body }, start);
                }
                case "import":
                {
                    var p = Peek();
                    if (!p.Is("(") && !p.Is(".")) return ParseImport(start);
                    break;
                }
                case "export": return ParseExport(null);
            }
            if (_ts)
            {
                var ts = TryParseTsDeclaration(start);
                if (ts != null) return ts;
            }
            if (IsIdentifier && Peek().Is(":"))
            {
                var label = ParseIdentifier();
                Expect(":");
                var body = ParseStatement();
                return Finish(new LabeledStatement { Label = label, Body = body }, start);
            }
        }
        var expr = ParseExpression();
        Semicolon();
        return Finish(new ExpressionStatement { Expression = expr }, start);
    }

    private BlockStatement ParseBlock()
    {
        var start = _tok.Start;
        Expect("{");
        var body = ParseStatementList("}");
        Expect("}");
        return Finish(new BlockStatement { Body = body }, start);
    }

    private VariableDeclaration ParseVarStatement(int start, string kind, bool declare = false)
    {
        Next();
        var decl = ParseVarDeclarations(start, kind, false);
        decl.Declare = declare;
        Semicolon();
        return Finish(decl, start);
    }

    private VariableDeclaration ParseVarDeclarations(int start, string kind, bool noIn)
    {
        var decl = new VariableDeclaration { Kind = kind };
        do
        {
            var ds = _tok.Start;
            var id = ParseBindingTarget();
            if (_ts && Is("!")) Next();
            if (_ts && Is(":")) { Next(); SkipType(); }
            Node? init = null;
            if (Eat("=")) init = ParseAssignment(noIn);
            decl.Declarations.Add(Finish(new VariableDeclarator { Id = id, Init = init }, ds));
        } while (Eat(","));
        return Finish(decl, start);
    }

    private Node ParseFor(int start)
    {
        Next();
        var isAwait = EatName("await");
        Expect("(");
        Node? init = null;
        if (Is(";")) { }
        else
        {
            var isDecl = IsName("var") || IsName("const") ||
                         (IsName("let") && (Peek().Kind == TokenKind.Identifier || Peek().Is("[") || Peek().Is("{"))) ||
                         (IsName("using") && Peek().Kind == TokenKind.Identifier && !Peek().IsName("of") && !Peek().IsName("in"));
            if (isDecl)
            {
                var ds = _tok.Start;
                var kind = _tok.Value;
                Next();
                init = ParseVarDeclarations(ds, kind, true);
            }
            else
            {
                init = ParseExpression(noIn: true);
            }
            if (IsName("of") || IsName("in"))
            {
                var of = _tok.Value == "of";
                Next();
                var right = of ? ParseAssignment() : ParseExpression();
                Expect(")");
                var body = ParseStatement();
                return Finish(new ForInOfStatement { Of_ = of, Await = isAwait, Left = init is VariableDeclaration ? init : ToPattern(init), Right = right, Body = body }, start);
            }
        }
        Expect(";");
        var test = Is(";") ? null : ParseExpression();
        Expect(";");
        var update = Is(")") ? null : ParseExpression();
        Expect(")");
        var b = ParseStatement();
        return Finish(new ForStatement { Init = init, Test = test, Update = update, Body = b }, start);
    }

    private Node ParseTry(int start)
    {
        Next();
        var block = ParseBlock();
        CatchClause? handler = null;
        BlockStatement? finalizer = null;
        if (IsName("catch"))
        {
            var cs = _tok.Start;
            Next();
            Node? param = null;
            if (Eat("("))
            {
                param = ParseBindingTarget();
                if (_ts && Eat(":")) SkipType();
                Expect(")");
            }
            var body = ParseBlock();
            handler = Finish(new CatchClause { Param = param, Body = body }, cs);
        }
        if (EatName("finally")) finalizer = ParseBlock();
        if (handler == null && finalizer == null) throw Err("Missing catch or finally after try");
        return Finish(new TryStatement { Block = block, Handler = handler, Finalizer = finalizer }, start);
    }

    private Node ParseSwitch(int start)
    {
        Next(); Expect("(");
        var disc = ParseExpression();
        Expect(")");
        Expect("{");
        var sw = new SwitchStatement { Discriminant = disc };
        while (!Is("}"))
        {
            var cs = _tok.Start;
            Node? test = null;
            if (EatName("case")) test = ParseExpression();
            else if (!EatName("default")) throw Unexpected();
            Expect(":");
            var cons = new List<Node>();
            while (!Is("}") && !IsName("case") && !IsName("default") && _tok.Kind != TokenKind.EOF) cons.Add(ParseStatement());
            sw.Cases.Add(Finish(new SwitchCase { Test = test, Consequent = cons }, cs));
        }
        Expect("}");
        return Finish(sw, start);
    }

    // ------------------------------------------------------------ modules

    private Node ParseImport(int start)
    {
        Next();
        var decl = new ImportDeclaration();
        if (_ts && (IsName("type") || (_flow && IsName("typeof"))) && (Peek().Kind == TokenKind.Identifier && !Peek().IsName("from") || Peek().Is("{") || Peek().Is("*")))
        {
            decl.TypeOnly = true;
            Next();
        }
        if (_tok.Kind == TokenKind.String)
        {
            decl.Source = ParseStringLiteral();
            ParseImportAttributes();
            Semicolon();
            return Finish(decl, start);
        }
        if (IsIdentifier)
        {
            var local = ParseIdentifier();
            if (_ts && Is("="))
            {
                // import x = require('m') / import x = A.B
                Next();
                Node reference;
                if (IsName("require") && Peek().Is("("))
                {
                    var rs = _tok.Start;
                    var callee = ParseIdentifier();
                    Expect("(");
                    var src = ParseStringLiteral();
                    Expect(")");
                    reference = Finish(new CallExpression { Callee = callee, Arguments = { src } }, rs);
                }
                else reference = ParseEntityNameExpression();
                Semicolon();
                return Finish(new TSImportEqualsDeclaration { Id = local, ModuleReference = reference }, start);
            }
            decl.Specifiers.Add(new ImportSpecifier { Kind = "ImportDefaultSpecifier", Local = local, Start = local.Start, End = local.End });
            if (!Eat(",")) goto from;
        }
        if (Is("*"))
        {
            var ss = _tok.Start;
            Next();
            if (!EatName("as")) throw Err("Expected 'as'");
            var local = ParseIdentifier();
            decl.Specifiers.Add(Finish(new ImportSpecifier { Kind = "ImportNamespaceSpecifier", Local = local }, ss));
        }
        else if (Eat("{"))
        {
            while (!Is("}"))
            {
                var ss = _tok.Start;
                if (_ts && (IsName("type") || (_flow && IsName("typeof"))) && Peek().Kind is TokenKind.Identifier or TokenKind.String && !Peek().IsName("as")) Next();
                string imported;
                Identifier local;
                if (_tok.Kind == TokenKind.String) { imported = _tok.Value; Next(); if (!EatName("as")) throw Err("Expected 'as'"); local = ParseIdentifier(); }
                else
                {
                    var name = ParseIdentifierName();
                    imported = name.Name;
                    if (EatName("as")) local = ParseIdentifier();
                    else local = name;
                }
                decl.Specifiers.Add(Finish(new ImportSpecifier { Imported = imported, Local = local }, ss));
                if (!Eat(",")) break;
            }
            Expect("}");
        }
        from:
        if (!EatName("from")) throw Err("Expected 'from'");
        decl.Source = ParseStringLiteral();
        ParseImportAttributes();
        Semicolon();
        return Finish(decl, start);
    }

    private void ParseImportAttributes()
    {
        if ((IsName("with") || IsName("assert")) && !_tok.NewlineBefore && Peek().Is("{"))
        {
            Next();
            ParseObjectLiteral();
        }
    }

    private Literal ParseStringLiteral()
    {
        if (_tok.Kind != TokenKind.String) throw Err("Expected a string");
        var lit = new Literal { Kind = LiteralKind.String, StringValue = _tok.Value, Raw = Text(_tok), Start = _tok.Start, End = _tok.End };
        Next();
        return lit;
    }

    private Node ParseEntityNameExpression()
    {
        var start = _tok.Start;
        Node e = ParseIdentifier();
        while (Eat("."))
        {
            var p = ParseIdentifierName();
            e = Finish(new MemberExpression { Object = e, Property = p }, start);
        }
        return e;
    }

    private Node ParseExport(List<Node>? decorators)
    {
        var start = decorators?.Count > 0 ? decorators[0].Start : _tok.Start;
        Next();
        if (Is("@")) decorators = (decorators ?? new List<Node>()).Concat(ParseDecorators()).ToList();
        if (EatName("default"))
        {
            Node d;
            if (Is("@")) decorators = (decorators ?? new List<Node>()).Concat(ParseDecorators()).ToList();
            var ds = _tok.Start;
            if (IsName("function")) d = ParseFunction(ds, false, true, optionalName: true);
            else if (IsName("async") && Peek().IsName("function") && !Peek().NewlineBefore) { Next(); d = ParseFunction(ds, true, true, optionalName: true); }
            else if (IsName("class")) { var c = ParseClass(true, ds, optionalName: true); if (decorators != null) c.Decorators.InsertRange(0, decorators); d = c; }
            else if (_ts && IsName("abstract") && Peek().IsName("class")) { Next(); d = ParseClass(true, ds, optionalName: true); }
            else if (_ts && IsName("interface") && Peek().Kind == TokenKind.Identifier) d = TryParseTsDeclaration(ds)!;
            else { d = ParseAssignment(); Semicolon(); }
            return Finish(new ExportDeclaration { Kind = "ExportDefaultDeclaration", Declaration = d }, start);
        }
        if (_ts && Is("="))
        {
            Next();
            var e = ParseExpression();
            Semicolon();
            return Finish(new TSExportAssignment { Expression = e }, start);
        }
        if (_ts && IsName("as") && Peek().IsName("namespace"))
        {
            Next(); Next(); ParseIdentifier(); Semicolon();
            return Finish(new TSTypeDeclaration { Kind = "TSNamespaceExportDeclaration", Id = new Identifier() }, start);
        }
        if (_ts && IsName("import"))
        {
            var inner = ParseImport(_tok.Start);
            return Finish(new ExportDeclaration { Declaration = inner }, start);
        }
        if (_ts && IsName("type") && (Peek().Is("{") || Peek().Is("*"))) Next();
        if (Is("*"))
        {
            Next();
            string? exported = null;
            if (EatName("as")) { exported = _tok.Value; Next(); }
            if (!EatName("from")) throw Err("Expected 'from'");
            var src = ParseStringLiteral();
            ParseImportAttributes();
            Semicolon();
            return Finish(new ExportDeclaration { Kind = "ExportAllDeclaration", Source = src, Exported = exported }, start);
        }
        if (Eat("{"))
        {
            var decl = new ExportDeclaration();
            while (!Is("}"))
            {
                var ss = _tok.Start;
                if (_ts && IsName("type") && Peek().Kind is TokenKind.Identifier or TokenKind.String && !Peek().IsName("as")) Next();
                Node local;
                if (_tok.Kind == TokenKind.String) local = ParseStringLiteral();
                else local = ParseIdentifierName();
                var exported = local is Identifier li ? li.Name : ((Literal)local).StringValue!;
                if (EatName("as")) { exported = _tok.Value; Next(); }
                decl.Specifiers.Add(Finish(new ExportSpecifier { Local = local, Exported = exported }, ss));
                if (!Eat(",")) break;
            }
            Expect("}");
            if (EatName("from")) { decl.Source = ParseStringLiteral(); ParseImportAttributes(); }
            Semicolon();
            return Finish(decl, start);
        }
        var ds2 = _tok.Start;
        Node declaration;
        if (IsName("class") || (IsName("abstract") && Peek().IsName("class")))
        {
            if (IsName("abstract")) Next();
            var c = ParseClass(true, ds2);
            if (decorators != null) c.Decorators.InsertRange(0, decorators);
            declaration = c;
        }
        else declaration = ParseStatement();
        return Finish(new ExportDeclaration { Declaration = declaration }, start);
    }

    // ------------------------------------------------------------ TypeScript declarations

    private Node? TryParseTsDeclaration(int start)
    {
        var p = Peek();
        switch (_tok.Value)
        {
            case "interface":
                if (p.Kind != TokenKind.Identifier || p.NewlineBefore) return null;
                {
                    Next();
                    var id = ParseIdentifier();
                    if (Is("<")) SkipTypeParameters();
                    if (EatName("extends")) { do SkipTypeOperandChain(); while (Eat(",")); }
                    SkipBalanced();
                    return Finish(new TSTypeDeclaration { Kind = "TSInterfaceDeclaration", Id = id }, start);
                }
            case "type":
                if (p.Kind != TokenKind.Identifier || p.NewlineBefore) return null;
                {
                    Next();
                    var id = ParseIdentifier();
                    if (Is("<")) SkipTypeParameters();
                    Expect("=");
                    SkipType();
                    Semicolon();
                    return Finish(new TSTypeDeclaration { Kind = "TSTypeAliasDeclaration", Id = id }, start);
                }
            case "enum":
                if (p.Kind != TokenKind.Identifier) return null;
                return ParseEnum(start, false);
            case "namespace":
            case "module":
                if (p.NewlineBefore || !(p.Kind == TokenKind.Identifier || (_tok.Value == "module" && p.Kind == TokenKind.String))) return null;
                return ParseNamespace(start, false);
            case "global":
                if (!p.Is("{")) return null;
                {
                    var gs = _tok.Start;
                    var gid = ParseIdentifier();
                    var body = ParseBlock();
                    return Finish(new TSModuleDeclaration { Id = gid, Body = body.Body, Global = true }, gs);
                }
            case "opaque":
                if (!_flow || !p.IsName("type") || p.NewlineBefore) return null;
                return ParseFlowOpaqueType(start);
            case "abstract":
                if (!p.IsName("class") || p.NewlineBefore) return null;
                Next();
                return ParseClass(true, start);
            case "declare":
            {
                if (p.NewlineBefore || p.Kind != TokenKind.Identifier) return null;
                Next();
                var inner = _tok.Start;
                if (_flow)
                {
                    var flowDeclare = TryParseFlowDeclare(start);
                    if (flowDeclare != null) return flowDeclare;
                }
                if (IsName("var") || IsName("let") || IsName("const"))
                {
                    if (IsName("const") && Peek().IsName("enum")) { Next(); return ParseEnum(start, true); }
                    return ParseVarStatement(start, _tok.Value, declare: true);
                }
                if (IsName("function")) { var f = ParseFunction(start, false, true); return f; }
                if (IsName("async") && Peek().IsName("function")) { Next(); return ParseFunction(start, true, true); }
                if (IsName("class")) return ParseClass(true, start);
                if (IsName("global") && Peek().Is("{"))
                {
                    Next();
                    var body = ParseBlock();
                    return Finish(new TSModuleDeclaration { Id = new Identifier { Name = "global" }, Body = body.Body, Global = true, Declare = true }, start);
                }
                if (IsName("module") || IsName("namespace")) return ParseNamespace(start, true);
                var r = TryParseTsDeclaration(start);
                if (r != null) return r;
                throw Err("Unexpected token after 'declare'");
            }
        }
        return null;
    }

    /// <summary>Flow's own forms after <c>declare</c> (the token after it is current): <c>declare module.exports: T;</c>,
    /// <c>declare export …</c>, <c>declare opaque type T;</c>. Null when it is none of them.</summary>
    private Node? TryParseFlowDeclare(int start)
    {
        if (IsName("module") && Peek().Is("."))
        {
            Next(); Next();
            var id = ParseIdentifierName();
            Expect(":");
            SkipType();
            Semicolon();
            return Finish(new TSTypeDeclaration { Kind = "DeclareModuleExports", Id = id }, start);
        }
        if (IsName("opaque") && Peek().IsName("type")) return ParseFlowOpaqueType(start);
        if (!IsName("export")) return null;
        Next();
        if (EatName("default"))
        {
            if (IsName("function")) return ParseFunction(start, false, true, optionalName: true);
            if (IsName("class")) return ParseClass(true, start, optionalName: true);
            SkipType();
            Semicolon();
            return Finish(new TSTypeDeclaration { Kind = "DeclareExportDefault", Id = new Identifier() }, start);
        }
        if (IsName("var") || IsName("let") || IsName("const")) return ParseVarStatement(start, _tok.Value, declare: true);
        if (IsName("function")) return ParseFunction(start, false, true);
        if (IsName("class")) return ParseClass(true, start);
        if (IsName("opaque") && Peek().IsName("type")) return ParseFlowOpaqueType(start);
        if (Is("*") || Is("{"))
        {
            // declare export * from 'm' / declare export { a, b } [from 'm']
            if (Is("{")) SkipBalanced(); else Next();
            if (EatName("as")) ParseIdentifierName();
            if (EatName("from")) ParseStringLiteral();
            Semicolon();
            return Finish(new TSTypeDeclaration { Kind = "DeclareExportDeclaration", Id = new Identifier() }, start);
        }
        return TryParseTsDeclaration(start) ?? throw Err("Unexpected token after 'declare export'");
    }

    /// <summary>Flow's <c>opaque type T[&lt;…&gt;] [: Super] [= Type];</c> (current token: <c>opaque</c>).</summary>
    private Node ParseFlowOpaqueType(int start)
    {
        Next(); // opaque
        Next(); // type
        var id = ParseIdentifier();
        if (Is("<")) SkipTypeParameters();
        if (Eat(":")) SkipType();
        if (Eat("=")) SkipType();
        Semicolon();
        return Finish(new TSTypeDeclaration { Kind = "OpaqueType", Id = id }, start);
    }

    private Node ParseEnum(int start, bool isConst)
    {
        Next(); // enum
        var id = ParseIdentifier();
        Expect("{");
        var e = new TSEnumDeclaration { Id = id, Const = isConst };
        while (!Is("}"))
        {
            var ms = _tok.Start;
            Node key = _tok.Kind == TokenKind.String ? ParseStringLiteral() : ParseIdentifierName();
            Node? init = null;
            if (Eat("=")) init = ParseAssignment();
            e.Members.Add(Finish(new TSEnumMember { Id = key, Initializer = init }, ms));
            if (!Eat(",")) break;
        }
        Expect("}");
        return Finish(e, start);
    }

    private Node ParseNamespace(int start, bool declare)
    {
        Next(); // namespace / module
        Node id;
        if (_tok.Kind == TokenKind.String) id = ParseStringLiteral();
        else
        {
            var s = _tok.Start;
            var name = ParseIdentifier().Name;
            while (Eat(".")) name += "." + ParseIdentifierName().Name;
            id = Finish(new Identifier { Name = name }, s);
        }
        List<Node>? body = null;
        if (Is("{")) body = ParseBlock().Body;
        else Semicolon();
        return Finish(new TSModuleDeclaration { Id = id, Body = body, Declare = declare }, start);
    }

    // ------------------------------------------------------------ functions and classes

    private FunctionNode ParseFunction(int start, bool isAsync, bool declaration, bool optionalName = false)
    {
        Next(); // function
        var generator = Eat("*");
        Identifier? id = null;
        if (IsIdentifier) id = ParseIdentifier();
        else if (declaration && !optionalName) throw Err("Expected a function name");
        var f = new FunctionNode { Kind = declaration ? "FunctionDeclaration" : "FunctionExpression", Id = id, Async = isAsync, Generator = generator };
        ParseFunctionRest(f);
        if (f.Body == null) f.Kind = "TSDeclareFunction";
        return Finish(f, start);
    }

    /// <summary>Type parameters, parameters, return type and body (or ';' for overloads in TS).</summary>
    private void ParseFunctionRest(FunctionNode f, bool allowNoBody = true)
    {
        if (_ts && Is("<")) SkipTypeParameters();
        var (oldAsync, oldGen) = (_inAsync, _inGenerator);
        _inAsync = f.Async; _inGenerator = f.Generator;
        _functionDepth++;
        try
        {
            var outer = _paramDecorators;
            _paramDecorators = f.ParamDecorators;
            try { f.Params = ParseParams(); }
            finally { _paramDecorators = outer; }
            if (_ts && Eat(":")) SkipReturnType();
            if (Is("{"))
            {
                f.Body = ParseFunctionBody();
            }
            else if (_ts && allowNoBody)
            {
                Semicolon();
            }
            else throw Err("Expected '{'");
        }
        finally
        {
            _inAsync = oldAsync; _inGenerator = oldGen;
            _functionDepth--;
        }
    }

    private BlockStatement ParseFunctionBody()
    {
        var start = _tok.Start;
        Expect("{");
        var body = ParseStatementList("}");
        Expect("}");
        return Finish(new BlockStatement { Body = body }, start);
    }

    private List<Node>? _paramDecorators;

    private List<Node> ParseParams()
    {
        Expect("(");
        var list = new List<Node>();
        while (!Is(")"))
        {
            list.Add(ParseParam());
            if (!Eat(",")) break;
        }
        Expect(")");
        return list;
    }

    private Node ParseParam()
    {
        var start = _tok.Start;
        if (Is("@"))
        {
            var decorators = ParseDecorators();
            _paramDecorators?.AddRange(decorators);
        }
        var paramProperty = false;
        if (_ts)
        {
            while ((IsName("public") || IsName("private") || IsName("protected") || IsName("readonly") || IsName("override")) &&
                   Peek() is var p && (p.Kind == TokenKind.Identifier || p.Is("{") || p.Is("[")) && !p.NewlineBefore)
            {
                Next();
                paramProperty = true;
            }
        }
        Node param;
        if (Is("..."))
        {
            Next();
            var arg = ParseBindingTarget();
            if (_ts && Eat("?")) { }
            if (_ts && Eat(":")) SkipType();
            param = Finish(new RestElement { Argument = arg }, start);
        }
        else
        {
            Node target;
            if (_ts && IsName("this") && (Peek().Is(":") || Peek().Is(",") || Peek().Is(")")))
            {
                target = new Identifier { Name = "this", Start = _tok.Start, End = _tok.End };
                Next();
            }
            else target = ParseBindingTarget();
            if (_ts && Eat("?")) { }
            if (_ts && Eat(":")) SkipType();
            if (Eat("="))
            {
                var right = ParseAssignment();
                param = Finish(new AssignmentPattern { Left = target, Right = right }, start);
            }
            else param = target;
        }
        return paramProperty ? Finish(new TSParameterProperty { Parameter = param }, start) : param;
    }

    private List<Node> ParseDecorators()
    {
        var list = new List<Node>();
        while (Is("@"))
        {
            var start = _tok.Start;
            Next();
            Node e;
            if (Is("("))
            {
                Next();
                e = ParseExpression();
                Expect(")");
            }
            else
            {
                var s = _tok.Start;
                e = ParseIdentifierName();
                while (Eat(".")) e = Finish(new MemberExpression { Object = e, Property = ParseIdentifierName() }, s);
                if (_ts && Is("<")) TryTypeArgumentsForCall();
                if (Is("("))
                {
                    var call = new CallExpression { Callee = e };
                    call.ArgsOpen = _tok.End;
                    call.Arguments = ParseArguments();
                    e = Finish(call, s);
                }
            }
            list.Add(Finish(new Decorator { Expression = e }, start));
        }
        return list;
    }

    private ClassNode ParseClass(bool declaration, int start, bool optionalName = false)
    {
        Next(); // class
        var cls = new ClassNode { Kind = declaration ? "ClassDeclaration" : "ClassExpression" };
        if (IsIdentifier && !IsName("implements") && !(IsName("extends"))) cls.Id = ParseIdentifier();
        if (_ts && Is("<")) SkipTypeParameters();
        if (EatName("extends"))
        {
            cls.SuperClass = ParseLeftHandSide(noCallTypeArgs: false);
            if (_ts && Is("<")) SkipTypeArguments();
        }
        if (_ts && EatName("implements"))
        {
            do SkipTypeOperandChain(); while (Eat(","));
        }
        cls.Body = ParseClassBody();
        return Finish(cls, start);
    }

    private static readonly HashSet<string> s_modifiers = new(StringComparer.Ordinal)
    {
        "public", "private", "protected", "readonly", "abstract", "override", "declare", "accessor",
    };

    private bool NextIsPropertyNameStart()
    {
        var p = Peek();
        if (p.NewlineBefore && p.Kind == TokenKind.Identifier) return !p.NewlineBefore;
        return p.Kind is TokenKind.Identifier or TokenKind.String or TokenKind.Number or TokenKind.PrivateName or TokenKind.BigInt
               || p.Is("[") || p.Is("*") || p.Is("#");
    }

    private ClassBody ParseClassBody()
    {
        var start = _tok.Start;
        Expect("{");
        var body = new ClassBody();
        var (oldAsync, oldGen) = (_inAsync, _inGenerator);
        while (!Is("}"))
        {
            if (_tok.Kind == TokenKind.EOF) throw Err("Expected '}'");
            if (Eat(";")) continue;
            var ms = _tok.Start;
            var decorators = Is("@") ? ParseDecorators() : new List<Node>();
            var isStatic = false;
            while (true)
            {
                if (IsName("static") && Peek().Is("{"))
                {
                    Next();
                    _inAsync = false; _inGenerator = false;
                    _functionDepth++;
                    var blk = ParseBlock();
                    _functionDepth--;
                    (_inAsync, _inGenerator) = (oldAsync, oldGen);
                    body.Body.Add(Finish(new StaticBlock { Body = blk.Body }, ms));
                    goto nextMember;
                }
                if (IsName("static") && NextIsPropertyNameStart()) { Next(); isStatic = true; continue; }
                if (_ts && _tok.Kind == TokenKind.Identifier && s_modifiers.Contains(_tok.Value) && NextIsPropertyNameStart() && !Peek().NewlineBefore) { Next(); continue; }
                break;
            }
            if (_ts && Is("[") && IsIndexSignature())
            {
                SkipBalanced();
                if (Eat(":")) SkipType();
                Semicolon();
                continue;
            }
            var isAsync = false;
            var isGenerator = false;
            var kind = "method";
            if (IsName("async") && !Peek().NewlineBefore && NextIsPropertyNameStart() && !Peek().Is("{")) { Next(); isAsync = true; }
            if (Eat("*")) isGenerator = true;
            if ((IsName("get") || IsName("set")) && NextIsPropertyNameStart() && !Peek().Is("{"))
            {
                kind = _tok.Value;
                Next();
            }
            var (key, computed) = ParsePropertyKey();
            if (kind == "method" && !computed && key is Identifier { Name: "constructor" } && !isStatic) kind = "constructor";
            if (_ts && (Is("?") || Is("!"))) Next();
            if (Is("(") || Is("<"))
            {
                var f = new FunctionNode { Kind = "FunctionExpression", Async = isAsync, Generator = isGenerator };
                var fs = _tok.Start;
                ParseFunctionRest(f);
                Finish(f, fs);
                body.Body.Add(Finish(new MethodDefinition { Key = key, Value = f, Kind = kind, Static = isStatic, Computed = computed, Decorators = decorators }, ms));
            }
            else
            {
                if (_ts && Eat(":")) SkipType();
                Node? value = null;
                if (Eat("="))
                {
                    _inAsync = false; _inGenerator = false;
                    _functionDepth++;
                    try { value = ParseAssignment(); }
                    finally { _functionDepth--; (_inAsync, _inGenerator) = (oldAsync, oldGen); }
                }
                Semicolon();
                body.Body.Add(Finish(new PropertyDefinition { Key = key, Value = value, Static = isStatic, Computed = computed, Decorators = decorators }, ms));
            }
            nextMember: ;
        }
        Expect("}");
        return Finish(body, start);
    }

    private bool IsIndexSignature()
    {
        // [ident : ...   or  [ident, ...  (TS index signature)
        var p = Peek();
        if (p.Kind != TokenKind.Identifier) return false;
        var p2 = Peek2();
        return p2.Is(":") || p2.Is(",");
    }

    private (Node Key, bool Computed) ParsePropertyKey()
    {
        var start = _tok.Start;
        switch (_tok.Kind)
        {
            case TokenKind.String:
                return (ParseStringLiteral(), false);
            case TokenKind.Number:
            case TokenKind.BigInt:
            {
                var lit = new Literal { Kind = _tok.Kind == TokenKind.Number ? LiteralKind.Number : LiteralKind.BigInt, Raw = Text(_tok), Start = _tok.Start, End = _tok.End };
                lit.NumberValue = Lexer.NumericValue(_tok.Value);
                Next();
                return (lit, false);
            }
            case TokenKind.PrivateName:
            {
                var p = new PrivateIdentifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
                Next();
                return (p, false);
            }
            case TokenKind.Identifier:
                return (ParseIdentifierName(), false);
        }
        if (Eat("["))
        {
            var e = ParseAssignment();
            Expect("]");
            return (e, true);
        }
        throw Unexpected();
    }

    // ------------------------------------------------------------ patterns

    private Node ParseBindingTarget()
    {
        Enter();
        try
        {
            var start = _tok.Start;
            if (Is("["))
            {
                Next();
                var ap = new ArrayPattern();
                while (!Is("]"))
                {
                    if (Is(",")) { Next(); ap.Elements.Add(null); continue; }
                    if (Is("..."))
                    {
                        var rs = _tok.Start;
                        Next();
                        ap.Elements.Add(Finish(new RestElement { Argument = ParseBindingTarget() }, rs));
                    }
                    else ap.Elements.Add(ParseBindingElement());
                    if (!Is("]")) Expect(",");
                }
                Expect("]");
                return Finish(ap, start);
            }
            if (Is("{"))
            {
                Next();
                var op = new ObjectPattern();
                while (!Is("}"))
                {
                    var ps = _tok.Start;
                    if (Is("..."))
                    {
                        Next();
                        op.Properties.Add(Finish(new RestElement { Argument = ParseBindingTarget() }, ps));
                    }
                    else
                    {
                        var (key, computed) = ParsePropertyKey();
                        Node value;
                        var shorthand = false;
                        if (Eat(":")) value = ParseBindingElement();
                        else
                        {
                            if (key is not Identifier kid || computed) throw Err("Expected ':'");
                            shorthand = true;
                            value = new Identifier { Name = kid.Name, Start = kid.Start, End = kid.End };
                            if (Eat("="))
                            {
                                var right = ParseAssignment();
                                value = Finish(new AssignmentPattern { Left = value, Right = right }, ps);
                            }
                        }
                        op.Properties.Add(Finish(new Property { Key = key, Value = value, Computed = computed, Shorthand = shorthand }, ps));
                    }
                    if (!Is("}")) Expect(",");
                }
                Expect("}");
                return Finish(op, start);
            }
            return ParseIdentifier();
        }
        finally { Leave(); }
    }

    private Node ParseBindingElement()
    {
        var start = _tok.Start;
        var target = ParseBindingTarget();
        if (Eat("="))
        {
            var right = ParseAssignment();
            return Finish(new AssignmentPattern { Left = target, Right = right }, start);
        }
        return target;
    }

    /// <summary>Converts an expression parsed as such into an assignment target (destructuring assignment, for-in/of heads).</summary>
    private Node ToPattern(Node e)
    {
        switch (e)
        {
            case ObjectExpression o:
            {
                var p = new ObjectPattern { Start = o.Start, End = o.End };
                foreach (var prop in o.Properties)
                {
                    if (prop is SpreadElement s) p.Properties.Add(new RestElement { Argument = ToPattern(s.Argument), Start = s.Start, End = s.End });
                    else if (prop is Property pr) { pr.Value = ToPattern(pr.Value); p.Properties.Add(pr); }
                }
                return p;
            }
            case ArrayExpression a:
            {
                var p = new ArrayPattern { Start = a.Start, End = a.End };
                foreach (var el in a.Elements)
                {
                    if (el is SpreadElement s) p.Elements.Add(new RestElement { Argument = ToPattern(s.Argument), Start = s.Start, End = s.End });
                    else p.Elements.Add(el is null ? null : ToPattern(el));
                }
                return p;
            }
            case AssignmentExpression { Operator: "=" } asg:
                return new AssignmentPattern { Left = ToPattern(asg.Left), Right = asg.Right, Start = asg.Start, End = asg.End };
            case ParenthesizedExpression pe:
                return ToPattern(pe.Expression);
            default:
                return e;
        }
    }
}

namespace V6Ready.JavaScript.Syntax;

public sealed partial class Parser
{
    // ------------------------------------------------------------ expressions

    private Node ParseExpression(bool noIn = false)
    {
        var start = _tok.Start;
        var e = ParseAssignment(noIn);
        if (!Is(",")) return e;
        var seq = new SequenceExpression { Expressions = { e } };
        while (Eat(",")) seq.Expressions.Add(ParseAssignment(noIn));
        return Finish(seq, start);
    }

    private static readonly HashSet<string> s_assignOps = new(StringComparer.Ordinal)
    {
        "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=",
    };

    private Node ParseAssignment(bool noIn = false)
    {
        Enter();
        try { return ParseAssignmentInner(noIn); }
        finally { Leave(); }
    }

    private Node ParseAssignmentInner(bool noIn)
    {
        var start = _tok.Start;
        if (_inGenerator && IsName("yield")) return ParseYield(noIn);

        // arrow functions
        if (_tok.Kind == TokenKind.Identifier)
        {
            var p = Peek();
            if (IsIdentifier && p.Is("=>") && !p.NewlineBefore)
            {
                var param = ParseIdentifier();
                return ParseArrowBody(new FunctionNode { Kind = "ArrowFunctionExpression", Params = { param } }, start, noIn);
            }
            if (IsName("async") && !p.NewlineBefore)
            {
                if (IsIdentifierToken(p) && Peek2().Is("=>"))
                {
                    Next();
                    var param = ParseIdentifier();
                    return ParseArrowBody(new FunctionNode { Kind = "ArrowFunctionExpression", Async = true, Params = { param } }, start, noIn);
                }
                if (p.Is("(") || (_ts && p.Is("<")))
                {
                    var arrow = TryParseArrow(start, true, noIn);
                    if (arrow != null) return arrow;
                }
            }
        }
        else if ((Is("(") && MaybeArrowParams()) || (_ts && Is("<")))
        {
            var arrow = TryParseArrow(start, false, noIn);
            if (arrow != null) return arrow;
        }

        var left = ParseConditional(noIn);
        if (_tok.Kind == TokenKind.Punctuator)
        {
            if (Is(">")) _tok = _lx.RescanGreater(_tok);
            if (s_assignOps.Contains(_tok.Value))
            {
                var op = _tok.Value;
                Next();
                var right = ParseAssignment(noIn);
                return Finish(new AssignmentExpression { Operator = op, Left = op == "=" ? ToPattern(left) : left, Right = right }, start);
            }
        }
        return left;
    }

    private Node ParseYield(bool noIn)
    {
        var start = _tok.Start;
        Next();
        var y = new YieldExpression();
        if (Is("*") && !_tok.NewlineBefore) { Next(); y.Delegate = true; y.Argument = ParseAssignment(noIn); }
        else if (!_tok.NewlineBefore && !(Is(")") || Is("]") || Is("}") || Is(",") || Is(";") || Is(":") || _tok.Kind == TokenKind.EOF || Is("?") || IsName("in") || IsName("of")))
            y.Argument = ParseAssignment(noIn);
        return Finish(y, start);
    }

    private Node? TryParseArrow(int start, bool isAsync, bool noIn)
    {
        if (_arrowFailed.Contains(_tok.Start)) return null;
        var state = Save();
        var f = new FunctionNode { Kind = "ArrowFunctionExpression", Async = isAsync };
        _speculating++;
        var ok = false;
        try
        {
            if (isAsync) Next();
            if (_ts && Is("<")) SkipTypeParameters();
            if (Is("("))
            {
                var (oa, og) = (_inAsync, _inGenerator);
                _inAsync = isAsync; _inGenerator = false;
                try { f.Params = ParseParams(); }
                finally { (_inAsync, _inGenerator) = (oa, og); }
                if (_ts && Is(":"))
                {
                    Next();
                    var outer = _noAnonFunctionType;
                    _noAnonFunctionType = true;
                    try { SkipReturnType(); }
                    finally { _noAnonFunctionType = outer; }
                }
                ok = Is("=>") && !_tok.NewlineBefore;
            }
        }
        catch (SyntaxErrorException)
        {
            ok = false;
        }
        catch (ParseAbortException e) when (!e.Stack)
        {
            ok = false; // too deep as an arrow: let the ordinary parse decide (and report)
        }
        finally
        {
            _speculating--;
        }
        if (!ok)
        {
            _arrowFailed.Add(state.Tok.Start);
            Restore(state);
            return null;
        }
        return ParseArrowBody(f, start, noIn);
    }

    private Node ParseArrowBody(FunctionNode f, int start, bool noIn)
    {
        if (!Is("=>")) throw Err("Expected '=>'");
        if (_tok.NewlineBefore) throw Err("Line break before '=>'");
        Next();
        var (oa, og) = (_inAsync, _inGenerator);
        _inAsync = f.Async; _inGenerator = false;
        _functionDepth++;
        try
        {
            if (Is("{")) f.Body = ParseFunctionBody();
            else
            {
                f.Body = ParseAssignment(noIn);
                f.IsExpressionBody = true;
            }
        }
        finally
        {
            (_inAsync, _inGenerator) = (oa, og);
            _functionDepth--;
        }
        return Finish(f, start);
    }

    private Node ParseConditional(bool noIn)
    {
        var start = _tok.Start;
        var test = ParseBinary(0, noIn);
        if (!Is("?")) return test;
        Next();
        var cons = ParseAssignment(false);
        Expect(":");
        var alt = ParseAssignment(noIn);
        return Finish(new ConditionalExpression { Test = test, Consequent = cons, Alternate = alt }, start);
    }

    private int BinaryPrecedence(bool noIn)
    {
        if (_tok.Kind == TokenKind.Punctuator)
        {
            if (Is(">")) _tok = _lx.RescanGreater(_tok);
            switch (_tok.Value)
            {
                case "??": case "||": return 1;
                case "&&": return 2;
                case "|": return 3;
                case "^": return 4;
                case "&": return 5;
                case "==": case "!=": case "===": case "!==": return 6;
                case "<": case ">": case "<=": case ">=": return 7;
                case "<<": case ">>": case ">>>": return 8;
                case "+": case "-": return 9;
                case "*": case "/": case "%": return 10;
                case "**": return 11;
            }
            return -1;
        }
        if (_tok.Kind == TokenKind.Identifier && !_tok.Escaped)
        {
            if (_tok.Value == "instanceof") return 7;
            if (_tok.Value == "in" && !noIn) return 7;
            if (_ts && (_tok.Value == "as" || _tok.Value == "satisfies") && !_tok.NewlineBefore) return 7;
        }
        return -1;
    }

    private Node ParseBinary(int minPrec, bool noIn)
    {
        var start = _tok.Start;
        Node left;
        if (_tok.Kind == TokenKind.PrivateName && Peek().IsName("in"))
        {
            left = new PrivateIdentifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
            Next();
        }
        else left = ParseUnary();
        var depth = 0;
        try
        {
            while (true)
            {
                var prec = BinaryPrecedence(noIn);
                if (prec <= minPrec) break;
                var op = _tok.Value;
                if (_ts && (op == "as" || op == "satisfies") && _tok.Kind == TokenKind.Identifier)
                {
                    Next();
                    SkipType();
                    left = Finish(new TSWrapper { Kind = op == "as" ? "TSAsExpression" : "TSSatisfiesExpression", Expression = left }, start);
                    continue;
                }
                Next();
                var right = op == "**" ? ParseBinary(prec - 1, noIn) : ParseBinary(prec, noIn);
                left = Finish(new BinaryExpression { Operator = op, Left = left, Right = right }, start);
            }
        }
        finally { _depth -= depth; }
        return left;
    }

    private Node ParseUnary()
    {
        Enter();
        try { return ParseUnaryInner(); }
        finally { Leave(); }
    }

    private Node ParseUnaryInner()
    {
        var start = _tok.Start;
        if (_tok.Kind == TokenKind.Punctuator)
        {
            switch (_tok.Value)
            {
                case "!": case "~": case "+": case "-":
                {
                    var op = _tok.Value;
                    Next();
                    var arg = ParseUnary();
                    return Finish(new UnaryExpression { Operator = op, Argument = arg }, start);
                }
                case "++": case "--":
                {
                    var op = _tok.Value;
                    Next();
                    var arg = ParseUnary();
                    return Finish(new UpdateExpression { Operator = op, Prefix = true, Argument = arg }, start);
                }
                case "<":
                    if (_ts && !_jsx)
                    {
                        Next();
                        SkipType();
                        ExpectGreater();
                        var e = ParseUnary();
                        return Finish(new TSWrapper { Kind = "TSTypeAssertion", Expression = e }, start);
                    }
                    break;
            }
        }
        else if (_tok.Kind == TokenKind.Identifier && !_tok.Escaped)
        {
            switch (_tok.Value)
            {
                case "delete": case "void": case "typeof":
                {
                    var op = _tok.Value;
                    Next();
                    var arg = ParseUnary();
                    return Finish(new UnaryExpression { Operator = op, Argument = arg }, start);
                }
                case "await":
                    if (_inAsync || (_functionDepth == 0 && IsAwaitOperandStart()))
                    {
                        Next();
                        var arg = ParseUnary();
                        return Finish(new AwaitExpression { Argument = arg }, start);
                    }
                    break;
            }
        }
        var expr = ParseLeftHandSide(false);
        if ((Is("++") || Is("--")) && !_tok.NewlineBefore)
        {
            var op = _tok.Value;
            Next();
            return Finish(new UpdateExpression { Operator = op, Prefix = false, Argument = expr }, start);
        }
        return expr;
    }

    private bool IsAwaitOperandStart()
    {
        var p = Peek();
        if (p.NewlineBefore) return false;
        if (p.Kind is TokenKind.Identifier) return !p.IsName("in") && !p.IsName("of") && !p.IsName("instanceof");
        if (p.Kind is TokenKind.String or TokenKind.Number or TokenKind.TemplateFull or TokenKind.TemplateHead or TokenKind.BigInt) return true;
        return p.Is("(") || p.Is("[") || p.Is("{") || p.Is("!") || p.Is("-") || p.Is("+") || p.Is("~");
    }

    private Node ParseLeftHandSide(bool noCallTypeArgs)
    {
        var start = _tok.Start;
        Node expr;
        if (IsName("new")) expr = ParseNew();
        else if (IsName("super"))
        {
            expr = new Super { Start = _tok.Start, End = _tok.End };
            Next();
        }
        else if (IsName("import"))
        {
            Next();
            if (Eat("."))
            {
                var prop = ParseIdentifierName();
                expr = Finish(new MetaProperty { Meta = "import", PropertyName = prop.Name }, start);
            }
            else
            {
                Expect("(");
                var src = ParseAssignment();
                Node? opts = null;
                if (Eat(",") && !Is(")")) { opts = ParseAssignment(); Eat(","); }
                Expect(")");
                expr = Finish(new ImportExpression { Source = src, Options = opts }, start);
            }
        }
        else expr = ParsePrimary();
        return ParseCallTail(expr, start, false);
    }

    private Node ParseNew()
    {
        var start = _tok.Start;
        Next(); // new
        if (Is("."))
        {
            Next();
            var prop = ParseIdentifierName();
            return Finish(new MetaProperty { Meta = "new", PropertyName = prop.Name }, start);
        }
        Enter();
        try
        {
            var cs = _tok.Start;
            Node callee;
            if (IsName("new")) callee = ParseNew();
            else if (IsName("import") && Peek().Is("."))
            {
                Next(); Next();
                var prop = ParseIdentifierName();
                callee = Finish(new MetaProperty { Meta = "import", PropertyName = prop.Name }, cs);
            }
            else if (IsName("super")) { callee = new Super { Start = _tok.Start, End = _tok.End }; Next(); }
            else callee = ParsePrimary();
            callee = ParseCallTail(callee, cs, true);
            if (_ts && Is("<")) TryTypeArgumentsForCall();
            var n = new CallExpression { IsNew = true, Callee = callee };
            if (Is("("))
            {
                n.ArgsOpen = _tok.End;
                n.Arguments = ParseArguments();
            }
            return Finish(n, start);
        }
        finally { Leave(); }
    }

    private List<Node> ParseArguments()
    {
        Expect("(");
        var args = new List<Node>();
        while (!Is(")"))
        {
            if (Is("..."))
            {
                var s = _tok.Start;
                Next();
                args.Add(Finish(new SpreadElement { Argument = ParseAssignment() }, s));
            }
            else args.Add(ParseAssignment());
            if (!Eat(",")) break;
        }
        Expect(")");
        return args;
    }

    private Node ParseCallTail(Node expr, int start, bool noCall)
    {
        var chain = false;
        var levels = 0;
        try
        {
            while (true)
            {
                if (++levels % 64 == 0) { Enter(); }
                if (_tok.Kind == TokenKind.Punctuator)
                {
                    switch (_tok.Value)
                    {
                        case ".":
                        {
                            Next();
                            Node prop;
                            if (_tok.Kind == TokenKind.PrivateName) { prop = new PrivateIdentifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End }; Next(); }
                            else prop = ParseIdentifierName();
                            expr = Finish(new MemberExpression { Object = expr, Property = prop }, start);
                            continue;
                        }
                        case "?.":
                        {
                            if (noCall) return expr;
                            chain = true;
                            Next();
                            if (Is("("))
                            {
                                var call = new CallExpression { Callee = expr, Optional = true, ArgsOpen = _tok.End };
                                call.Arguments = ParseArguments();
                                expr = Finish(call, start);
                            }
                            else if (Is("["))
                            {
                                Next();
                                var prop = ParseExpression();
                                Expect("]");
                                expr = Finish(new MemberExpression { Object = expr, Property = prop, Computed = true, Optional = true }, start);
                            }
                            else if (_ts && Is("<"))
                            {
                                TryTypeArgumentsForCall();
                                var call = new CallExpression { Callee = expr, Optional = true, ArgsOpen = _tok.End };
                                call.Arguments = ParseArguments();
                                expr = Finish(call, start);
                            }
                            else
                            {
                                Node prop;
                                if (_tok.Kind == TokenKind.PrivateName) { prop = new PrivateIdentifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End }; Next(); }
                                else prop = ParseIdentifierName();
                                expr = Finish(new MemberExpression { Object = expr, Property = prop, Optional = true }, start);
                            }
                            continue;
                        }
                        case "[":
                        {
                            Next();
                            var prop = ParseExpression();
                            Expect("]");
                            expr = Finish(new MemberExpression { Object = expr, Property = prop, Computed = true }, start);
                            continue;
                        }
                        case "(":
                        {
                            if (noCall) return expr;
                            var call = new CallExpression { Callee = expr, ArgsOpen = _tok.End };
                            call.Arguments = ParseArguments();
                            expr = Finish(call, start);
                            continue;
                        }
                        case "!":
                            if (_ts && !_tok.NewlineBefore)
                            {
                                Next();
                                expr = Finish(new TSWrapper { Kind = "TSNonNullExpression", Expression = expr }, start);
                                continue;
                            }
                            break;
                        case "<":
                        case "<<":
                            if (_ts && !_tok.NewlineBefore && TryTypeArgumentsForCall())
                            {
                                if (Is("(") && !noCall) continue;
                                if (_tok.Kind is TokenKind.TemplateFull or TokenKind.TemplateHead) continue;
                                expr = Finish(new TSWrapper { Kind = "TSInstantiationExpression", Expression = expr }, start);
                                continue;
                            }
                            break;
                    }
                }
                else if (_tok.Kind is TokenKind.TemplateFull or TokenKind.TemplateHead)
                {
                    var quasi = ParseTemplate();
                    expr = Finish(new TaggedTemplateExpression { Tag = expr, Quasi = quasi }, start);
                    continue;
                }
                break;
            }
        }
        finally { _depth -= levels / 64; }
        if (chain) expr = new ChainExpression { Expression = expr, Start = expr.Start, End = expr.End };
        return expr;
    }

    private Node ParsePrimary()
    {
        var start = _tok.Start;
        switch (_tok.Kind)
        {
            case TokenKind.Identifier:
                if (!_tok.Escaped)
                {
                    switch (_tok.Value)
                    {
                        case "function": return ParseFunction(start, false, false);
                        case "async":
                        {
                            var p = Peek();
                            if (p.IsName("function") && !p.NewlineBefore) { Next(); return ParseFunction(start, true, false); }
                            break;
                        }
                        case "class": return ParseClass(false, start);
                        case "this": Next(); return Finish(new ThisExpression(), start);
                        case "null": Next(); return Finish(new Literal { Kind = LiteralKind.Null, Raw = "null" }, start);
                        case "true": Next(); return Finish(new Literal { Kind = LiteralKind.Boolean, BoolValue = true, Raw = "true" }, start);
                        case "false": Next(); return Finish(new Literal { Kind = LiteralKind.Boolean, BoolValue = false, Raw = "false" }, start);
                    }
                }
                return ParseIdentifier();
            case TokenKind.String:
                return ParseStringLiteral();
            case TokenKind.Number:
            case TokenKind.BigInt:
            {
                var lit = new Literal { Kind = _tok.Kind == TokenKind.Number ? LiteralKind.Number : LiteralKind.BigInt, Raw = Text(_tok) };
                lit.NumberValue = Lexer.NumericValue(_tok.Value);
                Next();
                return Finish(lit, start);
            }
            case TokenKind.TemplateFull:
            case TokenKind.TemplateHead:
                return ParseTemplate();
            case TokenKind.PrivateName:
            {
                var p = new PrivateIdentifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
                Next();
                return p;
            }
            case TokenKind.Punctuator:
                switch (_tok.Value)
                {
                    case "(":
                    {
                        Next();
                        var e = ParseExpression();
                        if (_flow && Is(":"))
                        {
                            // Flow type cast `(e: T)`: the type is skipped, the expression kept.
                            Next();
                            SkipTypeNested();
                        }
                        Expect(")");
                        return Finish(new ParenthesizedExpression { Expression = e }, start);
                    }
                    case "[": return ParseArrayLiteral();
                    case "{": return ParseObjectLiteral();
                    case "/":
                    case "/=":
                    {
                        _tok = _lx.RescanRegex(_tok);
                        var raw = _tok.Value;
                        var lastSlash = raw.LastIndexOf('/');
                        var lit = new Literal { Kind = LiteralKind.Regex, Raw = raw, RegexPattern = raw.Substring(1, lastSlash - 1), RegexFlags = raw.Substring(lastSlash + 1) };
                        Next();
                        return Finish(lit, start);
                    }
                    case "<":
                        if (_jsx) return ParseJsxElement(false);
                        break;
                    case "@":
                    {
                        var decorators = ParseDecorators();
                        if (!IsName("class")) throw Err("Expected a class after decorators");
                        var c = ParseClass(false, start);
                        c.Decorators.InsertRange(0, decorators);
                        return c;
                    }
                }
                break;
        }
        throw Unexpected();
    }

    private TemplateLiteral ParseTemplate()
    {
        var start = _tok.Start;
        var t = new TemplateLiteral();
        if (_tok.Kind == TokenKind.TemplateFull)
        {
            t.Quasis.Add(new TemplateElement { Cooked = _tok.Value, Tail = true, Start = _tok.Start + 1, End = _tok.End - 1 });
            Next();
            return Finish(t, start);
        }
        t.Quasis.Add(new TemplateElement { Cooked = _tok.Value, Start = _tok.Start + 1, End = _tok.End - 2 });
        Next();
        while (true)
        {
            t.Expressions.Add(ParseExpression());
            if (!Is("}")) throw Err("Expected '}' in template literal");
            _tok = _lx.RescanTemplateContinuation(_tok);
            var tail = _tok.Kind == TokenKind.TemplateTail;
            t.Quasis.Add(new TemplateElement { Cooked = _tok.Value, Tail = tail, Start = _tok.Start + 1, End = _tok.End - (tail ? 1 : 2) });
            Next();
            if (tail) break;
        }
        return Finish(t, start);
    }

    private Node ParseArrayLiteral()
    {
        var start = _tok.Start;
        Next();
        var a = new ArrayExpression();
        while (!Is("]"))
        {
            if (Is(",")) { Next(); a.Elements.Add(null); continue; }
            if (Is("..."))
            {
                var s = _tok.Start;
                Next();
                a.Elements.Add(Finish(new SpreadElement { Argument = ParseAssignment() }, s));
            }
            else a.Elements.Add(ParseAssignment());
            if (!Is("]")) Expect(",");
        }
        Expect("]");
        return Finish(a, start);
    }

    private bool NextIsObjectKeyStart()
    {
        var p = Peek();
        return p.Kind is TokenKind.Identifier or TokenKind.String or TokenKind.Number or TokenKind.BigInt or TokenKind.PrivateName || p.Is("[") || p.Is("*");
    }

    private Node ParseObjectLiteral()
    {
        var start = _tok.Start;
        Next();
        var o = new ObjectExpression();
        while (!Is("}"))
        {
            var ps = _tok.Start;
            if (Is("..."))
            {
                Next();
                o.Properties.Add(Finish(new SpreadElement { Argument = ParseAssignment() }, ps));
            }
            else
            {
                var isAsync = false;
                var isGen = false;
                var kind = "init";
                if (IsName("async") && NextIsObjectKeyStart() && !Peek().NewlineBefore) { Next(); isAsync = true; }
                if (Eat("*")) isGen = true;
                if ((IsName("get") || IsName("set")) && NextIsObjectKeyStart()) { kind = _tok.Value; Next(); }
                var (key, computed) = ParsePropertyKey();
                if (Is("(") || Is("<"))
                {
                    var f = new FunctionNode { Kind = "FunctionExpression", Async = isAsync, Generator = isGen };
                    var fs = _tok.Start;
                    ParseFunctionRest(f, allowNoBody: false);
                    Finish(f, fs);
                    o.Properties.Add(Finish(new Property { Key = key, Value = f, Kind = kind, Computed = computed, Method = kind == "init" }, ps));
                }
                else if (Eat(":"))
                {
                    var v = ParseAssignment();
                    o.Properties.Add(Finish(new Property { Key = key, Value = v, Computed = computed }, ps));
                }
                else
                {
                    if (key is not Identifier kid || computed || isAsync || isGen || kind != "init") throw Unexpected();
                    Node v = new Identifier { Name = kid.Name, Start = kid.Start, End = kid.End };
                    if (Eat("="))
                    {
                        var right = ParseAssignment();
                        v = Finish(new AssignmentPattern { Left = v, Right = right }, ps);
                    }
                    o.Properties.Add(Finish(new Property { Key = key, Value = v, Shorthand = true }, ps));
                }
            }
            if (!Is("}")) Expect(",");
        }
        Expect("}");
        return Finish(o, start);
    }

    // ------------------------------------------------------------ JSX

    private void JsxNext()
    {
        _prevEnd = _tok.End;
        _lx.Pos = _tok.End;
        _tok = _lx.ScanJsxName();
    }

    private Node ParseJsxName()
    {
        var start = _tok.Start;
        if (_tok.Kind != TokenKind.Identifier) throw Err("Expected a JSX name");
        Node name = new Identifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
        JsxNext();
        if (Is(":"))
        {
            JsxNext();
            if (_tok.Kind != TokenKind.Identifier) throw Err("Expected a JSX name");
            name = new Identifier { Name = ((Identifier)name).Name + ":" + _tok.Value, Start = start, End = _tok.End };
            JsxNext();
        }
        while (Is("."))
        {
            JsxNext();
            if (_tok.Kind != TokenKind.Identifier) throw Err("Expected a JSX name");
            var prop = new Identifier { Name = _tok.Value, Start = _tok.Start, End = _tok.End };
            JsxNext();
            name = Finish(new MemberExpression { Object = name, Property = prop }, start);
        }
        return name;
    }

    /// <summary>Parses a JSX element or fragment; <c>_tok</c> is its '&lt;'. With <paramref name="inChild"/>, leaves the
    /// lexer right after the final '&gt;' (the parent scans text next); otherwise loads the next ordinary token.</summary>
    private Node ParseJsxElement(bool inChild)
    {
        Enter();
        try
        {
            var start = _tok.Start;
            var el = new JSXElement();
            JsxNext();
            if (Is(">"))
            {
                el.Fragment = true;
            }
            else
            {
                el.Name = ParseJsxName();
                if (_ts && Is("<")) { SkipTypeArguments(); _lx.Pos = _prevEnd; _tok = _lx.ScanJsxName(); }
                while (!Is(">") && !Is("/"))
                {
                    var asStart = _tok.Start;
                    if (Is("{"))
                    {
                        Next();
                        Expect("...");
                        var arg = ParseAssignment();
                        if (!Is("}")) throw Err("Expected '}'");
                        JsxNext();
                        el.Attributes.Add(Finish(new JSXExpressionContainer { Expression = arg, Spread = true }, asStart));
                        continue;
                    }
                    if (_tok.Kind != TokenKind.Identifier) throw Err($"Unexpected token '{Text(_tok)}' in JSX tag");
                    var attr = new JSXAttribute { Name = _tok.Value };
                    JsxNext();
                    if (Is(":")) { JsxNext(); attr.Name += ":" + _tok.Value; JsxNext(); }
                    if (Is("="))
                    {
                        _prevEnd = _tok.End;
                        _lx.Pos = _tok.End;
                        _tok = _lx.ScanJsxAttributeValueOrNext();
                        if (_tok.Kind == TokenKind.String)
                        {
                            attr.Value = new Literal { Kind = LiteralKind.String, StringValue = _tok.Value, Raw = Text(_tok), Start = _tok.Start, End = _tok.End };
                            JsxNext();
                        }
                        else if (Is("{"))
                        {
                            var cs = _tok.Start;
                            Next();
                            var e = ParseAssignment();
                            if (!Is("}")) throw Err("Expected '}'");
                            JsxNext();
                            attr.Value = Finish(new JSXExpressionContainer { Expression = e }, cs);
                        }
                        else if (Is("<"))
                        {
                            attr.Value = ParseJsxElement(true);
                            _tok = _lx.ScanJsxName();
                        }
                        else throw Err("Expected a JSX attribute value");
                    }
                    el.Attributes.Add(Finish(attr, asStart));
                }
                if (Is("/"))
                {
                    JsxNext();
                    if (!Is(">")) throw Err("Expected '>'");
                    return FinishJsx(el, start, inChild);
                }
            }
            // children
            while (true)
            {
                _prevEnd = _tok.End;
                _lx.Pos = _tok.End;
                var t = _lx.ScanJsxChild();
                if (t.Kind == TokenKind.EOF) throw Err("Unterminated JSX element", start);
                if (t.Kind == TokenKind.JsxText)
                {
                    el.ChildNodes.Add(new JSXText { Value = t.Value, Start = t.Start, End = t.End });
                    _tok = t;
                    continue;
                }
                _tok = t;
                if (t.Value == "{")
                {
                    var cs = t.Start;
                    Next();
                    var c = new JSXExpressionContainer();
                    if (!Is("}"))
                    {
                        if (Eat("...")) c.Spread = true;
                        c.Expression = ParseExpression();
                    }
                    if (!Is("}")) throw Err("Expected '}'");
                    c.Start = cs; c.End = _tok.End;
                    el.ChildNodes.Add(c);
                    continue;
                }
                // '<'
                var save = _lx.Pos;
                var after = _lx.Next();
                _lx.Pos = save;
                if (after.Is("/"))
                {
                    JsxNext(); // '/'
                    JsxNext();
                    if (!Is(">")) ParseJsxName();
                    if (!Is(">")) throw Err("Expected '>'");
                    return FinishJsx(el, start, inChild);
                }
                el.ChildNodes.Add(ParseJsxElement(true));
                _tok = new Token(TokenKind.Punctuator, _lx.Pos - 1, _lx.Pos, ">", false);
            }
        }
        finally { Leave(); }
    }

    private Node FinishJsx(JSXElement el, int start, bool inChild)
    {
        // _tok is the final '>'
        el.Start = start;
        el.End = _tok.End;
        _prevEnd = _tok.End;
        _lx.Pos = _tok.End;
        if (!inChild) Next();
        return el;
    }

    // ------------------------------------------------------------ TypeScript types (skipped)

    private void SkipReturnType()
    {
        if (IsName("asserts") && !Peek().NewlineBefore && (Peek().Kind == TokenKind.Identifier) && !Peek().Is("."))
        {
            Next(); Next();
            if (EatName("is")) SkipType();
            return;
        }
        if (_tok.Kind == TokenKind.Identifier && Peek().IsName("is") && !Peek().NewlineBefore)
        {
            Next(); Next();
            SkipType();
            return;
        }
        SkipType();
        // Flow's type guard marker on a function's return type: `): boolean %checks {`.
        if (_flow && Is("%") && Peek().IsName("checks")) { Next(); Next(); }
    }

    /// <summary>A type inside brackets (parenthesised type, type arguments, a cast): there an unparenthesised function
    /// type is allowed again.</summary>
    private void SkipTypeNested()
    {
        var outer = _noAnonFunctionType;
        _noAnonFunctionType = false;
        try { SkipType(); }
        finally { _noAnonFunctionType = outer; }
    }

    private void SkipType()
    {
        Enter();
        try
        {
            SplitLess();
            if (Is("<")) { SkipTypeParameters(); SkipBalanced(); Expect("=>"); SkipReturnType(); return; }
            if (IsName("new") || (IsName("abstract") && Peek().IsName("new")))
            {
                if (IsName("abstract")) Next();
                Next();
                if (Is("<")) SkipTypeParameters();
                SkipBalanced();
                Expect("=>");
                SkipReturnType();
                return;
            }
            if (Is("(") && IsFunctionTypeAhead())
            {
                SkipBalanced();
                Expect("=>");
                SkipReturnType();
                return;
            }
            SkipUnion();
            if (_flow && !_noAnonFunctionType && Is("=>"))
            {
                // Flow's unparenthesised one-parameter function type: `T => U`.
                Next();
                SkipType();
                return;
            }
            if (IsName("extends") && !_tok.NewlineBefore)
            {
                Next();
                if (Is("(") && IsFunctionTypeAhead()) { SkipBalanced(); Expect("=>"); SkipReturnType(); }
                else if (Is("<") || IsName("new")) SkipType();
                else SkipUnion();
                Expect("?");
                SkipType();
                Expect(":");
                SkipType();
            }
        }
        finally { Leave(); }
    }

    private bool IsFunctionTypeAhead()
    {
        var p = Peek();
        if (p.Is(")") || p.Is("...")) return true;
        if (p.Kind == TokenKind.Identifier)
        {
            var p2 = Peek2();
            if (p2.Is(":") || p2.Is(",") || p2.Is("?") || p2.Is("=")) return true;
            if (!p2.Is(")")) return false;
        }
        else if (!p.Is("{") && !p.Is("[")) return false;
        var state = Save();
        try
        {
            SkipBalanced();
            return Is("=>");
        }
        catch (SyntaxErrorException) { return false; }
        catch (ParseAbortException e) when (!e.Stack) { return false; }
        finally { Restore(state); }
    }

    private void SkipUnion()
    {
        if (Is("|") || Is("&")) Next();
        SkipTypeOperand();
        while (Is("|") || Is("&"))
        {
            Next();
            if (Is("(") && IsFunctionTypeAhead()) { SkipBalanced(); Expect("=>"); SkipReturnType(); continue; }
            SkipTypeOperand();
        }
    }

    private void SkipTypeOperandChain() => SkipTypeOperand();

    private void SkipTypeOperand()
    {
        Enter();
        try
        {
            if (_tok.Kind == TokenKind.Identifier && !_tok.Escaped)
            {
                switch (_tok.Value)
                {
                    case "keyof":
                    case "unique":
                    case "readonly":
                    {
                        var p = Peek();
                        if (p.Kind is TokenKind.Identifier or TokenKind.String || p.Is("{") || p.Is("[") || p.Is("(") || p.Kind == TokenKind.TemplateFull)
                        {
                            Next();
                            SkipTypeOperand();
                            return;
                        }
                        break;
                    }
                    case "infer":
                        if (Peek().Kind == TokenKind.Identifier)
                        {
                            Next();
                            Next();
                            if (IsName("extends") && !_tok.NewlineBefore)
                            {
                                // `infer U extends X` constraint (only when not the start of a conditional).
                                var st = Save();
                                try
                                {
                                    Next();
                                    SkipUnion();
                                    if (Is("?")) Restore(st);
                                }
                                catch (SyntaxErrorException) { Restore(st); }
                            }
                            SkipPostfix();
                            return;
                        }
                        break;
                    case "typeof":
                        Next();
                        if (IsName("import")) { Next(); SkipBalanced(); }
                        else ParseIdentifierName();
                        while (Is(".")) { Next(); ParseIdentifierName(); }
                        if (Is("<") && !_tok.NewlineBefore) SkipTypeArguments();
                        SkipPostfix();
                        return;
                    case "interface":
                        if (_flow && Peek().Is("{"))
                        {
                            // Flow's inline interface type: `interface { m(): void }`.
                            Next();
                            SkipBalanced();
                            SkipPostfix();
                            return;
                        }
                        break;
                    case "import":
                        Next();
                        SkipBalanced();
                        while (Is(".")) { Next(); ParseIdentifierName(); }
                        if (Is("<") && !_tok.NewlineBefore) SkipTypeArguments();
                        SkipPostfix();
                        return;
                }
                Next();
                while (Is(".")) { Next(); ParseIdentifierName(); }
                if (Is("<") && !_tok.NewlineBefore) SkipTypeArguments();
                SkipPostfix();
                return;
            }
            switch (_tok.Kind)
            {
                case TokenKind.String:
                case TokenKind.Number:
                case TokenKind.BigInt:
                case TokenKind.TemplateFull:
                    Next();
                    SkipPostfix();
                    return;
                case TokenKind.TemplateHead:
                    Next();
                    while (true)
                    {
                        SkipType();
                        if (!Is("}")) throw Err("Expected '}' in template literal type");
                        _tok = _lx.RescanTemplateContinuation(_tok);
                        var tail = _tok.Kind == TokenKind.TemplateTail;
                        Next();
                        if (tail) break;
                    }
                    SkipPostfix();
                    return;
            }
            if (Is("-") && Peek().Kind is TokenKind.Number or TokenKind.BigInt) { Next(); Next(); SkipPostfix(); return; }
            if (Is("{") || Is("[")) { SkipBalanced(); SkipPostfix(); return; }
            if (Is("("))
            {
                Next();
                SkipTypeNested();
                Expect(")");
                SkipPostfix();
                return;
            }
            if (_flow && Is("?"))
            {
                // Flow's maybe type `?T` (also `?() => void`, `?(A | B)`).
                Next();
                if (Is("(") && IsFunctionTypeAhead()) { SkipBalanced(); Expect("=>"); SkipReturnType(); }
                else SkipTypeOperand();
                return;
            }
            if (Is("*") || Is("?")) { Next(); return; }
            throw Unexpected();
        }
        finally { Leave(); }
    }

    private void SkipPostfix()
    {
        while (Is("[") && !_tok.NewlineBefore) SkipBalanced();
    }

    /// <summary>Splits a '&lt;&lt;' token (as in <c>f&lt;&lt;T&gt;() =&gt; T&gt;()</c>) into two '&lt;'.</summary>
    private void SplitLess()
    {
        if (Is("<<") || Is("<=") || Is("<<="))
        {
            _tok = new Token(TokenKind.Punctuator, _tok.Start, _tok.Start + 1, "<", _tok.NewlineBefore);
            _lx.Pos = _tok.End;
        }
    }

    private void SkipTypeArguments()
    {
        SplitLess();
        Expect("<");
        while (!Is(">"))
        {
            SkipTypeNested();
            if (!Eat(",")) break;
        }
        ExpectGreater();
    }

    private void SkipTypeParameters()
    {
        Expect("<");
        while (!Is(">"))
        {
            while ((IsName("const") || IsName("in") || IsName("out")) && Peek().Kind == TokenKind.Identifier) Next();
            ParseIdentifier();
            if (EatName("extends")) SkipType();
            if (Eat("=")) SkipType();
            if (!Eat(",")) break;
        }
        ExpectGreater();
    }

    /// <summary>Speculatively skips `&lt;T, U&gt;` in a call position; keeps it when what follows makes it type arguments.</summary>
    private readonly HashSet<int> _typeArgsFailed = new();

    /// <summary>Cheap token scan before speculating on type arguments at '&lt;': false when no plausible closing '&gt;' follows
    /// (bounded: 1024 tokens, 64 levels of '&lt;').</summary>
    private bool MaybeTypeArguments()
    {
        var save = _lx.Pos;
        _lx.Pos = _tok.Start;
        int angle = 0, brackets = 0, count = 0;
        try
        {
            while (count++ < 1024)
            {
                var t = _lx.Next();
                switch (t.Kind)
                {
                    case TokenKind.EOF: return false;
                    case TokenKind.TemplateHead: return true;
                    case TokenKind.Punctuator:
                        switch (t.Value)
                        {
                            case "<": if (++angle > 64) return false; break;
                            case "<<": angle += 2; if (angle > 64) return false; break;
                            case ">": if (--angle == 0 && brackets == 0) return true; break;
                            case "(": case "[": case "{": brackets++; break;
                            case ")": case "]": case "}": if (--brackets < 0) return false; break;
                            case ";": if (brackets == 0) return false; break;
                            case ",": case ".": case "|": case "&": case "=>": case ":": case "?": case "...": case "-": case "=": case "?.": case "!": break;
                            default: if (brackets == 0) return false; break;
                        }
                        break;
                }
            }
            return false;
        }
        catch (SyntaxErrorException) { return true; }
        finally { _lx.Pos = save; }
    }

    private bool TryTypeArgumentsForCall()
    {
        var pk = Peek();
        if (pk.Kind is TokenKind.Number or TokenKind.Invalid || pk.Is("(") && !_ts) return false;
        if (_typeArgsFailed.Contains(_tok.Start) || !MaybeTypeArguments()) return false;
        var state = Save();
        _speculating++;
        try
        {
            SkipTypeArguments();
        }
        catch (Exception e) when (e is SyntaxErrorException || e is ParseAbortException { Stack: false })
        {
            _speculating--;
            _typeArgsFailed.Add(state.Tok.Start);
            Restore(state);
            return false;
        }
        _speculating--;
        var ok = Is("(") || _tok.Kind is TokenKind.TemplateFull or TokenKind.TemplateHead || _tok.Kind == TokenKind.EOF || _tok.NewlineBefore ||
                 Is(")") || Is("]") || Is(",") || Is(";") || Is("}") || Is(".") || Is("?.") || Is(":") || Is("=") || Is("==") || Is("===") || Is("!=") || Is("!==") || Is("&&") || Is("||") || Is("??") || Is("?");
        if (!ok)
        {
            _typeArgsFailed.Add(state.Tok.Start);
            Restore(state);
        }
        return ok;
    }

    /// <summary>Skips a balanced (), [] or {} group (with template literals inside).</summary>
    private void SkipBalanced()
    {
        if (!(Is("(") || Is("[") || Is("{"))) throw Unexpected();
        var stack = new Stack<char>();
        var startTok = _tok.Start;
        while (true)
        {
            if (_tok.Kind == TokenKind.EOF) throw Err("Unbalanced brackets", startTok);
            if (_tok.Kind == TokenKind.Punctuator)
            {
                switch (_tok.Value)
                {
                    case "(": stack.Push(')'); break;
                    case "[": stack.Push(']'); break;
                    case "{": stack.Push('}'); break;
                    case ")": case "]":
                        if (stack.Count == 0 || stack.Pop() != _tok.Value[0]) throw Err("Unbalanced brackets");
                        break;
                    case "}":
                        if (stack.Count == 0) throw Err("Unbalanced brackets");
                        var top = stack.Pop();
                        if (top == '`')
                        {
                            _tok = _lx.RescanTemplateContinuation(_tok);
                            if (_tok.Kind == TokenKind.TemplateMiddle) stack.Push('`');
                        }
                        else if (top != '}') throw Err("Unbalanced brackets");
                        break;
                }
            }
            else if (_tok.Kind == TokenKind.TemplateHead) stack.Push('`');
            Next();
            if (stack.Count == 0) return;
        }
    }
}

using System.Runtime.CompilerServices;

namespace V6Ready.Java.Syntax;

/// <summary>
/// A tolerant recursive-descent parser for Java 21: packages, imports, modules, classes, interfaces, enums, records,
/// annotation types, sealed/non-sealed, generics, lambdas, method references, switch expressions and patterns, text
/// blocks. A member or statement that does not parse is recorded in <see cref="CompilationUnit.Errors"/> and skipped
/// (recovery per member and per statement). Nesting deeper than <see cref="MaxDepth"/> stops the parse with an error.
/// </summary>
public sealed class Parser
{
    public const int MaxDepth = 400;

    private sealed class ParseException(int pos, string message) : Exception(message)
    {
        public int Pos { get; } = pos;
    }

    private sealed class TooDeepException : Exception
    {
    }

    private readonly Token[] _t;
    private readonly List<SyntaxError> _errors;
    private readonly CancellationToken _ct;
    private int _i;
    private int _depth;

    private Parser(Token[] tokens, List<SyntaxError> errors, CancellationToken ct)
    {
        _t = tokens;
        _errors = errors;
        _ct = ct;
    }

    public static CompilationUnit ParseFile(string source, CancellationToken ct = default)
    {
        var (tokens, comments, lexErrors) = Lexer.Tokenize(source);
        var cu = new CompilationUnit { Source = source, Comments = comments, Start = 0, End = source.Length };
        cu.Errors.AddRange(lexErrors);
        var p = new Parser(tokens, cu.Errors, ct);
        try
        {
            p.CompilationUnit(cu);
        }
        catch (TooDeepException)
        {
            cu.Errors.Add(new SyntaxError(p.Cur.Start, $"nesting deeper than {MaxDepth} levels; the rest of the file is not parsed"));
        }
        catch (InsufficientExecutionStackException)
        {
            cu.Errors.Add(new SyntaxError(p.Cur.Start, "nesting too deep; the rest of the file is not parsed"));
        }
        SetParents(cu);
        return cu;
    }

    private static void SetParents(Node root)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var c in n.Children())
            {
                c.Parent = n;
                stack.Push(c);
            }
        }
    }

    // ---- token helpers ----

    private Token Cur => _t[_i];
    private Token PeekTok(int k = 1) => _t[Math.Min(_i + k, _t.Length - 1)];
    private bool At(string op) => _t[_i].Kind == TokenKind.Op && _t[_i].Text == op;
    private bool AtWord(string w) => _t[_i].Kind == TokenKind.Ident && (object)_t[_i].Text == w || _t[_i].Kind == TokenKind.Ident && _t[_i].Text == w;
    private bool PeekIs(int k, string op) { var t = PeekTok(k); return t.Kind == TokenKind.Op && t.Text == op; }
    private bool PeekWord(int k, string w) { var t = PeekTok(k); return t.Kind == TokenKind.Ident && t.Text == w; }
    private int PrevEnd => _i > 0 ? _t[_i - 1].End : 0;

    private Token Advance()
    {
        var t = _t[_i];
        if (_i < _t.Length - 1) _i++;
        return t;
    }

    private bool Accept(string op)
    {
        if (!At(op)) return false;
        Advance();
        return true;
    }

    private bool AcceptWord(string w)
    {
        if (!AtWord(w)) return false;
        Advance();
        return true;
    }

    private Token Expect(string op)
    {
        if (At(op)) return Advance();
        throw Error($"'{op}' expected, found {Describe(Cur)}");
    }

    private ParseException Error(string message) => new(Cur.Start, message);

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.EOF => "end of file",
        TokenKind.Ident => $"'{t.Text}'",
        TokenKind.Op => $"'{t.Text}'",
        _ => t.Kind.ToString().ToLowerInvariant() + " literal",
    };

    private bool IsIdent(Token t) => t.Kind == TokenKind.Ident && !Keywords.IsReserved(t.Text);

    private string ExpectIdent()
    {
        if (IsIdent(Cur)) return Advance().Text;
        throw Error($"identifier expected, found {Describe(Cur)}");
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw new TooDeepException();
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private void Leave() => _depth--;

    private void Record(ParseException e)
    {
        _errors.Add(new SyntaxError(e.Pos, e.Message));
    }

    /// <summary>Skips to just after the next ';' or past a balanced '{…}' at this level, stopping before an unbalanced '}'.</summary>
    private void SkipToRecovery(bool member)
    {
        var start = _i;
        var depth = 0;
        while (Cur.Kind != TokenKind.EOF)
        {
            if (At("{")) depth++;
            else if (At("}"))
            {
                if (depth == 0)
                {
                    if (_i == start) Advance();
                    return;
                }
                depth--;
                if (depth == 0 && member) { Advance(); return; }
            }
            else if (At(";") && depth == 0) { Advance(); return; }
            Advance();
        }
    }

    // ---- compilation unit ----

    private void CompilationUnit(CompilationUnit cu)
    {
        while (Cur.Kind != TokenKind.EOF)
        {
            _ct.ThrowIfCancellationRequested();
            var before = _i;
            try
            {
                if (Accept(";")) continue;
                var mods = ParseModifiers();
                if (AtWord("package"))
                {
                    Advance();
                    cu.Package = QualifiedName();
                    Expect(";");
                    continue;
                }
                if (AtWord("import"))
                {
                    var start = Advance().Start;
                    var isStatic = AcceptWord("static");
                    var name = ExpectIdent();
                    var onDemand = false;
                    while (Accept("."))
                    {
                        if (Accept("*")) { onDemand = true; break; }
                        name += "." + ExpectIdent();
                    }
                    Expect(";");
                    cu.Imports.Add(new ImportDecl { Name = name, IsStatic = isStatic, OnDemand = onDemand, Start = start, End = PrevEnd });
                    continue;
                }
                if ((AtWord("open") && PeekWord(1, "module")) || AtWord("module") && IsIdent(PeekTok()))
                {
                    AcceptWord("open");
                    Advance();
                    cu.Module = QualifiedName();
                    SkipBalanced("{", "}");
                    continue;
                }
                var td = TryTypeDecl(mods);
                if (td is null) throw Error($"class, interface, enum or record expected, found {Describe(Cur)}");
                cu.Types.Add(td);
            }
            catch (ParseException e)
            {
                Record(e);
                if (_i == before) Advance();
                SkipToRecovery(member: true);
            }
        }
    }

    private string QualifiedName()
    {
        var name = ExpectIdentOrWord();
        while (At(".") && PeekTok().Kind == TokenKind.Ident)
        {
            Advance();
            name += "." + Advance().Text;
        }
        return name;
    }

    private string ExpectIdentOrWord()
    {
        if (Cur.Kind == TokenKind.Ident) return Advance().Text;
        throw Error($"name expected, found {Describe(Cur)}");
    }

    private void SkipBalanced(string open, string close)
    {
        Expect(open);
        var depth = 1;
        while (depth > 0 && Cur.Kind != TokenKind.EOF)
        {
            if (At(open)) depth++;
            else if (At(close)) depth--;
            Advance();
        }
        if (depth > 0) throw Error($"'{close}' expected, found end of file");
    }

    private Modifiers ParseModifiers()
    {
        var m = new Modifiers();
        while (true)
        {
            var t = Cur;
            if (t.Kind == TokenKind.Op && t.Text == "@" && !PeekWord(1, "interface"))
            {
                m.Annotations.Add(ParseAnnotation());
                continue;
            }
            if (t.Kind != TokenKind.Ident) break;
            switch (t.Text)
            {
                case "public" or "protected" or "private" or "static" or "abstract" or "final" or "native" or "synchronized"
                    or "transient" or "volatile" or "strictfp":
                    m.Words.Add(Advance().Text);
                    continue;
                case "default" when !PeekIs(1, ":") && !PeekIs(1, "->"):
                    m.Words.Add(Advance().Text);
                    continue;
                case "sealed" when PeekTok().Kind == TokenKind.Ident:
                    m.Words.Add(Advance().Text);
                    continue;
                case "non" when PeekIs(1, "-") && PeekWord(2, "sealed"):
                    Advance(); Advance(); Advance();
                    m.Words.Add("non-sealed");
                    continue;
            }
            break;
        }
        return m;
    }

    private Annotation ParseAnnotation()
    {
        var start = Expect("@").Start;
        var nameStart = Cur.Start;
        var name = QualifiedName();
        var ann = new Annotation { Type = new TypeRef { Name = name, Start = nameStart, End = PrevEnd }, Start = start };
        if (Accept("("))
        {
            if (!At(")"))
            {
                if (IsIdent(Cur) && PeekIs(1, "="))
                {
                    do
                    {
                        var n = ExpectIdent();
                        Expect("=");
                        ann.Args.Add((n, ElementValue()));
                    }
                    while (Accept(","));
                }
                else ann.Args.Add(("value", ElementValue()));
            }
            Expect(")");
        }
        ann.End = PrevEnd;
        return ann;
    }

    private Expr ElementValue()
    {
        if (At("@"))
        {
            var a = ParseAnnotation();
            return new AnnotationExpr { Annotation = a, Start = a.Start, End = a.End };
        }
        if (At("{"))
        {
            var start = Advance().Start;
            var init = new ArrayInit { Start = start };
            while (!At("}") && Cur.Kind != TokenKind.EOF)
            {
                init.Items.Add(ElementValue());
                if (!Accept(",")) break;
            }
            Expect("}");
            init.End = PrevEnd;
            return init;
        }
        return Ternary();
    }

    /// <summary>A class, interface, enum, record or annotation type declaration at the cursor, or null when there is none.</summary>
    private TypeDecl? TryTypeDecl(Modifiers mods)
    {
        var start = mods.Annotations.Count > 0 ? Math.Min(mods.Annotations[0].Start, Cur.Start) : Cur.Start;
        TypeKind kind;
        if (AtWord("class")) kind = TypeKind.Class;
        else if (AtWord("interface")) kind = TypeKind.Interface;
        else if (AtWord("enum") && IsIdent(PeekTok())) kind = TypeKind.Enum;
        else if (AtWord("record") && IsIdent(PeekTok()) && (PeekIs(2, "(") || PeekIs(2, "<"))) kind = TypeKind.Record;
        else if (At("@") && PeekWord(1, "interface")) { Advance(); kind = TypeKind.Annotation; }
        else return null;
        Advance();
        Enter();
        try
        {
            var nameStart = Cur.Start;
            var name = ExpectIdent();
            var td = new TypeDecl { Kind = kind, Name = name, NameStart = nameStart, Start = start, Modifiers = mods };
            if (At("<")) SkipTypeParams();
            if (kind == TypeKind.Record)
            {
                Expect("(");
                while (!At(")"))
                {
                    td.RecordComponents.Add(ParseParam());
                    if (!Accept(",")) break;
                }
                Expect(")");
            }
            while (true)
            {
                if (AcceptWord("extends") || AcceptWord("implements") || AcceptWord("permits"))
                {
                    do td.Supertypes.Add(ParseType()); while (Accept(","));
                    continue;
                }
                break;
            }
            Expect("{");
            if (kind == TypeKind.Enum) EnumConstants(td);
            ClassBody(td.Members, name);
            td.End = PrevEnd;
            return td;
        }
        finally
        {
            Leave();
        }
    }

    private void SkipTypeParams()
    {
        Expect("<");
        var depth = 1;
        while (depth > 0 && Cur.Kind != TokenKind.EOF)
        {
            if (At("<")) depth++;
            else if (At(">")) depth--;
            else if (At("{") || At(";")) throw Error("'>' expected");
            Advance();
        }
    }

    private void EnumConstants(TypeDecl td)
    {
        while (!At(";") && !At("}") && Cur.Kind != TokenKind.EOF)
        {
            var start = Cur.Start;
            var annotations = new List<Annotation>();
            while (At("@")) annotations.Add(ParseAnnotation());
            var name = ExpectIdent();
            var ec = new EnumConstant { Name = name, Start = start };
            ec.Annotations.AddRange(annotations);
            if (At("(")) Arguments(ec.Args);
            if (Accept("{"))
            {
                ec.Body = new List<Member>();
                ClassBody(ec.Body, null);
            }
            ec.End = PrevEnd;
            td.EnumConstants.Add(ec);
            if (!Accept(",")) break;
        }
        Accept(";");
    }

    /// <summary>Members up to and including the closing '}' (the '{' is already consumed). Recovers per member.</summary>
    private void ClassBody(List<Member> members, string? typeName)
    {
        while (!At("}"))
        {
            _ct.ThrowIfCancellationRequested();
            if (Cur.Kind == TokenKind.EOF) throw Error("'}' expected, found end of file");
            var before = _i;
            try
            {
                var m = ParseMember(typeName);
                if (m != null) members.Add(m);
            }
            catch (ParseException e)
            {
                Record(e);
                if (_i == before) Advance();
                SkipToRecovery(member: true);
            }
        }
        Advance();
    }

    private Member? ParseMember(string? typeName)
    {
        if (Accept(";")) return null;
        var start = Cur.Start;
        if (At("{") || AtWord("static") && PeekIs(1, "{"))
        {
            var isStatic = AcceptWord("static");
            var body = ParseBlock();
            return new Initializer { IsStatic = isStatic, Body = body, Start = start, End = PrevEnd };
        }
        var mods = ParseModifiers();
        if (mods.Annotations.Count > 0) start = Math.Min(start, mods.Annotations[0].Start);
        var td = TryTypeDecl(mods);
        if (td != null) return td;
        if (At("<")) SkipTypeParams();
        // constructor (or a record's compact constructor)
        if (IsIdent(Cur) && (PeekIs(1, "(") || PeekIs(1, "{") && Cur.Text == typeName))
        {
            var nameStart = Cur.Start;
            var name = Advance().Text;
            var ctor = new MethodDecl { Name = name, NameStart = nameStart, Start = start, Modifiers = mods };
            if (At("(")) Params(ctor.Params);
            if (AcceptWord("throws")) do ParseType(); while (Accept(","));
            ctor.Body = ParseBlock();
            ctor.End = PrevEnd;
            return ctor;
        }
        var type = AtWord("void") ? VoidType() : ParseType();
        {
            var nameStart = Cur.Start;
            var name = ExpectIdent();
            if (At("("))
            {
                var md = new MethodDecl { ReturnType = type, Name = name, NameStart = nameStart, Start = start, Modifiers = mods };
                Params(md.Params);
                while (At("[") || At("@")) { while (At("@")) ParseAnnotation(); Expect("["); Expect("]"); type.Dims++; }
                if (AcceptWord("throws")) do ParseType(); while (Accept(","));
                if (AcceptWord("default")) md.DefaultValue = ElementValue();
                if (At("{")) md.Body = ParseBlock();
                else Expect(";");
                md.End = PrevEnd;
                return md;
            }
            var fd = new FieldDecl { Type = type, Start = start, Modifiers = mods };
            Declarators(fd.Vars, name, nameStart);
            Expect(";");
            fd.End = PrevEnd;
            return fd;
        }
    }

    private TypeRef VoidType()
    {
        var t = Advance();
        return new TypeRef { Name = "void", Start = t.Start, End = t.End };
    }

    private void Declarators(List<VarDeclarator> vars, string firstName, int firstStart)
    {
        var name = firstName;
        var nameStart = firstStart;
        while (true)
        {
            var v = new VarDeclarator { Name = name, NameStart = nameStart, Start = nameStart };
            while (At("[") || At("@")) { while (At("@")) ParseAnnotation(); Expect("["); Expect("]"); v.Dims++; }
            if (Accept("=")) v.Init = VarInit();
            v.End = PrevEnd;
            vars.Add(v);
            if (!Accept(",")) break;
            nameStart = Cur.Start;
            name = ExpectIdent();
        }
    }

    private Expr VarInit() => At("{") ? ArrayInitializer() : Expression();

    private ArrayInit ArrayInitializer()
    {
        var start = Expect("{").Start;
        var init = new ArrayInit { Start = start };
        Enter();
        try
        {
            while (!At("}") && Cur.Kind != TokenKind.EOF)
            {
                init.Items.Add(VarInit());
                if (!Accept(",")) break;
            }
        }
        finally
        {
            Leave();
        }
        Expect("}");
        init.End = PrevEnd;
        return init;
    }

    private void Params(List<Param> ps)
    {
        Expect("(");
        while (!At(")"))
        {
            // receiver parameter: Type this / Type Outer.this
            ps.Add(ParseParam());
            if (!Accept(",")) break;
        }
        Expect(")");
    }

    private Param ParseParam()
    {
        var start = Cur.Start;
        var mods = ParseModifiers();
        var type = ParseType();
        while (At("@")) ParseAnnotation();
        var varArgs = Accept("...");
        string name;
        if (AtWord("this")) { Advance(); name = "this"; }
        else
        {
            name = ExpectIdent();
            if (At(".") && PeekWord(1, "this")) { Advance(); Advance(); name = "this"; }
        }
        while (Accept("[")) { Expect("]"); type.Dims++; }
        return new Param { Modifiers = mods, Type = type, Name = name, VarArgs = varArgs, Start = start, End = PrevEnd };
    }

    // ---- types ----

    private TypeRef ParseType() => TypeCore(speculative: false) ?? throw Error($"type expected, found {Describe(Cur)}");

    /// <summary>Parses a type; when <paramref name="speculative"/>, returns null (cursor unchanged) instead of failing.</summary>
    private TypeRef? TypeCore(bool speculative, bool allowDims = true)
    {
        var save = _i;
        var start = Cur.Start;
        while (At("@"))
        {
            if (speculative)
            {
                try { ParseAnnotation(); }
                catch (ParseException) { _i = save; return null; }
            }
            else ParseAnnotation();
        }
        if (Cur.Kind != TokenKind.Ident) { _i = save; return null; }
        var first = Cur.Text;
        if (Keywords.IsReserved(first) && !Keywords.IsPrimitive(first)) { _i = save; return null; }
        TypeRef type;
        if (Keywords.IsPrimitive(first))
        {
            Advance();
            type = new TypeRef { Name = first, Start = start };
        }
        else
        {
            Advance();
            var name = first;
            var args = new List<TypeRef>();
            while (true)
            {
                if (At("<"))
                {
                    if (!TypeArgs(args, speculative)) { _i = save; return null; }
                }
                if (At(".") && (PeekTok().Kind == TokenKind.Ident && IsIdent(PeekTok()) || PeekIs(1, "@")))
                {
                    Advance();
                    while (At("@")) ParseAnnotation();
                    if (!IsIdent(Cur)) { _i = save; return null; }
                    name += "." + Advance().Text;
                    continue;
                }
                break;
            }
            type = new TypeRef { Name = name, Start = start, Args = args };
        }
        if (allowDims)
        {
            while (true)
            {
                var s2 = _i;
                while (At("@"))
                {
                    try { ParseAnnotation(); }
                    catch (ParseException) when (speculative) { _i = save; return null; }
                }
                if (At("[") && PeekIs(1, "]")) { Advance(); Advance(); type.Dims++; continue; }
                _i = s2;
                break;
            }
        }
        type.End = PrevEnd;
        return type;
    }

    private bool TypeArgs(List<TypeRef> args, bool speculative)
    {
        Advance(); // <
        Enter();
        try
        {
            if (At(">")) { Advance(); return true; } // diamond
            while (true)
            {
                while (At("@")) ParseAnnotation();
                if (At("?"))
                {
                    var q = Advance();
                    if (AcceptWord("extends") || AcceptWord("super"))
                    {
                        var b = TypeCore(speculative);
                        if (b is null) { if (speculative) return false; throw Error("type expected"); }
                        args.Add(b);
                    }
                    else args.Add(new TypeRef { Name = "?", Start = q.Start, End = q.End });
                }
                else
                {
                    var a = TypeCore(speculative);
                    if (a is null) { if (speculative) return false; throw Error($"type expected, found {Describe(Cur)}"); }
                    args.Add(a);
                }
                if (Accept(",")) continue;
                if (At(">")) { Advance(); return true; }
                if (speculative) return false;
                throw Error($"'>' expected, found {Describe(Cur)}");
            }
        }
        finally
        {
            Leave();
        }
    }

    // ---- statements ----

    private Block ParseBlock()
    {
        var start = Expect("{").Start;
        var block = new Block { Start = start };
        Enter();
        try
        {
            while (!At("}"))
            {
                _ct.ThrowIfCancellationRequested();
                if (Cur.Kind == TokenKind.EOF) throw Error("'}' expected, found end of file");
                var before = _i;
                try
                {
                    block.Stmts.Add(Statement());
                }
                catch (ParseException e)
                {
                    Record(e);
                    if (_i == before) Advance();
                    SkipToRecovery(member: false);
                }
            }
            Advance();
        }
        finally
        {
            Leave();
        }
        block.End = PrevEnd;
        return block;
    }

    private Stmt Statement()
    {
        Enter();
        try
        {
            return StatementCore();
        }
        finally
        {
            Leave();
        }
    }

    private GenericStmt G(string kw, int start) => new() { Keyword = kw, Start = start };

    private T Done<T>(T n) where T : Node
    {
        n.End = PrevEnd;
        return n;
    }

    private Stmt StatementCore()
    {
        var t = Cur;
        var start = t.Start;
        if (t.Kind == TokenKind.Op)
        {
            if (t.Text == "{") return ParseBlock();
            if (t.Text == ";") { Advance(); return Done(G("empty", start)); }
            if (t.Text == "@") return LocalDeclOrType();
        }
        if (t.Kind == TokenKind.Ident)
        {
            switch (t.Text)
            {
                case "if":
                {
                    Advance();
                    var cond = ParenExpression();
                    var then = Statement();
                    Stmt? els = null;
                    if (AcceptWord("else")) els = Statement();
                    return Done(new IfStmt { Cond = cond, Then = then, Else = els, Start = start });
                }
                case "while":
                {
                    Advance();
                    var g = G("while", start);
                    g.Parts.Add(ParenExpression());
                    g.Parts.Add(Statement());
                    return Done(g);
                }
                case "do":
                {
                    Advance();
                    var g = G("do", start);
                    g.Parts.Add(Statement());
                    if (!AcceptWord("while")) throw Error("'while' expected");
                    g.Parts.Add(ParenExpression());
                    Expect(";");
                    return Done(g);
                }
                case "for": return ForStatement();
                case "try": return TryStatement();
                case "switch":
                {
                    Advance();
                    var sel = ParenExpression();
                    var sw = new SwitchStmt { Selector = sel, Start = start };
                    SwitchBody(sw.Cases);
                    return Done(sw);
                }
                case "return" or "throw":
                {
                    Advance();
                    var g = G(t.Text, start);
                    if (!At(";")) g.Parts.Add(Expression());
                    Expect(";");
                    return Done(g);
                }
                case "break" or "continue":
                {
                    Advance();
                    if (IsIdent(Cur)) Advance();
                    Expect(";");
                    return Done(G(t.Text, start));
                }
                case "synchronized" when PeekIs(1, "("):
                {
                    Advance();
                    var g = G("synchronized", start);
                    g.Parts.Add(ParenExpression());
                    g.Parts.Add(ParseBlock());
                    return Done(g);
                }
                case "assert":
                {
                    Advance();
                    var g = G("assert", start);
                    g.Parts.Add(Expression());
                    if (Accept(":")) g.Parts.Add(Expression());
                    Expect(";");
                    return Done(g);
                }
                case "yield" when IsYieldStatement():
                {
                    Advance();
                    var g = G("yield", start);
                    g.Parts.Add(Expression());
                    Expect(";");
                    return Done(g);
                }
                case "class" or "interface" or "enum" or "abstract" or "final" or "static" or "strictfp":
                    return LocalDeclOrType();
                case "record" when IsIdent(PeekTok()) && (PeekIs(2, "(") || PeekIs(2, "<")):
                    return LocalDeclOrType();
                case "sealed" or "non" when PeekWord(1, "class") || PeekWord(1, "interface") || PeekIs(1, "-"):
                    return LocalDeclOrType();
            }
            if (IsIdent(t) && PeekIs(1, ":") )
            {
                Advance();
                Advance();
                var g = G("label", start);
                g.Parts.Add(Statement());
                return Done(g);
            }
            var lv = TryLocalVar(new Modifiers(), start);
            if (lv != null)
            {
                Expect(";");
                return Done(lv);
            }
        }
        var e = Expression();
        Expect(";");
        return Done(new ExprStmt { Expr = e, Start = start });
    }

    private bool IsYieldStatement()
    {
        var n = PeekTok();
        if (n.Kind != TokenKind.Op) return true;
        return n.Text switch
        {
            "=" or "." or "[" or "++" or "--" or "+=" or "-=" or "*=" or "/=" or "%=" or "&=" or "|=" or "^=" or "<<=" or ";" or "::" or ">" => false,
            _ => true,
        };
    }

    private Stmt LocalDeclOrType()
    {
        var start = Cur.Start;
        var mods = ParseModifiers();
        var td = TryTypeDecl(mods);
        if (td != null) return new LocalType { Decl = td, Start = td.Start, End = td.End };
        var lv = TryLocalVar(mods, start) ?? throw Error($"declaration expected, found {Describe(Cur)}");
        Expect(";");
        return Done(lv);
    }

    /// <summary>A local variable declaration (without the ';') when the cursor is at <c>Type name</c>, else null with the cursor unchanged.</summary>
    private LocalVar? TryLocalVar(Modifiers mods, int start)
    {
        var save = _i;
        var type = TypeCore(speculative: true);
        if (type is null || !IsIdent(Cur)) { _i = save; return null; }
        var n = PeekTok();
        if (!(n.Kind == TokenKind.Op && n.Text is "=" or ";" or "," or "[" or ":" or ")")) { _i = save; return null; }
        var nameStart = Cur.Start;
        var name = Advance().Text;
        var lv = new LocalVar { Modifiers = mods, Type = type, Start = start };
        Declarators(lv.Vars, name, nameStart);
        return lv;
    }

    private Stmt ForStatement()
    {
        var start = Advance().Start;
        Expect("(");
        // for-each?
        var save = _i;
        var mods = ParseModifiers();
        var type = TypeCore(speculative: true);
        if (type != null && IsIdent(Cur) && PeekIs(1, ":"))
        {
            var vs = Cur.Start;
            var name = Advance().Text;
            Advance();
            var g = G("foreach", start);
            var lv = new LocalVar { Modifiers = mods, Type = type, Start = vs, End = PrevEnd };
            lv.Vars.Add(new VarDeclarator { Name = name, NameStart = vs, Start = vs, End = vs + name.Length });
            g.Parts.Add(lv);
            g.Parts.Add(Expression());
            Expect(")");
            g.Parts.Add(Statement());
            return Done(g);
        }
        _i = save;
        var f = G("for", start);
        if (!At(";"))
        {
            var s0 = Cur.Start;
            var m2 = ParseModifiers();
            var lv = TryLocalVar(m2, s0);
            if (lv != null) f.Parts.Add(Done(lv));
            else
            {
                do f.Parts.Add(new ExprStmt { Expr = Expression(), Start = s0, End = PrevEnd }); while (Accept(","));
            }
        }
        Expect(";");
        if (!At(";")) f.Parts.Add(Expression());
        Expect(";");
        if (!At(")")) do f.Parts.Add(Expression()); while (Accept(","));
        Expect(")");
        f.Parts.Add(Statement());
        return Done(f);
    }

    private Stmt TryStatement()
    {
        var start = Advance().Start;
        var g = G("try", start);
        if (Accept("("))
        {
            while (!At(")"))
            {
                var s0 = Cur.Start;
                var mods = ParseModifiers();
                var lv = TryLocalVar(mods, s0);
                if (lv != null) g.Parts.Add(Done(lv));
                else g.Parts.Add(Expression());
                if (!Accept(";")) break;
            }
            Expect(")");
        }
        g.Parts.Add(ParseBlock());
        while (AtWord("catch"))
        {
            Advance();
            Expect("(");
            var s0 = Cur.Start;
            var mods = ParseModifiers();
            var type = ParseType();
            while (Accept("|")) ParseType();
            var name = ExpectIdent();
            g.Parts.Add(new Param { Modifiers = mods, Type = type, Name = name, Start = s0, End = PrevEnd });
            Expect(")");
            g.Parts.Add(ParseBlock());
        }
        if (AcceptWord("finally")) g.Parts.Add(ParseBlock());
        return Done(g);
    }

    private void SwitchBody(List<SwitchCase> cases)
    {
        Expect("{");
        while (!At("}"))
        {
            _ct.ThrowIfCancellationRequested();
            if (Cur.Kind == TokenKind.EOF) throw Error("'}' expected, found end of file");
            var sc = new SwitchCase { Start = Cur.Start };
            if (AcceptWord("default")) sc.IsDefault = true;
            else if (AcceptWord("case"))
            {
                do
                {
                    if (AcceptWord("default")) { sc.IsDefault = true; continue; }
                    sc.Labels.Add(CaseLabel());
                }
                while (Accept(","));
                if (AtWord("when")) { Advance(); sc.Guard = Ternary(noLambda: true); }
            }
            else throw Error($"'case' or 'default' expected, found {Describe(Cur)}");
            if (Accept("->"))
            {
                sc.Arrow = true;
                var s0 = Cur.Start;
                if (At("{")) sc.Body.Add(ParseBlock());
                else if (AtWord("throw")) sc.Body.Add(Statement());
                else
                {
                    var e = Expression();
                    Expect(";");
                    sc.Body.Add(new ExprStmt { Expr = e, Start = s0, End = PrevEnd });
                }
            }
            else
            {
                Expect(":");
                while (!AtWord("case") && !(AtWord("default") && (PeekIs(1, ":") || PeekIs(1, "->"))) && !At("}") && Cur.Kind != TokenKind.EOF)
                {
                    var before = _i;
                    try
                    {
                        sc.Body.Add(Statement());
                    }
                    catch (ParseException e)
                    {
                        Record(e);
                        if (_i == before) Advance();
                        SkipToRecovery(member: false);
                    }
                }
            }
            sc.End = PrevEnd;
            cases.Add(sc);
        }
        Advance();
    }

    private Expr CaseLabel()
    {
        var start = Cur.Start;
        var save = _i;
        // pattern: Type ident | Type(…) (record pattern)
        var mods = ParseModifiers();
        var type = TypeCore(speculative: true);
        if (type != null)
        {
            if (IsIdent(Cur) && !AtWord("when") && (PeekIs(1, "->") || PeekIs(1, ":") || PeekIs(1, ",") || PeekWord(1, "when")))
            {
                var b = Advance().Text;
                return new PatternExpr { Type = type, Binding = b, Start = start, End = PrevEnd };
            }
            if (At("(") && type.Name.Length > 0 && char.IsUpper(type.SimpleName[0]) && LooksLikeRecordPattern())
            {
                SkipBalanced("(", ")");
                string? b = null;
                if (IsIdent(Cur) && !AtWord("when")) b = Advance().Text;
                return new PatternExpr { Type = type, Binding = b, Start = start, End = PrevEnd };
            }
        }
        _ = mods;
        _i = save;
        return Ternary(noLambda: true);
    }

    /// <summary>At '(' of a possible record pattern: true when the matching ')' is followed by '->', ':', ',', 'when' or a binding name.</summary>
    private bool LooksLikeRecordPattern()
    {
        var j = MatchingParen(_i);
        if (j < 0) return false;
        var n = _t[Math.Min(j + 1, _t.Length - 1)];
        if (n.Kind == TokenKind.Op) return n.Text is "->" or ":" or ",";
        return n.Kind == TokenKind.Ident;
    }

    private int MatchingParen(int i)
    {
        var depth = 0;
        for (var j = i; j < _t.Length; j++)
        {
            var t = _t[j];
            if (t.Kind == TokenKind.EOF) return -1;
            if (t.Kind != TokenKind.Op) continue;
            if (t.Text == "(") depth++;
            else if (t.Text == ")") { if (--depth == 0) return j; }
            else if (t.Text is ";" or "{" or "}") return -1;
        }
        return -1;
    }

    private Expr ParenExpression()
    {
        Expect("(");
        var e = Expression();
        Expect(")");
        return e;
    }

    // ---- expressions ----

    public Expr Expression()
    {
        Enter();
        try
        {
            var lambda = TryLambda();
            if (lambda != null) return lambda;
            var start = Cur.Start;
            var lhs = Ternary();
            if (Cur.Kind == TokenKind.Op)
            {
                var op = AssignOp();
                if (op != null)
                {
                    var value = Expression();
                    return new AssignExpr { Op = op, Target = lhs, Value = value, Start = start, End = PrevEnd };
                }
            }
            return lhs;
        }
        finally
        {
            Leave();
        }
    }

    private string? AssignOp()
    {
        var t = Cur;
        switch (t.Text)
        {
            case "=" or "+=" or "-=" or "*=" or "/=" or "%=" or "&=" or "|=" or "^=" or "<<=":
                Advance();
                return t.Text;
            case ">":
            {
                // >>= and >>>=
                var n = 1;
                while (n < 3 && PeekIs(n, ">") && !PeekTok(n).SpaceBefore) n++;
                if (n >= 2 && PeekIs(n, "=") && !PeekTok(n).SpaceBefore)
                {
                    for (var k = 0; k <= n; k++) Advance();
                    return new string('>', n) + "=";
                }
                return null;
            }
        }
        return null;
    }

    private LambdaExpr? TryLambda()
    {
        var start = Cur.Start;
        if (IsIdent(Cur) && PeekIs(1, "->"))
        {
            var name = Advance().Text;
            Advance();
            var l = new LambdaExpr { Body = LambdaBody(), Start = start };
            l.Params.Add(name);
            return Done(l);
        }
        if (At("("))
        {
            var j = MatchingParen(_i);
            if (j < 0) return null;
            var after = _t[Math.Min(j + 1, _t.Length - 1)];
            if (!(after.Kind == TokenKind.Op && after.Text == "->")) return null;
            var names = new List<string>();
            // parameter names: the identifier before each top-level ',' and the closing ')'
            var depth = 0;
            for (var k = _i + 1; k < j; k++)
            {
                var t = _t[k];
                if (t.Kind == TokenKind.Op && t.Text is "(" or "<" or "[") depth++;
                else if (t.Kind == TokenKind.Op && t.Text is ")" or ">" or "]") depth--;
                if (depth == 0 && _t[k + 1].Kind == TokenKind.Op && _t[k + 1].Text is "," or ")" && k + 1 <= j && t.Kind == TokenKind.Ident) names.Add(t.Text);
            }
            _i = j + 2;
            var l = new LambdaExpr { Body = LambdaBody(), Start = start };
            l.Params.AddRange(names);
            return Done(l);
        }
        return null;
    }

    private Node LambdaBody() => At("{") ? ParseBlock() : Expression();

    private Expr Ternary(bool noLambda = false)
    {
        var start = Cur.Start;
        var cond = Binary(1);
        if (!At("?")) return cond;
        Advance();
        var then = noLambda ? Ternary(true) : TernaryBranch();
        Expect(":");
        var els = noLambda ? Ternary(true) : TernaryBranch();
        return new ConditionalExpr { Cond = cond, Then = then, Else = els, Start = start, End = PrevEnd };
    }

    private Expr TernaryBranch()
    {
        Enter();
        try
        {
            return (Expr?)TryLambda() ?? Ternary();
        }
        finally
        {
            Leave();
        }
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" or "!=" => 6,
        "<" or ">" or "<=" or ">=" or "instanceof" => 7,
        "<<" or ">>" or ">>>" => 8,
        "+" or "-" => 9,
        "*" or "/" or "%" => 10,
        _ => 0,
    };

    /// <summary>The binary operator at the cursor (joining adjacent '&gt;' tokens) and how many tokens it spans.</summary>
    private (string? Op, int Count) PeekBinaryOp()
    {
        var t = Cur;
        if (t.Kind == TokenKind.Ident) return t.Text == "instanceof" ? ("instanceof", 1) : (null, 0);
        if (t.Kind != TokenKind.Op) return (null, 0);
        if (t.Text == ">")
        {
            var n = 1;
            while (n < 3 && PeekIs(n, ">") && !PeekTok(n).SpaceBefore) n++;
            if (PeekIs(n, "=") && !PeekTok(n).SpaceBefore)
            {
                if (n == 1) return (">=", 2);
                return (null, 0); // >>= is an assignment
            }
            return (new string('>', n), n);
        }
        return Precedence(t.Text) > 0 ? (t.Text, 1) : (null, 0);
    }

    private Expr Binary(int minPrec)
    {
        var start = Cur.Start;
        var left = Unary();
        {
            while (true)
            {
                var (op, count) = PeekBinaryOp();
                if (op is null) break;
                var prec = Precedence(op);
                if (prec < minPrec) break;
                for (var k = 0; k < count; k++) Advance();
                if (op == "instanceof")
                {
                    AcceptWord("final");
                    var type = ParseType();
                    string? binding = null;
                    if (At("(")) SkipBalanced("(", ")");
                    if (IsIdent(Cur) && !AtWord("instanceof")) binding = Advance().Text;
                    left = new InstanceOfExpr { Operand = left, Type = type, Binding = binding, Start = start, End = PrevEnd };
                    continue;
                }
                var right = Binary(prec + 1);
                left = new BinaryExpr { Op = op, Left = left, Right = right, Start = start, End = PrevEnd };
            }
        }
        return left;
    }

    private Expr Unary()
    {
        var t = Cur;
        var start = t.Start;
        if (t.Kind == TokenKind.Op)
        {
            switch (t.Text)
            {
                case "+" or "-" or "++" or "--" or "!" or "~":
                {
                    Advance();
                    Enter();
                    try
                    {
                        var operand = Unary();
                        return new UnaryExpr { Op = t.Text, Operand = operand, Start = start, End = PrevEnd };
                    }
                    finally
                    {
                        Leave();
                    }
                }
                case "(":
                {
                    var cast = TryCast();
                    if (cast != null) return cast;
                    break;
                }
            }
        }
        return Postfix(Primary());
    }

    private Expr? TryCast()
    {
        var save = _i;
        var start = Advance().Start;
        var type = TypeCore(speculative: true);
        if (type is null) { _i = save; return null; }
        while (At("&"))
        {
            Advance();
            if (TypeCore(speculative: true) is null) { _i = save; return null; }
        }
        if (!At(")")) { _i = save; return null; }
        Advance();
        var primitive = Keywords.IsPrimitive(type.Name) && type.Dims == 0;
        var n = Cur;
        bool ok;
        if (primitive) ok = !(n.Kind == TokenKind.Op && n.Text is ")" or ";" or "," or "." or "]" or "}" or "?" or ":" or "=" or "==" or "!=");
        else ok = n.Kind switch
        {
            TokenKind.Ident => n.Text is not ("instanceof") && (!Keywords.IsReserved(n.Text) || n.Text is "this" or "super" or "new" or "true" or "false" or "null" or "switch" || Keywords.IsPrimitive(n.Text)),
            TokenKind.Op => n.Text is "(" or "!" or "~" or "@",
            TokenKind.EOF => false,
            _ => true,
        };
        if (!ok) { _i = save; return null; }
        Enter();
        try
        {
            var operand = (Expr?)TryLambda() ?? Unary();
            return new CastExpr { Type = type, Operand = operand, Start = start, End = PrevEnd };
        }
        finally
        {
            Leave();
        }
    }

    private Expr Primary()
    {
        var t = Cur;
        var start = t.Start;
        switch (t.Kind)
        {
            case TokenKind.Int or TokenKind.Float or TokenKind.Char or TokenKind.String or TokenKind.TextBlock:
                Advance();
                return new Literal { Kind = t.Kind, Raw = t.Text, Value = t.Value, Start = start, End = t.End };
            case TokenKind.Op when t.Text == "(":
            {
                Advance();
                var inner = Expression();
                Expect(")");
                return new ParenExpr { Inner = inner, Start = start, End = PrevEnd };
            }
            case TokenKind.Op when t.Text == "@":
            {
                // annotated type in an expression context (e.g. a method reference): skip the annotation
                ParseAnnotation();
                return Primary();
            }
            case TokenKind.Ident:
                break;
            default:
                throw Error($"expression expected, found {Describe(t)}");
        }
        switch (t.Text)
        {
            case "true" or "false" or "null":
                Advance();
                return new Literal { Kind = TokenKind.Ident, Raw = t.Text, Start = start, End = t.End };
            case "this" or "super":
                Advance();
                if (At("(")) // this(...) / super(...) constructor call
                {
                    var call = new CallExpr { Name = t.Text, NameStart = start, Start = start };
                    Arguments(call.Args);
                    return Done(call);
                }
                return new NameExpr { Name = t.Text, Start = start, End = t.End };
            case "new":
                return Creator(null);
            case "switch":
            {
                Advance();
                var sel = ParenExpression();
                var sw = new SwitchExpr { Selector = sel, Start = start };
                SwitchBody(sw.Cases);
                return Done(sw);
            }
            case "void":
            {
                Advance();
                Expect(".");
                if (!AcceptWord("class")) throw Error("'class' expected");
                return new ClassLit { Type = new TypeRef { Name = "void", Start = start, End = t.End }, Start = start, End = PrevEnd };
            }
        }
        if (Keywords.IsPrimitive(t.Text))
        {
            var type = ParseType();
            if (Accept("::"))
            {
                var name = AcceptWord("new") ? "new" : ExpectIdent();
                return new MethodRef { Target = type, Name = name, Start = start, End = PrevEnd };
            }
            Expect(".");
            if (!AcceptWord("class")) throw Error("'class' expected");
            return new ClassLit { Type = type, Start = start, End = PrevEnd };
        }
        if (!IsIdent(t)) throw Error($"expression expected, found {Describe(t)}");
        // generic type or array type before '::' (List<String>::new, int[]::clone, String[]::new)
        if (PeekIs(1, "<") || PeekIs(1, "[") && PeekIs(2, "]"))
        {
            var save = _i;
            var type = TypeCore(speculative: true);
            if (type != null && At("::"))
            {
                Advance();
                var name = AcceptWord("new") ? "new" : ExpectIdent();
                return new MethodRef { Target = type, Name = name, Start = start, End = PrevEnd };
            }
            if (type != null && type.Dims > 0 && At(".") && PeekWord(1, "class"))
            {
                Advance(); Advance();
                return new ClassLit { Type = type, Start = start, End = PrevEnd };
            }
            _i = save;
        }
        Advance();
        if (At("("))
        {
            var call = new CallExpr { Name = t.Text, NameStart = start, Start = start };
            Arguments(call.Args);
            return Done(call);
        }
        return new NameExpr { Name = t.Text, Start = start, End = t.End };
    }

    private void Arguments(List<Expr> args)
    {
        Expect("(");
        if (!At(")"))
        {
            do args.Add(Expression()); while (Accept(","));
        }
        Expect(")");
    }

    private Expr Creator(Expr? outer)
    {
        var start = outer?.Start ?? Cur.Start;
        Advance(); // new
        if (At("<")) SkipTypeParams();
        var type = TypeCore(speculative: false, allowDims: false) ?? throw Error($"type expected after 'new', found {Describe(Cur)}");
        if (At("[") || At("@"))
        {
            var arr = new NewArray { Type = type, Start = start };
            while (At("[") || At("@"))
            {
                while (At("@")) ParseAnnotation();
                Expect("[");
                if (At("]")) { Advance(); type.Dims++; continue; }
                arr.DimExprs.Add(Expression());
                Expect("]");
                type.Dims++;
            }
            if (At("{")) arr.Init = ArrayInitializer();
            return Done(arr);
        }
        var obj = new NewObject { Outer = outer, Type = type, Start = start };
        Arguments(obj.Args);
        if (Accept("{"))
        {
            obj.Body = new List<Member>();
            Enter();
            try
            {
                ClassBody(obj.Body, null);
            }
            finally
            {
                Leave();
            }
        }
        return Done(obj);
    }

    private Expr Postfix(Expr e)
    {
        var start = e.Start;
        var depth = 0;
        try
        {
            while (true)
            {
                var t = Cur;
                if (t.Kind != TokenKind.Op) return e;
                switch (t.Text)
                {
                    case ".":
                    {
                        Advance();
                        if (At("<"))
                        {
                            SkipTypeParams();
                            var ns = Cur.Start;
                            var n = ExpectIdent();
                            var call = new CallExpr { Target = e, Name = n, NameStart = ns, Start = start };
                            Arguments(call.Args);
                            e = Done(call);
                            break;
                        }
                        var nt = Cur;
                        if (nt.Kind != TokenKind.Ident) throw Error($"name expected after '.', found {Describe(nt)}");
                        if (nt.Text == "new") { e = Creator(e); break; }
                        if (nt.Text == "class")
                        {
                            Advance();
                            e = new ClassLit { Type = new TypeRef { Name = DottedName(e) ?? "?", Start = start, End = e.End }, Start = start, End = PrevEnd };
                            break;
                        }
                        Advance();
                        if (At("("))
                        {
                            var call = new CallExpr { Target = e, Name = nt.Text, NameStart = nt.Start, Start = start };
                            Arguments(call.Args);
                            e = Done(call);
                        }
                        else e = new FieldAccess { Target = e, Name = nt.Text, NameStart = nt.Start, Start = start, End = nt.End };
                        break;
                    }
                    case "[":
                    {
                        if (PeekIs(1, "]"))
                        {
                            // Type[].class or Type[]::new with a qualified name
                            var type = new TypeRef { Name = DottedName(e) ?? "?", Start = start };
                            while (At("[") && PeekIs(1, "]")) { Advance(); Advance(); type.Dims++; }
                            type.End = PrevEnd;
                            if (Accept("::")) return new MethodRef { Target = type, Name = AcceptWord("new") ? "new" : ExpectIdent(), Start = start, End = PrevEnd };
                            Expect(".");
                            if (!AcceptWord("class")) throw Error("'class' expected");
                            e = new ClassLit { Type = type, Start = start, End = PrevEnd };
                            break;
                        }
                        Advance();
                        var idx = Expression();
                        Expect("]");
                        e = new IndexExpr { Target = e, Index = idx, Start = start, End = PrevEnd };
                        break;
                    }
                    case "++" or "--":
                        Advance();
                        e = new UnaryExpr { Op = t.Text, Operand = e, Postfix = true, Start = start, End = PrevEnd };
                        break;
                    case "::":
                    {
                        Advance();
                        if (At("<")) SkipTypeParams();
                        var name = AcceptWord("new") ? "new" : ExpectIdent();
                        e = new MethodRef { Target = e, Name = name, Start = start, End = PrevEnd };
                        break;
                    }
                    case "<":
                    {
                        // Qualified.Generic<Args>::m
                        if (DottedName(e) is null) return e;
                        var save = _i;
                        var args = new List<TypeRef>();
                        if (TypeArgs(args, speculative: true))
                        {
                            var tr = new TypeRef { Name = DottedName(e)!, Args = args, Start = start };
                            while (At("[") && PeekIs(1, "]")) { Advance(); Advance(); tr.Dims++; }
                            if (At("::"))
                            {
                                Advance();
                                tr.End = PrevEnd;
                                return new MethodRef { Target = tr, Name = AcceptWord("new") ? "new" : ExpectIdent(), Start = start, End = PrevEnd };
                            }
                            if (At(".") && IsIdent(PeekTok()))
                            {
                                // Outer<T>.Inner::new and similar: keep it as a type
                                Advance();
                                var inner = new FieldAccess { Target = new NameExpr { Name = tr.Name, Start = start, End = PrevEnd }, Name = Cur.Text, NameStart = Cur.Start, Start = start };
                                Advance();
                                inner.End = PrevEnd;
                                e = inner;
                                break;
                            }
                        }
                        _i = save;
                        return e;
                    }
                    default:
                        return e;
                }
            }
        }
        finally
        {
            _ = depth;
        }
    }

    /// <summary>"a.b.c" for a chain of names, else null.</summary>
    public static string? DottedName(Expr e) => e switch
    {
        NameExpr n => n.Name,
        FieldAccess f when DottedName(f.Target) is { } t => t + "." + f.Name,
        _ => null,
    };
}

using V6Ready.JavaScript.Syntax;

namespace V6Ready.JavaScript.Analysis;

public enum BindingKind { Var, Let, Const, Param, Function, Class, Import, Catch, Enum, Namespace }

/// <summary>A declared name in a scope, with what is needed to evaluate it.</summary>
public sealed class Binding
{
    public required string Name { get; init; }
    public required BindingKind Kind { get; init; }
    public required Node Declaration { get; init; }
    public required Scope Scope { get; init; }
    /// <summary>The initializer when the name is declared alone (<c>const x = init</c>, <c>import x = require('m')</c>).</summary>
    public Node? Init { get; set; }
    /// <summary>For destructuring: the declarator's initializer and the property path to this name (e.g. ["a","0"]).</summary>
    public Node? DestructureSource { get; set; }
    public string[]? DestructurePath { get; set; }
    /// <summary>Default value from a destructuring or parameter default (<c>{ host = '0.0.0.0' }</c>).</summary>
    public Node? Default { get; set; }
    /// <summary>Import source module (normalized: no node: prefix) and imported name ("default", "*" or a name).</summary>
    public string? ImportModule { get; set; }
    public string? ImportName { get; set; }
    /// <summary>Number of writes after declaration (assignments, updates, for-in/of targets).</summary>
    public int Writes { get; set; }

    /// <summary>True when the value never changes after its initializer.</summary>
    public bool IsConstant => Kind is BindingKind.Const or BindingKind.Import || (Kind is BindingKind.Let or BindingKind.Var && Writes == 0);
}

public sealed class Scope
{
    public Scope(Scope? parent, bool isFunction, Node node)
    {
        Parent = parent;
        IsFunction = isFunction;
        Node = node;
    }

    public Scope? Parent { get; }
    public bool IsFunction { get; }
    public Node Node { get; }
    public Dictionary<string, Binding> Bindings { get; } = new(StringComparer.Ordinal);

    public Scope FunctionScope
    {
        get
        {
            var s = this;
            while (!s.IsFunction && s.Parent != null) s = s.Parent;
            return s;
        }
    }

    public Binding? Lookup(string name)
    {
        for (var s = this; s != null; s = s.Parent)
            if (s.Bindings.TryGetValue(name, out var b)) return b;
        return null;
    }
}

/// <summary>Scopes, bindings and the resolution of every identifier reference of one file.</summary>
public sealed class SemanticModel
{
    private readonly Dictionary<Identifier, Binding?> _refs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Identifier, Scope> _refScopes = new(ReferenceEqualityComparer.Instance);

    private SemanticModel(Syntax.Program program)
    {
        Program = program;
        AllNodes = AstWalker.Link(program);
        ModuleScope = new Scope(null, true, program);
    }

    public Syntax.Program Program { get; }
    public Scope ModuleScope { get; }
    /// <summary>Every node in pre-order (parents linked).</summary>
    public List<Node> AllNodes { get; }

    /// <summary>The binding an identifier reference resolves to (null for globals and unknown names).</summary>
    public Binding? Resolve(Identifier id) => _refs.TryGetValue(id, out var b) ? b : null;

    /// <summary>True when the identifier is a reference (not a declaration, property key or label).</summary>
    public bool IsReference(Identifier id) => _refs.ContainsKey(id);

    public static SemanticModel Build(Syntax.Program program)
    {
        var m = new SemanticModel(program);
        m.Walk();
        return m;
    }

    public static string NormalizeModule(string source)
    {
        var s = source.StartsWith("node:", StringComparison.Ordinal) ? source.Substring(5) : source;
        return s switch
        {
            "@grpc/grpc-js" or "grpc" => "grpc",
            "@hapi/hapi" or "hapi" => "hapi",
            "dns/promises" => "dns.promises",
            _ => s,
        };
    }

    private enum Role { Read, Write, Declare }

    private readonly record struct Item(Node Node, Scope Scope, Role Role, BindingKind Kind, Node? Source, string[]? Path, Node? Default);

    private readonly List<(Identifier Id, Scope Scope, bool Write)> _pending = new();

    private void Walk()
    {
        var stack = new Stack<Item>();
        stack.Push(new Item(Program, ModuleScope, Role.Read, default, null, null, null));
        while (stack.Count > 0)
        {
            var it = stack.Pop();
            var node = it.Node;
            var scope = it.Scope;
            void Push(Node? n, Scope? s = null, Role role = Role.Read, BindingKind kind = default, Node? source = null, string[]? path = null, Node? def = null)
            {
                if (n != null) stack.Push(new Item(n, s ?? scope, role, kind, source, path, def));
            }
            void PushAll(IEnumerable<Node> nodes, Scope? s = null)
            {
                foreach (var n in nodes.Reverse()) Push(n, s);
            }
            switch (node)
            {
                case Identifier id:
                    if (it.Role == Role.Declare) Declare(id, scope, it.Kind, it.Source, it.Path, it.Default);
                    else _pending.Add((id, scope, it.Role == Role.Write));
                    break;
                case Syntax.Program p:
                    PushAll(p.Body);
                    break;
                case FunctionNode f:
                {
                    if (f.Kind is "FunctionDeclaration" or "TSDeclareFunction" && f.Id != null) Declare(f.Id, scope, BindingKind.Function, null, null, null);
                    var fs = new Scope(scope, true, f);
                    if (f.Kind == "FunctionExpression" && f.Id != null) Declare(f.Id, fs, BindingKind.Function, null, null, null);
                    if (f.Body is BlockStatement b) PushAll(b.Body, fs);
                    else Push(f.Body, fs);
                    for (var i = f.Params.Count - 1; i >= 0; i--) Push(f.Params[i], fs, Role.Declare, BindingKind.Param);
                    break;
                }
                case ClassNode c:
                {
                    var cs = scope;
                    if (c.Id != null)
                    {
                        if (c.Kind == "ClassDeclaration") Declare(c.Id, scope, BindingKind.Class, null, null, null);
                        else { cs = new Scope(scope, false, c); Declare(c.Id, cs, BindingKind.Class, null, null, null); }
                    }
                    foreach (var member in c.Body.Body.AsEnumerable().Reverse())
                    {
                        switch (member)
                        {
                            case MethodDefinition md:
                                Push(md.Value, cs);
                                if (md.Computed) Push(md.Key, cs);
                                foreach (var d in md.Decorators) Push(d, cs);
                                break;
                            case PropertyDefinition pd:
                                Push(pd.Value, cs);
                                if (pd.Computed) Push(pd.Key, cs);
                                foreach (var d in pd.Decorators) Push(d, cs);
                                break;
                            default:
                                Push(member, cs);
                                break;
                        }
                    }
                    Push(c.SuperClass, cs);
                    foreach (var d in c.Decorators) Push(d, scope);
                    break;
                }
                case StaticBlock sb:
                    PushAll(sb.Body, new Scope(scope, true, sb));
                    break;
                case VariableDeclaration vd:
                {
                    var kind = vd.Kind switch { "var" => BindingKind.Var, "const" or "using" or "await using" => BindingKind.Const, _ => BindingKind.Let };
                    var target = kind == BindingKind.Var ? scope.FunctionScope : scope;
                    foreach (var d in vd.Declarations.AsEnumerable().Reverse())
                    {
                        Push(d.Init, scope);
                        if (d.Id is Identifier did)
                        {
                            var b = Declare(did, target, kind, null, null, null);
                            b.Init = d.Init;
                        }
                        else Push(d.Id, target, Role.Declare, kind, d.Init, Array.Empty<string>());
                    }
                    break;
                }
                case BlockStatement block:
                    PushAll(block.Body, new Scope(scope, false, block));
                    break;
                case ForStatement or ForInOfStatement or SwitchStatement:
                {
                    var s = new Scope(scope, false, node);
                    if (node is ForInOfStatement fio)
                    {
                        Push(fio.Body, s);
                        Push(fio.Right, s);
                        if (fio.Left is VariableDeclaration) Push(fio.Left, s);
                        else Push(fio.Left, s, Role.Write);
                    }
                    else PushAll(node.Children(), s);
                    break;
                }
                case CatchClause cc:
                {
                    var s = new Scope(scope, false, cc);
                    PushAll(cc.Body.Body, s);
                    Push(cc.Param, s, Role.Declare, BindingKind.Catch, null, null);
                    break;
                }
                case ImportDeclaration imp:
                {
                    var module = NormalizeModule(imp.Source.StringValue ?? "");
                    foreach (var spec in imp.Specifiers)
                    {
                        var b = Declare(spec.Local, ModuleScope, BindingKind.Import, null, null, null);
                        b.ImportModule = module;
                        b.ImportName = spec.Kind switch { "ImportDefaultSpecifier" => "default", "ImportNamespaceSpecifier" => "*", _ => spec.Imported };
                    }
                    break;
                }
                case TSImportEqualsDeclaration ie:
                {
                    var b = Declare(ie.Id, scope, BindingKind.Const, null, null, null);
                    b.Init = ie.ModuleReference;
                    Push(ie.ModuleReference);
                    break;
                }
                case ExportDeclaration ed:
                    if (ed.Source == null) foreach (var spec in ed.Specifiers.AsEnumerable().Reverse()) Push(spec.Local);
                    Push(ed.Declaration);
                    break;
                case ExportSpecifier:
                    break;
                case Property prop:
                    Push(prop.Value, scope, it.Role, it.Kind, it.Source, it.Path is null ? null : Append(it.Path, prop.KeyName ?? "?"), null);
                    if (prop.Computed) Push(prop.Key);
                    break;
                case ObjectPattern op:
                    foreach (var p in op.Properties.AsEnumerable().Reverse())
                    {
                        if (p is RestElement re) Push(re.Argument, scope, it.Role, it.Kind, null, null);
                        else Push(p, scope, it.Role, it.Kind, it.Source, it.Path, null);
                    }
                    break;
                case ArrayPattern ap:
                    for (var i = ap.Elements.Count - 1; i >= 0; i--)
                    {
                        var el = ap.Elements[i];
                        if (el is RestElement re) Push(re.Argument, scope, it.Role, it.Kind, null, null);
                        else Push(el, scope, it.Role, it.Kind, it.Source, it.Path is null ? null : Append(it.Path, i.ToString()));
                    }
                    break;
                case AssignmentPattern asp:
                    Push(asp.Right);
                    Push(asp.Left, scope, it.Role, it.Kind, it.Source, it.Path, asp.Right);
                    break;
                case RestElement rest:
                    Push(rest.Argument, scope, it.Role, it.Kind, null, null);
                    break;
                case TSParameterProperty tpp:
                    Push(tpp.Parameter, scope, it.Role, it.Kind, it.Source, it.Path, it.Default);
                    break;
                case AssignmentExpression ae:
                    Push(ae.Right);
                    Push(ae.Left, scope, Role.Write);
                    break;
                case UpdateExpression ue:
                    Push(ue.Argument, scope, Role.Write);
                    break;
                case MemberExpression me:
                    if (me.Computed) Push(me.Property);
                    Push(me.Object);
                    break;
                case MethodDefinition or PropertyDefinition:
                    PushAll(node.Children());
                    break;
                case LabeledStatement ls:
                    Push(ls.Body);
                    break;
                case SimpleStatement:
                case MetaProperty:
                case TSTypeDeclaration:
                    break;
                case JSXElement jsx:
                    PushAll(jsx.Attributes.Concat(jsx.ChildNodes));
                    if (jsx.Name is Identifier jn && jn.Name.Length > 0 && char.IsUpper(jn.Name[0])) Push(jn);
                    else if (jsx.Name is MemberExpression jm) Push(jm);
                    break;
                case TSEnumDeclaration en:
                    Declare(en.Id, scope, BindingKind.Enum, null, null, null);
                    foreach (var mem in en.Members.AsEnumerable().Reverse()) Push(mem.Initializer);
                    break;
                case TSEnumMember:
                    break;
                case TSModuleDeclaration md2:
                    if (md2.Id is Identifier mid && !md2.Global && !mid.Name.Contains('.')) Declare(mid, scope, BindingKind.Namespace, null, null, null);
                    if (md2.Body != null) PushAll(md2.Body, new Scope(scope, true, md2));
                    break;
                default:
                    if (it.Role != Role.Read && node is ParenthesizedExpression or TSWrapper)
                    {
                        foreach (var k in node.Children()) Push(k, scope, it.Role);
                    }
                    else PushAll(node.Children());
                    break;
            }
        }
        foreach (var (id, scope, write) in _pending)
        {
            var b = scope.Lookup(id.Name);
            _refs[id] = b;
            if (write && b != null) b.Writes++;
        }
    }

    private static string[] Append(string[] path, string part)
    {
        var r = new string[path.Length + 1];
        path.CopyTo(r, 0);
        r[^1] = part;
        return r;
    }

    private Binding Declare(Identifier id, Scope scope, BindingKind kind, Node? source, string[]? path, Node? def)
    {
        var b = new Binding { Name = id.Name, Kind = kind, Declaration = id, Scope = scope, DestructureSource = source, DestructurePath = path, Default = def };
        if (scope.Bindings.TryGetValue(id.Name, out var existing))
        {
            // Redeclaration (var twice, function overloads, declaration merging): a second value is a write.
            existing.Writes++;
            return existing;
        }
        scope.Bindings[id.Name] = b;
        return b;
    }
}

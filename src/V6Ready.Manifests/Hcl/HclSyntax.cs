namespace V6Ready.Manifests.Hcl;

/// <summary>A body: the attributes and blocks of a file or of a block, in source order.</summary>
public sealed class HclBody
{
    public List<HclAttribute> Attributes { get; } = new();
    public List<HclBlock> Blocks { get; } = new();

    public HclAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public IEnumerable<HclBlock> BlocksOf(string type) => Blocks.Where(b => b.Type == type);
}

/// <summary><c>name = expression</c>; <see cref="Start"/> is the name's offset, <see cref="End"/> the expression's end.</summary>
public sealed record HclAttribute(string Name, int Start, int End, HclExpr Value);

/// <summary><c>type "label" … { body }</c>; <see cref="End"/> is just after the closing brace.</summary>
public sealed record HclBlock(string Type, IReadOnlyList<string> Labels, int Start, int End, HclBody Body)
{
    public string? Label(int i) => i < Labels.Count ? Labels[i] : null;
}

/// <summary>An expression. Only literals, lists and objects are given structure; anything else is opaque source text.</summary>
public abstract record HclExpr(int Start, int End);

/// <summary>A quoted string or heredoc. <see cref="Value"/> is null when the string holds <c>${…}</c> or <c>%{…}</c>.</summary>
public sealed record HclString(int Start, int End, string? Value) : HclExpr(Start, End);

/// <summary><c>[a, b]</c> (a tuple constructor). A <c>[for …]</c> expression is an <see cref="HclOther"/>.</summary>
public sealed record HclList(int Start, int End, IReadOnlyList<HclExpr> Items) : HclExpr(Start, End);

/// <summary><c>{ k = v, … }</c> (an object constructor).</summary>
public sealed record HclObject(int Start, int End, IReadOnlyList<(HclExpr Key, HclExpr Value)> Items) : HclExpr(Start, End);

/// <summary>Numbers, booleans, references (<c>var.x</c>), calls, operators, conditionals, <c>for</c> expressions.</summary>
public sealed record HclOther(int Start, int End, string Text) : HclExpr(Start, End);

/// <summary>The result of parsing one file.</summary>
public sealed record HclFile(HclBody Body, IReadOnlyList<V6Ready.Core.Comment> Comments, IReadOnlyList<(int Line, string Message)> Errors);

using V6Ready.Core.Index;
using V6Ready.Go.Syntax;

namespace V6Ready.Go.Analysis;

/// <summary>A package-level value of another file of the same package, with where it was written.</summary>
public sealed record GoPackageValue(string? Str, long? Int, ValueOrigin Origin);

/// <summary>
/// What the files of one Go package (one folder, one package name, test files excepted) define at package level,
/// as plain data: constants and variables with a known string or integer value (literals, flag defaults, env
/// fallbacks), fields of package-level struct literals (<c>cfg.Addr</c>), and functions without parameters that return
/// a constant (<c>defaultAddr()</c>). Keys: <c>name</c>, <c>name.Field</c>, <c>name()</c>.
/// </summary>
public sealed class GoPackageSummary
{
    private const int MaxFiles = 400;

    public Dictionary<string, GoPackageValue> Values { get; } = new(StringComparer.Ordinal);

    public static GoPackageSummary? Build(ProjectIndex index, string dir, string package)
    {
        var summary = new GoPackageSummary();
        IEnumerable<string> files;
        try { files = Directory.EnumerateFiles(dir, "*.go").Where(f => !f.EndsWith("_test.go", StringComparison.OrdinalIgnoreCase)).Take(MaxFiles).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        foreach (var path in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = ProjectIndex.ReadText(path);
            if (text is null) continue;
            var file = Parser.ParseFile(text);
            if (file.PackageName?.Name != package) continue;
            var model = new FileModel(file, path);
            var ev = new Evaluator(model);
            var display = index.DisplayPath(path);
            ValueOrigin At(Node n) => new(display, ProjectIndex.LineOf(text, n.Pos));
            foreach (var decl in file.Decls)
            {
                switch (decl)
                {
                    case GenDecl { Tok: TokenKind.Const or TokenKind.Var } gd:
                        foreach (var spec in gd.Specs.OfType<ValueSpec>())
                        {
                            if (spec.Values.Count != spec.Names.Count) continue;
                            for (var i = 0; i < spec.Names.Count; i++)
                            {
                                var name = spec.Names[i].Name;
                                var value = spec.Values[i];
                                summary.Add(name, ev, value, At(value));
                                var lit = FileModel.Unparen(value);
                                if (lit is UnaryExpr { Op: TokenKind.And } u) lit = FileModel.Unparen(u.X);
                                if (lit is CompositeLit cl)
                                    foreach (var el in cl.Elts)
                                        if (el is KeyValueExpr { Key: Ident key } kv) summary.Add(name + "." + key.Name, ev, kv.Value, At(kv.Value));
                            }
                        }
                        break;
                    case FuncDecl { Recv: null, Body: { } body } fd when fd.Type.Params.List.Count == 0:
                        var returns = AstWalker.Descendants(body).OfType<ReturnStmt>().Where(r => AstWalker.EnclosingFuncBody(r) == body).ToList();
                        if (returns.Count == 1 && returns[0].Results.Count == 1) summary.Add(fd.Name.Name + "()", ev, returns[0].Results[0], At(returns[0].Results[0]));
                        break;
                }
            }
        }
        return summary;
    }

    private void Add(string key, Evaluator ev, Expr value, ValueOrigin origin)
    {
        var s = ev.String(value);
        if (Evaluator.IsFullyKnown(s)) { Values.TryAdd(key, new GoPackageValue(s, null, origin)); return; }
        var n = ev.Int(value);
        if (n is not null) Values.TryAdd(key, new GoPackageValue(null, n, origin));
    }
}

/// <summary>How one Go file reaches the package-level values of the other files of its package, through the project index.</summary>
public sealed class GoPackageScope(ProjectIndex index, string dir, string package)
{
    public GoPackageValue? Lookup(string key)
    {
        var summary = index.Summary(dir + Path.DirectorySeparatorChar + "package " + package, () => GoPackageSummary.Build(index, dir, package));
        return summary is not null && summary.Values.TryGetValue(key, out var v) ? v : null;
    }
}

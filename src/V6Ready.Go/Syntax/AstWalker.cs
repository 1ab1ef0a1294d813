namespace V6Ready.Go.Syntax;

/// <summary>Child enumeration and iterative (stack-based, so never recursing) traversals of the syntax tree.</summary>
public static class AstWalker
{
    /// <summary>Adds the direct children of <paramref name="n"/> to <paramref name="output"/>, in source order.</summary>
    public static void Children(Node n, List<Node> output)
    {
        void Add(Node? c)
        {
            if (c is not null) output.Add(c);
        }

        void AddAll<T>(List<T>? list) where T : Node
        {
            if (list is null) return;
            for (var i = 0; i < list.Count; i++) output.Add(list[i]);
        }

        // leaves are most nodes: answer them before the type switch
        if (n is Ident or BasicLit or BadExpr or EmptyStmt or BadStmt or BadDecl) return;
        switch (n)
        {
            case SelectorExpr s: Add(s.X); Add(s.Sel); break;
            case CallExpr call: Add(call.Fun); AddAll(call.Args); break;
            case ExprStmt es: Add(es.X); break;
            case AssignStmt a: AddAll(a.Lhs); AddAll(a.Rhs); break;
            case BinaryExpr b: Add(b.X); Add(b.Y); break;
            case Field fi: AddAll(fi.Names); Add(fi.Type); Add(fi.Tag); break;
            case FieldList fli: AddAll(fli.List); break;
            case BlockStmt bl: AddAll(bl.List); break;
            case GoFile f: Add(f.PackageName); AddAll(f.Decls); break;
            case GenDecl g: AddAll(g.Specs); break;
            case FuncDecl fd: Add(fd.Recv); Add(fd.Name); Add(fd.Type); Add(fd.Body); break;
            case ImportSpec i: Add(i.Name); Add(i.PathLit); break;
            case ValueSpec v: AddAll(v.Names); Add(v.Type); AddAll(v.Values); break;
            case TypeSpec t: Add(t.Name); Add(t.TypeParams); Add(t.Type); break;
            case Ellipsis e: Add(e.Elt); break;
            case CompositeLit c: Add(c.Type); AddAll(c.Elts); break;
            case FuncLit fl: Add(fl.Type); Add(fl.Body); break;
            case ParenExpr p: Add(p.X); break;
            case IndexExpr ix: Add(ix.X); AddAll(ix.Indices); break;
            case SliceExpr sl: Add(sl.X); Add(sl.Low); Add(sl.High); Add(sl.Max); break;
            case TypeAssertExpr ta: Add(ta.X); Add(ta.Type); break;
            case StarExpr st: Add(st.X); break;
            case UnaryExpr u: Add(u.X); break;
            case KeyValueExpr kv: Add(kv.Key); Add(kv.Value); break;
            case ArrayType at: Add(at.Len); Add(at.Elt); break;
            case StructType stt: Add(stt.Fields); break;
            case FuncType ft: Add(ft.TypeParams); Add(ft.Params); Add(ft.Results); break;
            case InterfaceType it: Add(it.Methods); break;
            case MapType mt: Add(mt.Key); Add(mt.Value); break;
            case ChanType ct: Add(ct.Value); break;
            case DeclStmt ds: Add(ds.Decl); break;
            case LabeledStmt ls: Add(ls.Label); Add(ls.Stmt); break;
            case SendStmt ss: Add(ss.Chan); Add(ss.Value); break;
            case IncDecStmt ids: Add(ids.X); break;
            case GoStmt gs: Add(gs.Call); break;
            case DeferStmt dfs: Add(dfs.Call); break;
            case ReturnStmt r: AddAll(r.Results); break;
            case BranchStmt br: Add(br.Label); break;
            case IfStmt ifs: Add(ifs.Init); Add(ifs.Cond); Add(ifs.Body); Add(ifs.Else); break;
            case CaseClause cc: AddAll(cc.List); AddAll(cc.Body); break;
            case SwitchStmt sw: Add(sw.Init); Add(sw.Tag); Add(sw.Body); break;
            case TypeSwitchStmt ts: Add(ts.Init); Add(ts.Assign); Add(ts.Body); break;
            case CommClause cm: Add(cm.Comm); AddAll(cm.Body); break;
            case SelectStmt sel: Add(sel.Body); break;
            case ForStmt fo: Add(fo.Init); Add(fo.Cond); Add(fo.Post); Add(fo.Body); break;
            case RangeStmt rs: Add(rs.Key); Add(rs.Value); Add(rs.X); Add(rs.Body); break;
        }
    }

    /// <summary>Sets <see cref="Node.Parent"/> for every node under the file.</summary>
    public static void SetParents(GoFile file)
    {
        var stack = new Stack<Node>();
        var buffer = new List<Node>();
        stack.Push(file);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            buffer.Clear();
            Children(n, buffer);
            foreach (var c in buffer)
            {
                c.Parent = n;
                stack.Push(c);
            }
        }
    }

    /// <summary>Every node under <paramref name="root"/> (root included), in pre-order.</summary>
    public static IEnumerable<Node> Descendants(Node root)
    {
        var stack = new Stack<Node>();
        var buffer = new List<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            buffer.Clear();
            Children(n, buffer);
            for (var i = buffer.Count - 1; i >= 0; i--) stack.Push(buffer[i]);
        }
    }

    /// <summary>The nearest enclosing node of type T (excluding <paramref name="n"/> itself).</summary>
    public static T? Ancestor<T>(Node n) where T : Node
    {
        for (var p = n.Parent; p is not null; p = p.Parent)
            if (p is T t) return t;
        return null;
    }

    /// <summary>The enclosing function body (of a FuncDecl or FuncLit), or null at package level.</summary>
    public static BlockStmt? EnclosingFuncBody(Node n)
    {
        for (var p = n.Parent; p is not null; p = p.Parent)
        {
            if (p is FuncDecl fd) return fd.Body;
            if (p is FuncLit fl) return fl.Body;
        }
        return null;
    }
}

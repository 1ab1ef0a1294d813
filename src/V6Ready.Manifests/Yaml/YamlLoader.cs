using YamlDotNet.Core;
using YamlDotNet.Core.Events;

using V6Ready.Core;
using YCommentToken = YamlDotNet.Core.Tokens.Comment;
using YScalarEvent = YamlDotNet.Core.Events.Scalar;

namespace V6Ready.Manifests.Yaml;

/// <summary>Result of loading a YAML (or JSON) stream.</summary>
public sealed class LoadResult
{
    public List<YDocument> Documents { get; } = new();
    /// <summary>(1-based line, message) of each problem; loading stops at the first syntax error.</summary>
    public List<(int Line, string Message)> Errors { get; } = new();
    public List<Core.Comment> Comments { get; } = new();
}

/// <summary>
/// Loads YAML through YamlDotNet's event parser into <see cref="YNode"/>s with exact spans. No recursion; depth and node
/// count are bounded; aliases are shared references (never expanded), so alias bombs are harmless.
/// </summary>
public static class YamlLoader
{
    public const int MaxDepth = 512;
    public const int MaxNodes = 20_000_000;

    public static LoadResult Load(string text, bool collectComments = true, CancellationToken cancellationToken = default)
    {
        var result = new LoadResult();
        var scanner = new CommentRecordingScanner(new Scanner(new StringReader(text), skipComments: !collectComments), result.Comments);
        var lastCommentLine = LoadTree(scanner, result, cancellationToken, out var complete);
        if (collectComments && !complete)
        {
            // Tokens after a syntax error are lost: a line scan finds the comments after the last one seen.
            foreach (var c in LineComments.Scan(text, '#'))
                if (c.Line > lastCommentLine) result.Comments.Add(c);
        }
        return result;
    }

    private static int LoadTree(IScanner scanner, LoadResult result, CancellationToken ct, out bool complete)
    {
        complete = false;
        var anchors = new Dictionary<string, YNode>();
        var stack = new List<Frame>();
        YNode? docRoot = null;
        var docStart = 0;
        var nodes = 0;
        var lastLine = 1;
        try
        {
            var parser = new Parser(scanner);
            while (parser.MoveNext())
            {
                if ((++nodes & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                if (nodes > MaxNodes)
                {
                    result.Errors.Add((Line(parser.Current!.Start), $"more than {MaxNodes} YAML nodes; the rest of the file was not analyzed"));
                    return LastCommentLine(result);
                }
                var ev = parser.Current!;
                lastLine = Line(ev.End);
                switch (ev)
                {
                    case DocumentStart ds:
                        docRoot = null;
                        docStart = Index(ds.Start);
                        anchors.Clear();
                        break;
                    case DocumentEnd de:
                        result.Documents.Add(new YDocument(docRoot, docStart, Math.Max(docStart, Index(de.End))));
                        break;
                    case YScalarEvent s:
                    {
                        var node = new YScalar(s.Value, s.Style switch
                        {
                            ScalarStyle.SingleQuoted => YScalarStyle.SingleQuoted,
                            ScalarStyle.DoubleQuoted => YScalarStyle.DoubleQuoted,
                            ScalarStyle.Literal => YScalarStyle.Literal,
                            ScalarStyle.Folded => YScalarStyle.Folded,
                            _ => YScalarStyle.Plain,
                        })
                        { Start = Index(s.Start), End = Index(s.End), Tag = s.Tag.IsEmpty ? null : s.Tag.Value };
                        if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = node;
                        Add(node);
                        break;
                    }
                    case AnchorAlias a:
                    {
                        var node = new YAlias(a.Value.Value) { Start = Index(a.Start), End = Index(a.End) };
                        anchors.TryGetValue(a.Value.Value, out var target);
                        node.Target = target;
                        Add(node);
                        break;
                    }
                    case MappingStart ms:
                    {
                        if (stack.Count >= MaxDepth)
                        {
                            result.Errors.Add((Line(ms.Start), $"nesting deeper than {MaxDepth} levels; the rest of the file was not analyzed"));
                            return LastCommentLine(result);
                        }
                        var node = new YMap { Start = Index(ms.Start), IsFlow = ms.Style == MappingStyle.Flow, Tag = ms.Tag.IsEmpty ? null : ms.Tag.Value };
                        if (!ms.Anchor.IsEmpty) anchors[ms.Anchor.Value] = node;
                        Add(node);
                        stack.Add(new Frame(node));
                        break;
                    }
                    case SequenceStart ss:
                    {
                        if (stack.Count >= MaxDepth)
                        {
                            result.Errors.Add((Line(ss.Start), $"nesting deeper than {MaxDepth} levels; the rest of the file was not analyzed"));
                            return LastCommentLine(result);
                        }
                        var node = new YSeq { Start = Index(ss.Start), IsFlow = ss.Style == SequenceStyle.Flow, Tag = ss.Tag.IsEmpty ? null : ss.Tag.Value };
                        if (!ss.Anchor.IsEmpty) anchors[ss.Anchor.Value] = node;
                        Add(node);
                        stack.Add(new Frame(node));
                        break;
                    }
                    case MappingEnd me:
                    case SequenceEnd se:
                    {
                        var frame = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        frame.Node.End = Math.Max(frame.Node.Start, Index(ev.End));
                        if (frame.Node is YMap && frame.PendingKey is not null)
                            ((YMap)frame.Node).Entries.Add(new(frame.PendingKey, new YScalar("", YScalarStyle.Plain) { Start = frame.PendingKey.End, End = frame.PendingKey.End }));
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (YamlException ex)
        {
            result.Errors.Add((Math.Max(1, (int)ex.Start.Line), Clean(ex.Message)));
            if (docRoot is not null && (result.Documents.Count == 0 || result.Documents[^1].Root != docRoot))
                result.Documents.Add(new YDocument(docRoot, docStart, int.MaxValue)); // keep what was read: partial, still useful
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            result.Errors.Add((lastLine, "YAML could not be parsed after this line (" + Clean(ex.Message) + ")"));
        }
        if (result.Errors.Count == 0) complete = true;
        return LastCommentLine(result);

        void Add(YNode node)
        {
            if (stack.Count == 0)
            {
                docRoot = node;
                return;
            }
            var frame = stack[^1];
            if (frame.Node is YSeq seq) seq.Items.Add(node);
            else if (frame.Node is YMap map)
            {
                if (frame.PendingKey is null) frame.PendingKey = node;
                else
                {
                    map.Entries.Add(new(frame.PendingKey, node));
                    frame.PendingKey = null;
                }
            }
        }
    }

    private static int LastCommentLine(LoadResult r) => r.Comments.Count == 0 ? 0 : r.Comments[^1].Line;

    /// <summary>Passes YamlDotNet's tokens to the parser, keeping the comment tokens aside (one pass for tree and comments).</summary>
    private sealed class CommentRecordingScanner : IScanner
    {
        private readonly Scanner _inner;
        private readonly List<Core.Comment> _comments;

        public CommentRecordingScanner(Scanner inner, List<Core.Comment> comments)
        {
            _inner = inner;
            _comments = comments;
        }

        public Mark CurrentPosition => _inner.CurrentPosition;
        public YamlDotNet.Core.Tokens.Token? Current => _inner.Current;

        public bool MoveNext()
        {
            while (_inner.MoveNext())
                if (!Record()) return true;
            return false;
        }

        public bool MoveNextWithoutConsuming()
        {
            while (_inner.MoveNextWithoutConsuming())
            {
                if (!Record()) return true;
                _inner.ConsumeCurrent();
            }
            return false;
        }

        public void ConsumeCurrent() => _inner.ConsumeCurrent();

        private bool Record()
        {
            if (_inner.Current is not YCommentToken c) return false;
            var line = Line(c.Start);
            _comments.Add(new Core.Comment(line, (int)c.Start.Column, line, "#" + c.Value));
            return true;
        }
    }

    private static string Clean(string message)
    {
        var m = message.Replace("\r", " ").Replace("\n", " ");
        var i = m.IndexOf("): ", StringComparison.Ordinal);
        if (m.StartsWith("(Line:", StringComparison.Ordinal) && i > 0) m = m[(i + 3)..];
        return m.Length > 300 ? m[..300] + "…" : m;
    }

    private static int Index(Mark m) => (int)Math.Min(int.MaxValue, m.Index);
    private static int Line(Mark m) => (int)Math.Max(1, Math.Min(int.MaxValue, m.Line));

    private sealed class Frame
    {
        public Frame(YNode node) { Node = node; }
        public YNode Node { get; }
        public YNode? PendingKey { get; set; }
    }
}

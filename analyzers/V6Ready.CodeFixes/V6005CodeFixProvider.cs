using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using V6Ready.Analyzers;

namespace V6Ready.CodeFixes
{
    /// <summary>
    /// V6005 fixes for interpolated strings: <c>$"{ip}:{port}"</c> with an IPAddress → <c>$"{new IPEndPoint(ip, port)}"</c>
    /// (which brackets IPv6); with a string host → the host is bracketed when it contains ':' and is not bracketed yet, with
    /// APIs every target framework has (<c>IndexOf(char)</c>, the indexer), and a null test when the host may be null
    /// (<c>!= null</c> when the compiler says so; <c>!string.IsNullOrEmpty</c> when nullable analysis did not run there).
    /// IPv4 addresses and names format exactly as before.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(V6005CodeFixProvider)), Shared]
    public sealed class V6005CodeFixProvider : ReplaceNodeCodeFixProvider
    {
        public V6005CodeFixProvider() : base("V6005") { }

        protected override (SyntaxNode? Target, SyntaxNode? Replacement, string Title) Build(Diagnostic diagnostic, SyntaxNode node, string kind)
        {
            if (!diagnostic.Properties.TryGetValue(V6005HostPortJoinAnalyzer.HoleKey, out var holeText) ||
                !int.TryParse(holeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hole)) return NoFix;
            var interpolated = node.AncestorsAndSelf().OfType<InterpolatedStringExpressionSyntax>().FirstOrDefault();
            if (interpolated is null || hole + 1 >= interpolated.Contents.Count || interpolated.Contents[hole] is not InterpolationSyntax host) return NoFix;
            InterpolatedStringExpressionSyntax? replacement = null;
            var title = "";
            if (kind == V6005HostPortJoinAnalyzer.FixIPEndPoint && hole + 2 < interpolated.Contents.Count && interpolated.Contents[hole + 2] is InterpolationSyntax port)
            {
                var parsed = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression(
                    "new global::System.Net.IPEndPoint(" + host.Expression.WithoutTrivia() + ", " + port.Expression.WithoutTrivia() + ")");
                var endpoint = parsed.WithType(parsed.Type.WithAdditionalAnnotations(Simplifier.Annotation));
                var contents = interpolated.Contents;
                contents = contents.Replace(contents[hole], host.WithExpression(endpoint));
                contents = contents.RemoveAt(hole + 2);
                contents = contents.RemoveAt(hole + 1);
                replacement = interpolated.WithContents(contents);
                title = "Format with IPEndPoint (brackets IPv6)";
            }
            else if (kind == V6005HostPortJoinAnalyzer.FixBracketHost)
            {
                // IndexOf(char) and the indexer exist on every target (string.Contains(char)/StartsWith(char) do not on
                // netstandard2.0 and .NET Framework), and a host that may be null is tested first (no CS8602, no new exception)
                var h = host.Expression.WithoutTrivia().ToString();
                // where nullable analysis did not run, !string.IsNullOrEmpty is the test: it is no pure null test, so a
                // non-nullable host stays "not null" for the rest of the method when the project's build does run it
                diagnostic.Properties.TryGetValue(V6005HostPortJoinAnalyzer.MaybeNullKey, out var maybeNull);
                // (and on frameworks without that annotation, the host is read through (h + ""), which is never null,
                // so nothing is dereferenced and nothing is tested)
                var nullTest = maybeNull == V6005HostPortJoinAnalyzer.MaybeNullKnown ? h + " != null && "
                    : maybeNull == V6005HostPortJoinAnalyzer.MaybeNullUnknown ? "!string.IsNullOrEmpty(" + h + ") && "
                    : "";
                var read = maybeNull == V6005HostPortJoinAnalyzer.MaybeNullUnknownOldFramework ? "(" + h + " + \"\")" : h;
                var bracketed = SyntaxFactory.ParseExpression(
                    "(" + nullTest + read + ".IndexOf(':') >= 0 && " + read + "[0] != '[' ? \"[\" + " + h + " + \"]\" : " + h + ")");
                replacement = interpolated.WithContents(interpolated.Contents.Replace(host, host.WithExpression(bracketed)));
                title = "Bracket an IPv6 host";
            }
            return replacement is null ? NoFix : (interpolated, replacement, title);
        }
    }
}

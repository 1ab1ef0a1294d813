using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// The "connect a UDP socket to 8.8.8.8 and read LocalEndPoint" trick: a Connect/ConnectAsync on a Socket or UdpClient
    /// local with an IPv4 literal target, where the same local's LocalEndPoint (or Client.LocalEndPoint) is read in the same body.
    /// </summary>
    internal static class LocalAddressProbe
    {
        public static bool IsProbe(IInvocationOperation inv, NetSymbols s)
        {
            var m = inv.TargetMethod;
            if (m.Name != "Connect" && m.Name != "ConnectAsync") return false;
            if (!NetSymbols.Is(m.ContainingType, s.Socket) && !NetSymbols.Is(m.ContainingType, s.UdpClient)) return false;
            if (inv.Instance is null || Values.WalkDown(inv.Instance) is not ILocalReferenceOperation receiver) return false;
            if (!HasIpv4Target(inv, s)) return false;
            var body = Values.EnclosingBody(inv.Syntax);
            if (body is null) return false;
            var name = receiver.Local.Name;
            return body.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(ma =>
                ma.Name.Identifier.ValueText == "LocalEndPoint" &&
                (ma.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == name ||
                 ma.Expression is MemberAccessExpressionSyntax inner && inner.Name.Identifier.ValueText == "Client" &&
                 inner.Expression is IdentifierNameSyntax id2 && id2.Identifier.ValueText == name));
        }

        private static bool HasIpv4Target(IInvocationOperation inv, NetSymbols s)
        {
            if (inv.Arguments.Length == 0) return false;
            var first = inv.Arguments[0];
            var type = first.Parameter?.Type;
            if (type?.SpecialType == SpecialType.System_String)
                return Values.ConstantString(first.Value) is string host && Ipv4.TryParse(host, out var o) && Ipv4.IsTarget(o);
            if (NetSymbols.Is(type, s.IPAddress))
                return Values.ClassifyAddress(first.Value, s).Kind == AddressKind.IPv4Other;
            if (NetSymbols.IsOrDerives(s.IPEndPoint, type as INamedTypeSymbol) || NetSymbols.Is(type, s.EndPoint) || NetSymbols.Is(type, s.IPEndPoint))
                return Values.ClassifyEndPoint(first.Value, s, out _).Kind == AddressKind.IPv4Other;
            return false;
        }

        /// <summary>True when <paramref name="op"/> sits (within a few levels) inside a probe's Connect call.</summary>
        public static bool IsInsideProbe(IOperation op, NetSymbols s)
        {
            var current = op.Parent;
            for (var i = 0; i < 6 && current is not null; i++, current = current.Parent)
                if (current is IInvocationOperation inv && IsProbe(inv, s)) return true;
            return false;
        }
    }
}

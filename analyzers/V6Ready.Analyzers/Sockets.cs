using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>Facts about socket creations used by several rules.</summary>
    internal static class Sockets
    {
        public const int InterNetwork = 2;
        public const int InterNetworkV6 = 23;

        public static bool IsFamily(IOperation op, NetSymbols s, int family)
        {
            op = Values.WalkDown(op);
            return NetSymbols.Is(op.Type, s.AddressFamily) && op.ConstantValue.HasValue && op.ConstantValue.Value is int v && v == family;
        }

        /// <summary>
        /// True when the socket expression is created dual-mode where we can see it: <c>new Socket(SocketType, ProtocolType)</c>
        /// (which .NET makes InterNetworkV6 with DualMode = true) or an InterNetworkV6 socket with <c>DualMode = true</c> in its initializer.
        /// </summary>
        public static bool IsKnownDualMode(IOperation? socket, NetSymbols s)
        {
            if (socket is null) return false;
            var resolved = Values.Resolve(socket);
            if (resolved is not IObjectCreationOperation create || !NetSymbols.Is(create.Type, s.Socket)) return false;
            if (create.Arguments.Length == 2 && NetSymbols.Is(create.Arguments[0].Parameter?.Type, s.SocketType)) return true;
            if (create.Arguments.Length == 3 && IsFamily(create.Arguments[0].Value, s, InterNetworkV6) && create.Initializer is not null)
            {
                foreach (var init in create.Initializer.Initializers)
                {
                    if (init is ISimpleAssignmentOperation assign && assign.Target is IPropertyReferenceOperation p &&
                        p.Property.Name == "DualMode" && assign.Value.ConstantValue.HasValue && assign.Value.ConstantValue.Value is true)
                        return true;
                }
            }
            return false;
        }
    }
}

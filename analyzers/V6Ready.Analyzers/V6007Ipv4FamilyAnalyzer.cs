using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6007: sockets and clients created for the IPv4 family only: <c>new Socket(AddressFamily.InterNetwork, …)</c>,
    /// <c>new TcpClient(AddressFamily.InterNetwork)</c>, <c>new UdpClient()</c>, <c>new UdpClient(port)</c>,
    /// <c>new UdpClient(AddressFamily.InterNetwork)</c>. Not <c>new TcpClient()</c> or <c>new Socket(SocketType, ProtocolType)</c>,
    /// which .NET creates dual-mode; but <c>new TcpClient()</c> is reported when the project targets .NET Framework
    /// (rules/models/dotnet-framework.json, <see cref="FrameworkModel"/>), where it is InterNetwork.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class V6007Ipv4FamilyAnalyzer : NetAnalyzer
    {
        public const string FixSocketDualMode = "SocketDualMode";
        public const string FixTcpClientDefault = "TcpClientDefault";
        public const string FixUdpClientDualMode = "UdpClientDualMode";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6007);

        private protected override void Register(CompilationStartAnalysisContext start, NetSymbols symbols)
        {
            if (symbols.AddressFamily is null) return;
            var framework = FrameworkModel.Embedded;
            var netFramework = framework.Targets(start.Compilation, start.Options);
            start.RegisterOperationAction(c => Analyze(c, symbols, netFramework ? framework : null), OperationKind.ObjectCreation);
        }

        private static void Analyze(OperationAnalysisContext context, NetSymbols s, FrameworkModel? framework)
        {
            var create = (IObjectCreationOperation)context.Operation;
            var type = create.Type;
            // .NET Framework / Mono (dotnet-framework.json): new TcpClient() is an InterNetwork socket there
            if (framework is not null && create.Arguments.Length == 0 && type is not null && !NetSymbols.Is(type, s.UdpClient) &&
                framework.Ipv4ByDefault.ContainsKey(type.Name) && type.ContainingNamespace?.ToDisplayString() == "System.Net.Sockets")
            {
                Report(context, create.Syntax.GetLocation(), "new " + type.Name + "() (family InterNetwork on .NET Framework)", null);
                return;
            }
            if (NetSymbols.Is(type, s.UdpClient))
            {
                if (create.Arguments.Length == 0)
                {
                    Report(context, create.Syntax.GetLocation(), "new UdpClient() (family InterNetwork)", FixUdpClientDualMode);
                    return;
                }
                if (create.Arguments.Length == 1 && create.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_Int32)
                {
                    Report(context, create.Syntax.GetLocation(), "new UdpClient(port) (family InterNetwork)", null);
                    return;
                }
            }

            if (!NetSymbols.Is(type, s.Socket) && !NetSymbols.Is(type, s.TcpClient) && !NetSymbols.Is(type, s.UdpClient)) return;
            foreach (var arg in create.Arguments)
            {
                if (!NetSymbols.Is(arg.Parameter?.Type, s.AddressFamily) || !Sockets.IsFamily(arg.Value, s, Sockets.InterNetwork)) continue;
                string? fix = null;
                if (NetSymbols.Is(type, s.TcpClient) && create.Arguments.Length == 1) fix = FixTcpClientDefault;
                else if (NetSymbols.Is(type, s.UdpClient) && create.Arguments.Length == 1) fix = FixUdpClientDualMode;
                else if (NetSymbols.Is(type, s.Socket) && create.Arguments.Length == 3 && IsTcpOrUdp(create.Arguments[2].Value)) fix = FixSocketDualMode;
                Report(context, arg.Value.Syntax.GetLocation(), "'" + arg.Value.Syntax + "' in new " + type!.Name, fix);
            }
        }

        private static bool IsTcpOrUdp(IOperation protocol)
        {
            var v = Values.WalkDown(protocol).ConstantValue;
            return v.HasValue && v.Value is int p && (p == 6 || p == 17);
        }

        private static void Report(OperationAnalysisContext context, Location location, string what, string? fix)
        {
            var props = fix is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(Descriptors.FixKey, fix);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6007, location, props, what));
        }
    }
}

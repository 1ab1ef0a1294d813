using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6007: sockets and clients created for the IPv4 family only, from the <c>socket</c> rows of rules/models/dotnet.json:
    /// a family argument that is InterNetwork (<c>new Socket(AddressFamily.InterNetwork, …)</c>, <c>new TcpClient(AddressFamily.InterNetwork)</c>),
    /// or an overload without a family whose row's <c>default</c> is InterNetwork (<c>new UdpClient()</c>, <c>new UdpClient(port)</c>).
    /// Not <c>new TcpClient()</c> or <c>new Socket(SocketType, ProtocolType)</c>, which .NET creates dual-mode; but when the project
    /// targets .NET Framework (dotnet-framework.json, <see cref="FrameworkModel"/>) that file's defaults apply: <c>new TcpClient()</c>
    /// is InterNetwork there. A family held by a field or property set in another file is followed (the message says "via file:line").
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
            var model = DotnetModel.For(start.Compilation, start.Options);
            var netFramework = FrameworkModel.Embedded.Targets(start.Compilation, start.Options);
            start.RegisterOperationAction(c => Analyze(c, symbols, model, netFramework ? DotnetModel.Framework : null), OperationKind.ObjectCreation);
        }

        private static void Analyze(OperationAnalysisContext context, NetSymbols s, DotnetModel model, DotnetModel? framework)
        {
            var create = (IObjectCreationOperation)context.Operation;
            var ctor = create.Constructor;
            var type = create.Type;
            if (ctor is null || type is null) return;
            foreach (var api in model.Match(ctor, "socket"))
            {
                var family = api.ParamsOf("family").FirstOrDefault();
                if (family is null) continue;
                var familyArgs = create.Arguments.Where(a => NetSymbols.Is(a.Parameter?.Type, s.AddressFamily) && a.ArgumentKind != ArgumentKind.DefaultValue).ToList();
                if (familyArgs.Count == 0)
                {
                    // no family written: the row's default, or on .NET Framework the framework row's
                    if (!DotnetModel.OverloadOnlyHasModelledParams(api, ctor)) continue;
                    var fxApi = framework?.Match(ctor, "socket").FirstOrDefault();
                    var fxFamily = fxApi?.ParamsOf("family").FirstOrDefault();
                    var onFramework = fxFamily?.Default is not null && framework!.FamilyOf(fxFamily, fxFamily.Default) != model.FamilyOf(family, family.Default);
                    var verdict = onFramework ? framework!.FamilyOf(fxFamily, fxFamily!.Default) : model.FamilyOf(family, family.Default);
                    if (verdict != "ipv4") continue;
                    var names = string.Join(", ", ctor.Parameters.Select(p => p.Name));
                    var fix = !onFramework && create.Arguments.Length == 0 && api.Receiver == "UdpClient" ? FixUdpClientDualMode : null;
                    Report(context, create.Syntax.GetLocation(),
                        "new " + type.Name + "(" + names + ") (family " + (onFramework ? fxFamily!.Default : family.Default) + (onFramework ? " on .NET Framework)" : ")"), fix);
                    continue;
                }
                foreach (var arg in familyArgs)
                {
                    var via = new List<Location>();
                    var name = FamilyName(arg.Value, s, via);
                    var fam = (framework?.Match(ctor, "socket").FirstOrDefault() is ModelApi fx ? framework.FamilyOf(fx.ParamsOf("family").FirstOrDefault(), name) : null)
                              ?? model.FamilyOf(family, name);
                    if (fam != "ipv4") continue;
                    if (via.Count > 0)
                    {
                        // the family is written elsewhere (a field or property, maybe in another file): no automatic fix
                        Report(context, arg.Value.Syntax.GetLocation(), "'" + arg.Value.Syntax + "' in new " + type.Name + Values.ViaSuffix(via), null);
                        continue;
                    }
                    string? fix = null;
                    if (api.Receiver == "TcpClient" && create.Arguments.Length == 1) fix = FixTcpClientDefault;
                    else if (api.Receiver == "UdpClient" && create.Arguments.Length == 1) fix = FixUdpClientDualMode;
                    else if (api.Receiver == "Socket" && create.Arguments.Length == 3 && IsTcpOrUdp(create.Arguments[2].Value)) fix = FixSocketDualMode;
                    Report(context, arg.Value.Syntax.GetLocation(), "'" + arg.Value.Syntax + "' in new " + type.Name, fix);
                }
            }
        }

        /// <summary>The AddressFamily member a family argument has (InterNetwork …), following fields and properties of any file with <paramref name="via"/>.</summary>
        internal static string? FamilyName(IOperation op, NetSymbols s, List<Location> via)
        {
            var value = Values.WalkDown(op);
            if (!value.ConstantValue.HasValue) value = Values.Resolve(op, via);
            if (!NetSymbols.Is(value.Type, s.AddressFamily) || !value.ConstantValue.HasValue || value.ConstantValue.Value is not int v)
            {
                via.Clear();
                return null;
            }
            foreach (var member in s.AddressFamily!.GetMembers().OfType<IFieldSymbol>())
                if (member.HasConstantValue && member.ConstantValue is int c && c == v) return member.Name;
            via.Clear();
            return null;
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

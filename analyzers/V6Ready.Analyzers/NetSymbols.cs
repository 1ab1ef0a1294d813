using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// The framework types the detectors look for, resolved once per compilation (in a CompilationStart action).
    /// <see cref="Create"/> returns null when the compilation does not reference System.Net, so nothing gets registered.
    /// </summary>
    internal sealed class NetSymbols
    {
        private NetSymbols(Compilation c, INamedTypeSymbol ipAddress)
        {
            Compilation = c;
            IPAddress = ipAddress;
            IPEndPoint = c.GetTypeByMetadataName("System.Net.IPEndPoint");
            DnsEndPoint = c.GetTypeByMetadataName("System.Net.DnsEndPoint");
            EndPoint = c.GetTypeByMetadataName("System.Net.EndPoint");
            Dns = c.GetTypeByMetadataName("System.Net.Dns");
            IPHostEntry = c.GetTypeByMetadataName("System.Net.IPHostEntry");
            Socket = c.GetTypeByMetadataName("System.Net.Sockets.Socket");
            TcpListener = c.GetTypeByMetadataName("System.Net.Sockets.TcpListener");
            TcpClient = c.GetTypeByMetadataName("System.Net.Sockets.TcpClient");
            UdpClient = c.GetTypeByMetadataName("System.Net.Sockets.UdpClient");
            AddressFamily = c.GetTypeByMetadataName("System.Net.Sockets.AddressFamily");
            ProtocolType = c.GetTypeByMetadataName("System.Net.Sockets.ProtocolType");
            SocketType = c.GetTypeByMetadataName("System.Net.Sockets.SocketType");
            HttpListenerPrefixCollection = c.GetTypeByMetadataName("System.Net.HttpListenerPrefixCollection");
            KestrelServerOptions = c.GetTypeByMetadataName("Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions");
            WebApplication = c.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
            WebHostBuilderExtensions = c.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions");
            Uri = c.GetTypeByMetadataName("System.Uri");
            Regex = c.GetTypeByMetadataName("System.Text.RegularExpressions.Regex");
            BitConverter = c.GetTypeByMetadataName("System.BitConverter");
            String = c.GetSpecialType(SpecialType.System_String);
        }

        public Compilation Compilation { get; }
        public INamedTypeSymbol IPAddress { get; }
        public INamedTypeSymbol? IPEndPoint { get; }
        public INamedTypeSymbol? DnsEndPoint { get; }
        public INamedTypeSymbol? EndPoint { get; }
        public INamedTypeSymbol? Dns { get; }
        public INamedTypeSymbol? IPHostEntry { get; }
        public INamedTypeSymbol? Socket { get; }
        public INamedTypeSymbol? TcpListener { get; }
        public INamedTypeSymbol? TcpClient { get; }
        public INamedTypeSymbol? UdpClient { get; }
        public INamedTypeSymbol? AddressFamily { get; }
        public INamedTypeSymbol? ProtocolType { get; }
        public INamedTypeSymbol? SocketType { get; }
        public INamedTypeSymbol? HttpListenerPrefixCollection { get; }
        public INamedTypeSymbol? KestrelServerOptions { get; }
        public INamedTypeSymbol? WebApplication { get; }
        public INamedTypeSymbol? WebHostBuilderExtensions { get; }
        public INamedTypeSymbol? Uri { get; }
        public INamedTypeSymbol? Regex { get; }
        public INamedTypeSymbol? BitConverter { get; }
        public INamedTypeSymbol String { get; }

        // One set per compilation, shared by every analyzer: Roslyn does not cache GetTypeByMetadataName, and the ~20
        // lookups cost each analyzer 1-3 ms per compilation (measured in the CLI, which runs one compilation per project).
        private static readonly ConditionalWeakTable<Compilation, Holder> s_cache = new ConditionalWeakTable<Compilation, Holder>();

        private sealed class Holder
        {
            public Holder(NetSymbols? value) => Value = value;
            public NetSymbols? Value { get; }
        }

        /// <summary>Null when <c>System.Net.IPAddress</c> is not referenced: the analyzers then register nothing.</summary>
        public static NetSymbols? Create(Compilation compilation) =>
            s_cache.GetValue(compilation, c =>
            {
                var ip = c.GetTypeByMetadataName("System.Net.IPAddress");
                return new Holder(ip is null ? null : new NetSymbols(c, ip));
            }).Value;

        public static bool Is(ITypeSymbol? type, ITypeSymbol? expected) =>
            type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

        /// <summary>True when <paramref name="type"/> is or derives from <paramref name="expected"/>.</summary>
        public static bool IsOrDerives(ITypeSymbol? type, ITypeSymbol? expected)
        {
            for (var t = type; t is not null && expected is not null; t = t.BaseType)
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, expected)) return true;
            return false;
        }
    }
}

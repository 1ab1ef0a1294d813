using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// What rules/models/dotnet-framework.json (embedded in this assembly) says about .NET Framework and Mono where they
    /// differ from .NET: the target frameworks that mean .NET Framework, and the types whose parameterless constructor
    /// creates an IPv4 (InterNetwork) socket there (<c>new TcpClient()</c>), while on .NET it is dual-mode.
    /// </summary>
    internal sealed class FrameworkModel
    {
        public const string ResourceName = "models/dotnet-framework.json";

        private static readonly Lazy<FrameworkModel> s_embedded = new Lazy<FrameworkModel>(Load);

        private FrameworkModel(HashSet<string> targetFrameworks, Dictionary<string, string> ipv4ByDefault)
        {
            TargetFrameworks = targetFrameworks;
            Ipv4ByDefault = ipv4ByDefault;
        }

        public static FrameworkModel Embedded => s_embedded.Value;

        /// <summary>Target framework monikers read as .NET Framework (net48, net472 …).</summary>
        public HashSet<string> TargetFrameworks { get; }

        /// <summary>Receiver type name (TcpClient, UdpClient) → model row id, for constructors whose default family is InterNetwork.</summary>
        public Dictionary<string, string> Ipv4ByDefault { get; }

        private static FrameworkModel Load()
        {
            var text = "";
            using (var stream = typeof(FrameworkModel).Assembly.GetManifestResourceStream(ResourceName))
            {
                if (stream is not null)
                    using (var reader = new StreamReader(stream)) text = reader.ReadToEnd();
            }
            return Parse(text);
        }

        /// <summary>Reads the file's rows; each row begins with its "id" (the models' convention), so values are grouped by it.</summary>
        internal static FrameworkModel Parse(string json)
        {
            var frameworks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var ipv4 = new Dictionary<string, string>(StringComparer.Ordinal);
            string? id = null, receiver = null, name = null, kind = null, role = null, familyDefault = null;
            void Flush()
            {
                if (id is not null && receiver is not null && name == "new" && kind == "socket" && familyDefault == "InterNetwork")
                    ipv4[receiver] = id;
                id = receiver = name = kind = role = familyDefault = null;
            }
            foreach (var v in JsonScanner.StringValues(json))
            {
                var path = string.Join("/", v.Path);
                if (path == "targetFrameworks/[]") frameworks.Add(v.Value);
                else if (path == "apis/[]/id") { Flush(); id = v.Value; }
                else if (path == "apis/[]/receiver") receiver = v.Value;
                else if (path == "apis/[]/name") name = v.Value;
                else if (path == "apis/[]/kind") kind = v.Value;
                else if (path == "apis/[]/params/[]/role") role = v.Value;
                else if (path == "apis/[]/params/[]/default" && role == "family") familyDefault = v.Value;
            }
            Flush();
            return new FrameworkModel(frameworks, ipv4);
        }

        /// <summary>
        /// True when the compilation targets .NET Framework: <c>build_property.TargetFramework</c> is one of the model's
        /// monikers (the SDK passes it to analyzers; the CLI passes the project's), or System.Object comes from mscorlib.
        /// </summary>
        public bool Targets(Compilation compilation, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.TargetFramework", out var tf) &&
                !string.IsNullOrWhiteSpace(tf))
                return TargetFrameworks.Contains(tf.Trim());
            return compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly?.Name == "mscorlib";
        }
    }
}

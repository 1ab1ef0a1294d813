using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// V6001/V6002 in ASP.NET Core configuration given as AdditionalFiles (the package's build props add them):
    /// <c>Urls</c> and <c>Kestrel:Endpoints:*:Url</c> in appsettings*.json, <c>applicationUrl</c> and <c>ASPNETCORE_URLS</c>
    /// in Properties/launchSettings.json, on <c>0.0.0.0</c> (V6001) or <c>127.x.x.x</c> (V6002).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigUrlAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Files larger than this are skipped (configuration files are small).</summary>
        public const int MaxFileLength = 1024 * 1024;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.V6001, Descriptors.V6002);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(AnalyzeFile);
        }

        internal static bool IsAppSettings(string fileName) =>
            fileName.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

        internal static bool IsLaunchSettings(string fileName) => fileName.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase);

        private static void AnalyzeFile(AdditionalFileAnalysisContext context)
        {
            var path = context.AdditionalFile.Path;
            var name = Path.GetFileName(path);
            var appSettings = IsAppSettings(name);
            var launch = IsLaunchSettings(name);
            if (!appSettings && !launch) return;
            var text = context.AdditionalFile.GetText(context.CancellationToken);
            if (text is null || text.Length > MaxFileLength) return;
            var content = text.ToString();
            foreach (var value in JsonScanner.StringValues(content))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (!(appSettings ? IsAppSettingsUrl(value) : IsLaunchSettingsUrl(value))) continue;
                var hosts = Ipv4.UrlHosts(value.Value).ToList();
                var key = string.Join(":", value.Path);
                var span = new TextSpan(value.Start, value.Length);
                var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                if (hosts.Any(h => h == "0.0.0.0"))
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6001, location, "'" + key + "' URL '" + value.Value + "'"));
                else if (hosts.Any(h => Ipv4.TryParse(h, out var o) && Ipv4.IsLoopback(o)))
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.V6002, location, "'" + key + "' URL '" + value.Value + "'"));
            }
        }

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static bool IsAppSettingsUrl(JsonStringValue v)
        {
            var p = v.Path;
            if (p.Count == 1) return Is(p[0], "Urls");
            return p.Count == 4 && Is(p[0], "Kestrel") && Is(p[1], "Endpoints") && Is(p[3], "Url");
        }

        private static bool IsLaunchSettingsUrl(JsonStringValue v)
        {
            var p = v.Path;
            if (p.Count == 3 && Is(p[0], "profiles") && Is(p[2], "applicationUrl")) return true;
            return p.Count == 4 && Is(p[0], "profiles") && Is(p[2], "environmentVariables") && (Is(p[3], "ASPNETCORE_URLS") || Is(p[3], "URLS"));
        }
    }
}

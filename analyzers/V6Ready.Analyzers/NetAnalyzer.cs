using Microsoft.CodeAnalysis.Diagnostics;

namespace V6Ready.Analyzers
{
    /// <summary>
    /// The common start of the V600x analyzers: concurrent, generated code skipped, and nothing registered unless the
    /// compilation references System.Net (<see cref="NetSymbols.Create"/> is null then). Each analyzer registers its
    /// actions in <see cref="Register"/> with the compilation's shared <see cref="NetSymbols"/>.
    /// </summary>
    public abstract class NetAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = NetSymbols.Create(start.Compilation);
                if (symbols is not null) Register(start, symbols);
            });
        }

        private protected abstract void Register(CompilationStartAnalysisContext start, NetSymbols symbols);
    }
}

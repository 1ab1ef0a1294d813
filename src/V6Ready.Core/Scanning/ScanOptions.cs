using V6Ready.Core.Scanning;
using V6Ready.Rules;

namespace V6Ready.Core;

/// <summary>Everything a scan needs. Several roots can be scanned at once (paths then carry the root's name).</summary>
public sealed class ScanOptions
{
    /// <summary>Files and folders to scan; empty means <see cref="BaseDirectory"/>.</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The front ends to ask, in order (see <see cref="FrontEndRegistry"/>).</summary>
    public IReadOnlyList<ILanguageFrontEnd> FrontEnds { get; init; } = Array.Empty<ILanguageFrontEnd>();

    public Target Target { get; init; } = Target.DualStack;

    /// <summary>Extra gitignore-style globs (--exclude).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = Array.Empty<string>();

    public bool UseGitIgnore { get; init; } = true;

    /// <summary>Files larger than this are skipped ("too large"). Default 5 MB.</summary>
    public long MaxFileSize { get; init; } = 5L * 1024 * 1024;

    /// <summary>
    /// Memory the analysis of the files in flight may take together (expected costs, see <see cref="Scanning.MemoryBudget"/>):
    /// a file that would need more alone is skipped with a reason; others wait for room. Default 2 GB.
    /// </summary>
    public long MemoryBudget { get; init; } = Scanning.MemoryBudget.DefaultBytes;

    /// <summary>Read <c>dotnet_diagnostic.ID.severity</c> from .editorconfig files (when <see cref="Rules"/> is not given).</summary>
    public bool UseEditorConfig { get; init; } = true;

    /// <summary>
    /// Rule selection, severities, include/exclude globs and the confidence threshold from the project config and the
    /// command line (see <see cref="Config.RuleSettings"/>). Null: .editorconfig only.
    /// </summary>
    public Config.RuleSettings? Rules { get; init; }

    /// <summary>
    /// The text of the one file to analyze, read from standard input: <see cref="Paths"/> then holds the single path
    /// the text is analyzed as (which need not exist on disk). Discovery does not run.
    /// </summary>
    public string? StdinText { get; init; }

    /// <summary>List <c>v6ready-ignore</c> comments that hid nothing in <see cref="ScanReport.UnusedIgnores"/>.</summary>
    public bool ReportUnusedIgnores { get; init; }

    /// <summary>An earlier JSON or SARIF report whose findings are hidden.</summary>
    public string? BaselineFile { get; init; }

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>When set, only these files (absolute paths) are analyzed (used to re-scan after fixing).</summary>
    public IReadOnlySet<string>? OnlyFiles { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>When set, the scan adds the time of each phase and front end to it.</summary>
    public ScanTimings? Timings { get; init; }

    /// <summary>
    /// Called for every analyzed file with its document and the front end's raw result (before suppressions, config
    /// and baseline), e.g. to read <c>v6ready-expect</c> markers. Called from several threads at once.
    /// </summary>
    public Action<SourceDocument, FileResult>? OnFileAnalyzed { get; init; }

    /// <summary>Test seam: replaces reading a whole file (to exercise read failures when running as root).</summary>
    internal Func<string, byte[]>? ReadAllOverride { get; init; }

    /// <summary>
    /// Whether front ends may follow values into other files through the project index (default on; the environment
    /// variable <c>V6READY_PROJECT_INDEX=0</c> turns it off, for measuring what the index costs).
    /// </summary>
    public bool UseProjectIndex { get; init; } = Environment.GetEnvironmentVariable("V6READY_PROJECT_INDEX") != "0";
}

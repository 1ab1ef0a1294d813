using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace V6Ready.CSharp;

/// <summary>
/// Projects loaded through <see cref="MSBuildWorkspace"/> for <c>--msbuild</c> (a design-time build in Roslyn's build
/// host: no restore, nothing compiled to disk, but the project's MSBuild logic runs). Failures are kept per project
/// and the front end falls back to its ad-hoc compilation for that project.
/// </summary>
public sealed class MsBuildProjects : IDisposable
{
    private readonly Dictionary<string, Project?> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private MSBuildWorkspace? _workspace;
    private string? _scratch;

    public static TimeSpan LoadTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public void Load(string projectFile, CancellationToken ct)
    {
        var full = Path.GetFullPath(projectFile);
        if (_projects.ContainsKey(full)) return;
        try
        {
            // Design-time build outputs (generated AssemblyInfo, editorconfig…) go to a temporary folder, not the checkout.
            _scratch ??= Path.Combine(Path.GetTempPath(), "v6ready-msbuild-" + Guid.NewGuid().ToString("N"));
            _workspace ??= MSBuildWorkspace.Create(new Dictionary<string, string>
            {
                ["DesignTimeBuild"] = "true",
                ["BuildingInsideVisualStudio"] = "true",
                ["OutputPath"] = Path.Combine(_scratch, "bin") + Path.DirectorySeparatorChar,
                ["IntermediateOutputPath"] = Path.Combine(_scratch, "obj") + Path.DirectorySeparatorChar,
            });
            var existing = _workspace.CurrentSolution.Projects.FirstOrDefault(p => p.FilePath != null && string.Equals(Path.GetFullPath(p.FilePath), full, StringComparison.Ordinal));
            if (existing != null)
            {
                _projects[full] = existing;
                return;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(LoadTimeout);
            var before = _workspace.Diagnostics.Count;
            var project = _workspace.OpenProjectAsync(full, cancellationToken: timeout.Token).GetAwaiter().GetResult();
            var failures = _workspace.Diagnostics.Skip(before).Select(d => d.Message).Distinct().Take(3).ToList();
            if (failures.Count > 0 && (project.MetadataReferences.Count == 0 || _workspace.Diagnostics.Skip(before).Any(d => d.Kind == WorkspaceDiagnosticKind.Failure)))
            {
                // Evaluation failed (e.g. an SDK that is not installed): fall back to the ad-hoc compilation.
                _projects[full] = null;
                _errors[full] = $"msbuild: could not load {Path.GetFileName(full)} ({string.Join("; ", failures)}); analyzed without MSBuild";
                return;
            }
            _projects[full] = project;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _projects[full] = null;
            _errors[full] = $"msbuild: could not load {Path.GetFileName(full)} ({e.GetType().Name}: {e.Message}); analyzed without MSBuild";
        }
    }

    public Project? Get(string projectFile) => _projects.TryGetValue(Path.GetFullPath(projectFile), out var p) ? p : null;

    public string? Error(string projectFile) => _errors.TryGetValue(Path.GetFullPath(projectFile), out var e) ? e : null;

    public void Dispose()
    {
        _workspace?.Dispose();
        if (_scratch != null)
        {
            try { Directory.Delete(_scratch, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}

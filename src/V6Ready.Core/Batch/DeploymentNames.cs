using System.Collections.Concurrent;

namespace V6Ready.Core.Batch;

/// <summary>
/// One object a deployment file defines (a Kubernetes object, one compose service), with the lines it spans and the
/// names it deploys, most telling first: the workload's or Service's name, its <c>app</c> / <c>app.kubernetes.io/name</c>
/// label, container names, image names (last path segment, no tag). <see cref="Deploys"/> is false for objects that
/// only configure others (ConfigMap, NetworkPolicy…): their names may match a service but never name a new one.
/// </summary>
public sealed record DeployedObject(int StartLine, int EndLine, IReadOnlyList<string> Names, bool Deploys);

/// <summary>
/// Reads the objects of a deployment file for service attribution (<see cref="ServiceGrouper"/>). The reader comes from
/// the front end that parses such files (V6Ready.Manifests registers one when it loads); without one, attribution
/// uses file and folder names only. Results are cached per file.
/// </summary>
public static class DeploymentNames
{
    private static Func<string, IReadOnlyList<DeployedObject>?>? s_reader;
    private static readonly ConcurrentDictionary<string, IReadOnlyList<DeployedObject>?> s_cache = new(StringComparer.Ordinal);

    public static void Register(Func<string, IReadOnlyList<DeployedObject>?> reader)
    {
        s_reader = reader;
        s_cache.Clear();
    }

    public static bool HasReader => s_reader is not null;

    /// <summary>The objects of the file, or null when no reader is registered or the file is not a deployment file.</summary>
    public static IReadOnlyList<DeployedObject>? Read(string fullPath)
    {
        var reader = s_reader;
        if (reader is null) return null;
        return s_cache.GetOrAdd(fullPath, p =>
        {
            try { return reader(p); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or FormatException)
            {
                return null;
            }
        });
    }
}

namespace V6Ready.Cli;

/// <summary><c>v6ready cluster …</c>: the work is done by <see cref="V6Ready.Cluster.ClusterApp"/> (see its usage text).</summary>
public static class ClusterCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        V6Ready.Cluster.ClusterApp.Run(args, stdout, stderr);
}

namespace V6Ready.Cli;

/// <summary>Compiled only with -p:V6NoFrontEnds=true (the CLI built without front ends or cluster checks).</summary>
public static class ClusterCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("v6ready: cluster checks are not available in this build");
        return 2;
    }
}

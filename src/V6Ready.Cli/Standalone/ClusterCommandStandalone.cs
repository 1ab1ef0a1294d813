using System.CommandLine;

namespace V6Ready.Cli;

/// <summary>Compiled only with -p:V6NoFrontEnds=true (the CLI built without front ends or cluster checks).</summary>
public static class ClusterCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("cluster", "check a live cluster (not available in this build)");
        command.SetAction(_ =>
        {
            ctx.Error.WriteLine("v6ready: cluster checks are not available in this build");
            return 2;
        });
        return command;
    }
}

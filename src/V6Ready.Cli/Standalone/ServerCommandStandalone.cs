using System.CommandLine;

namespace V6Ready.Cli;

/// <summary>Compiled only with -p:V6NoFrontEnds=true (the CLI built without the language server).</summary>
public static class ServerCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("server", "run the language server (not available in this build)");
        command.SetAction(_ =>
        {
            ctx.Error.WriteLine("v6ready: the language server is not available in this build");
            return 2;
        });
        return command;
    }
}

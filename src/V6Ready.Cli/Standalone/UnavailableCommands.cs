using System.CommandLine;

namespace V6Ready.Cli;

/// <summary>
/// Compiled only with -p:V6NoFrontEnds=true (the CLI built without front ends): the commands whose assemblies are
/// left out exist, say so and exit 2.
/// </summary>
public static class ClusterCommand
{
    public static Command Create(CliContext ctx) =>
        UnavailableCommands.Create(ctx, "cluster", "check a live cluster", "cluster checks are");
}

/// <inheritdoc cref="ClusterCommand"/>
public static class ServerCommand
{
    public static Command Create(CliContext ctx) =>
        UnavailableCommands.Create(ctx, "server", "run the language server", "the language server is");
}

internal static class UnavailableCommands
{
    public static Command Create(CliContext ctx, string name, string description, string what)
    {
        var command = new Command(name, description + " (not available in this build)");
        command.SetAction(_ =>
        {
            ctx.Error.WriteLine($"v6ready: {what} not available in this build");
            return 2;
        });
        return command;
    }
}

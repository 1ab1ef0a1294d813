using System.CommandLine;

namespace V6Ready.Cli;

/// <summary><c>v6ready server</c>: the language server (LSP over standard input and output) for editors.</summary>
public static class ServerCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("server", "run the language server (LSP over stdin/stdout) for editors");
        command.SetAction(async (parse, cancellationToken) =>
            await V6Ready.LanguageServer.LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error, cancellationToken)
                .ConfigureAwait(false));
        return command;
    }
}

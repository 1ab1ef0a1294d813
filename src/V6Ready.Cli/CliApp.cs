using System.Reflection;

namespace V6Ready.Cli;

/// <summary>Dispatches <c>v6ready COMMAND …</c> to one class per command. Exit codes: 0 clean, 1 findings, 2 usage or fatal error.</summary>
public static class CliApp
{
    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>Commands by name: (summary, handler). Add a command here and in its own file.</summary>
    public static readonly IReadOnlyList<(string Name, string Summary, Func<string[], CliContext, int> Run)> Commands = new List<(string, string, Func<string[], CliContext, int>)>
    {
        ("scan", "scan files and folders for IPv4-only code and configuration", ScanCommand.Run),
        ("rules", "list the rules (id, severity, fix, title)", RulesCommand.Run),
        ("explain", "print a rule's page: why it breaks, examples, fix", ExplainCommand.Run),
        ("merge", "combine JSON or SARIF reports (e.g. the shards of scan --shard) into one", MergeCommand.Run),
        ("cluster", "check a live cluster (kubectl, read-only) or a saved snapshot", (a, c) => ClusterCommand.Run(a, c.Out, c.Error)),
    };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? currentDirectory = null, bool? stdoutIsTerminal = null)
    {
        var context = new CliContext(stdout, stderr, currentDirectory ?? Directory.GetCurrentDirectory(),
            stdoutIsTerminal ?? (ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected));
        try
        {
            if (args.Length == 0)
            {
                WriteHelp(stderr);
                return ExitUsage;
            }
            switch (args[0])
            {
                case "--help" or "-h" or "help":
                    if (args.Length > 1 && args[0] == "help") return Run(new[] { args[1], "--help" }, stdout, stderr, currentDirectory, stdoutIsTerminal);
                    WriteHelp(stdout);
                    return ExitClean;
                case "--version" or "version":
                    stdout.WriteLine("v6ready " + Version);
                    return ExitClean;
            }
            foreach (var (name, _, run) in Commands)
                if (string.Equals(name, args[0], StringComparison.Ordinal)) return run(args.Skip(1).ToArray(), context);
            stderr.WriteLine($"v6ready: unknown command '{args[0]}'.");
            WriteHelp(stderr);
            return ExitUsage;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("v6ready: " + e.Message);
            return ExitUsage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"v6ready: fatal: {e.Message}");
            return ExitUsage;
        }
    }

    public static void WriteHelp(TextWriter w)
    {
        w.WriteLine($"v6ready {Version} - finds code and configuration that only works over IPv4");
        w.WriteLine();
        w.WriteLine("Usage: v6ready COMMAND [options]");
        w.WriteLine();
        w.WriteLine("Commands:");
        foreach (var (name, summary, _) in Commands) w.WriteLine($"  {name,-9} {summary}");
        w.WriteLine();
        w.WriteLine("Run 'v6ready COMMAND --help' for a command's options. --version prints the version.");
        w.WriteLine("Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or fatal error.");
    }
}

/// <summary>Where a command writes and what it runs in.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, bool OutIsTerminal);

/// <summary>A command-line mistake: printed with the usage hint, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }
}

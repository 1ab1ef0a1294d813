using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;

namespace V6Ready.Cli;

/// <summary>
/// The <c>v6ready</c> command line on System.CommandLine: one <see cref="Command"/> per verb (each defined in its own
/// file), parsing, validation, help and completions (the <c>[suggest]</c> directive the completion scripts call).
/// Exit codes: 0 clean, 1 findings, 2 usage or fatal error.
/// </summary>
public static class CliApp
{
    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <param name="environment">Environment variables to use instead of the process's (tests).</param>
    /// <param name="stdin">Standard input (for <c>--stdin-filename</c> and <c>cluster --snapshot -</c>); null: the console's.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string? currentDirectory = null, bool? stdoutIsTerminal = null,
        IReadOnlyDictionary<string, string?>? environment = null, TextReader? stdin = null)
    {
        var context = new CliContext(stdout, stderr, currentDirectory ?? Directory.GetCurrentDirectory(),
            stdoutIsTerminal ?? (ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected))
        {
            Environment = environment,
            In = stdin,
        };
        try
        {
            if (args.Length == 0)
            {
                WriteHelp(context, stderr);
                return ExitUsage;
            }
            switch (args[0])
            {
                case "--version" or "version":
                    stdout.WriteLine("v6ready " + Version);
                    return ExitClean;
                case "help" when args.Length == 1:
                case "--help" or "-h" or "-?" when args.Length == 1:
                    WriteHelp(context, stdout);
                    return ExitClean;
                case "help":
                    args = new[] { args[1], "--help" };
                    break;
            }
            // A verb builds only its own command (the others' options are not needed to parse it: less start-up work).
            var root = s_commands.ContainsKey(args[0]) ? BuildRoot(context, args[0]) : BuildRoot(context);
            var parse = root.Parse(args);
            var isDirective = args[0].StartsWith('[');
            if (parse.Errors.Count > 0 && !isDirective && parse.Action is not HelpAction)
            {
                foreach (var e in parse.Errors) stderr.WriteLine("v6ready: " + e.Message);
                var command = parse.CommandResult.Command;
                stderr.WriteLine($"Run '{(command is RootCommand ? "v6ready" : "v6ready " + command.Name)} --help' for the options.");
                return ExitUsage;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine("v6ready: " + e.Message);
            return ExitUsage;
        }
        catch (V6Ready.Core.Config.ConfigException e)
        {
            stderr.WriteLine("v6ready: " + e.Message);
            return ExitUsage;
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<V6Ready.Core.Config.ConfigException>().FirstOrDefault() is { } config)
        {
            // A nested config file found during the (parallel) scan is not valid.
            stderr.WriteLine("v6ready: " + config.Message);
            return ExitUsage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"v6ready: fatal: {e.Message}");
            return ExitUsage;
        }
    }

    /// <summary>The whole command tree (also what the completion scripts ask through the <c>[suggest]</c> directive).</summary>
    public static RootCommand BuildRoot(CliContext context) => BuildRoot(context, null);

    private static readonly Dictionary<string, Func<CliContext, Command>> s_commands = new(StringComparer.Ordinal)
    {
        ["scan"] = ScanCommand.Create,
        ["rules"] = RulesCommand.Create,
        ["explain"] = ExplainCommand.Create,
        ["merge"] = MergeCommand.Create,
        ["cluster"] = ClusterCommand.Create,
        ["init"] = InitCommand.Create,
        ["server"] = ServerCommand.Create,
        ["completions"] = CompletionsCommand.Create,
    };

    /// <summary>The command tree with every verb, or only <paramref name="only"/>.</summary>
    private static RootCommand BuildRoot(CliContext context, string? only)
    {
        var root = new RootCommand("v6ready " + Version + " - finds code and configuration that only works over IPv4.\n" +
                                   "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or fatal error.");
        foreach (var (name, create) in s_commands)
            if (only is null || name == only) root.Subcommands.Add(create(context));
        return root;
    }

    /// <summary>The commands, then the options of <c>scan</c> (what most runs need), as <c>scan --help</c> lists them.</summary>
    public static void WriteHelp(CliContext context, TextWriter w)
    {
        BuildRoot(context).Parse(new[] { "--help" }).Invoke(new InvocationConfiguration { Output = w, Error = w });
        var scan = new StringWriter();
        BuildRoot(context, "scan").Parse(new[] { "scan", "--help" }).Invoke(new InvocationConfiguration { Output = scan, Error = scan });
        var text = scan.ToString();
        var options = text.IndexOf("Options:", StringComparison.Ordinal);
        if (options < 0) return;
        w.WriteLine("Scan options (v6ready scan [PATH...] [options]; v6ready COMMAND --help for the others):");
        w.Write(text[(options + "Options:".Length)..].TrimStart('\r', '\n'));
    }
}

/// <summary>Where a command writes and what it runs in.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, bool OutIsTerminal)
{
    /// <summary>Environment variables to read instead of the process's (null: the process's).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Standard input (null: the console's).</summary>
    public TextReader? In { get; init; }

    public string? GetEnv(string name) =>
        Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.TryGetValue(name, out var v) ? v : null;

    public TextReader Stdin => In ?? Console.In;

    public string FullPath(string path) => Path.GetFullPath(Path.Combine(CurrentDirectory, path));
}

/// <summary>A command-line mistake: printed with the usage hint, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }
}

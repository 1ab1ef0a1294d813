// Entry point of the `v6ready` tool: everything happens in CliApp so tests can run it in-process.
return V6Ready.Cli.CliApp.Run(args, Console.Out, Console.Error);

using System.CommandLine;
using V6Ready.Core.Fixes;

namespace V6Ready.Cli;

/// <summary><c>v6ready init [FOLDER]</c>: writes a commented <c>v6ready.toml</c> with every key at its default.</summary>
public static class InitCommand
{
    public static Command Create(CliContext ctx)
    {
        var folder = new Argument<string?>("FOLDER") { Arity = ArgumentArity.ZeroOrOne, Description = "where to write v6ready.toml (default: the current folder)" };
        var force = new Option<bool>("--force") { Description = "overwrite an existing v6ready.toml" };
        var command = new Command("init", "write a commented project config file (v6ready.toml)") { folder, force };
        command.SetAction(parse =>
        {
            var dir = ctx.FullPath(parse.GetValue(folder) ?? ".");
            if (!Directory.Exists(dir)) throw new UsageException($"no such folder: {parse.GetValue(folder)}");
            var path = Path.Combine(dir, "v6ready.toml");
            if (File.Exists(path) && !parse.GetValue(force)) throw new UsageException($"{path} exists (--force overwrites it)");
            AtomicFile.WriteAllText(path, Template);
            ctx.Out.WriteLine($"wrote {Path.GetRelativePath(ctx.CurrentDirectory, path).Replace('\\', '/')}");
            return CliApp.ExitClean;
        });
        return command;
    }

    /// <summary>The file <c>init</c> writes: every key, commented out at its default, with what it does.</summary>
    public const string Template = """
        # v6ready project config. v6ready finds this file from the scanned path upward (or takes --config FILE).
        # Command-line options override it; .editorconfig severities (dotnet_diagnostic.ID.severity) apply first and
        # this file's [severity] and [[overrides]] override them. Globs are gitignore-style, relative to this folder.

        # Network to target: "dual-stack" (default) or "ipv6-only" (raises most rules to errors).
        # target = "dual-stack"

        # Lowest severity that makes the exit code 1: "none", "note", "warning" (default), "error".
        # fail-on = "warning"

        # Only scan files under these globs (default: everything), and skip these (besides .gitignore'd paths).
        # include = ["src/**", "deploy/**"]
        # exclude = ["**/third_party/**", "**/testdata/**"]

        # Rules by id or prefix (V6001; V61 for every Kubernetes rule; V6; ALL). The most specific entry wins.
        # select = ["ALL"]
        # extend-select = []
        # ignore = ["V6301"]

        # Other settings (top-level keys: keep them above the first [table]):
        # max-file-size = "5M"            # skip larger files
        # memory-budget = "2G"            # memory the files in flight may take together; a file needing more is skipped
        # min-confidence = "low"          # drop findings less sure than this: "low", "medium", "high"
        # report-unused-ignores = false   # report v6ready-ignore comments that hide nothing
        # respect-gitignore = true        # skip what .gitignore files exclude

        # Severity per rule id or prefix, for every language: "error", "warning", "note" or "none" (off).
        [severity]
        # V6001 = "error"
        # V62 = "note"

        # Settings for some paths only (later blocks win over earlier ones).
        # [[overrides]]
        # paths = ["**/tests/**", "**/*_test.go"]
        # ignore = ["V6003"]
        # severity = { V6002 = "note" }

        """;
}

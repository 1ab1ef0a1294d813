using System.CommandLine;

namespace V6Ready.Cli;

/// <summary>
/// <c>v6ready cluster …</c>: the options are declared here (help, validation, completions) and the tokens are handed to
/// <see cref="V6Ready.Cluster.ClusterApp"/>, which gives them their meaning; the colour decision (terminal, FORCE_COLOR,
/// NO_COLOR) is made here, as for <c>scan</c>.
/// </summary>
public static class ClusterCommand
{
    public static Command Create(CliContext ctx)
    {
        var snapshot = new Option<string[]>("--snapshot") { Description = "analyze a saved snapshot (file or folder of .json/.yaml; '-' reads standard input) instead of a live cluster; repeatable", HelpName = "PATH" };
        var kubectl = new Option<string?>("--kubectl") { Description = "kubectl to run (default: kubectl from PATH)", HelpName = "PATH" };
        var context = new Option<string?>("--context") { Description = "kubectl context (default: the current context)", HelpName = "NAME" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig for kubectl (default: kubectl's)", HelpName = "FILE" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "only this namespace's workloads (kube-system DNS/kube-proxy are still read)", HelpName = "NS" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "every namespace (default)" };
        var timeout = new Option<string?>("--timeout") { Description = "per kubectl call, in seconds (default 30)", HelpName = "SECONDS" };
        var format = CommonOptions.Format("text");
        format.AcceptOnlyFromAmong(CommonOptions.Formats);
        var output = CommonOptions.Output();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "findings only: no readiness summary" };
        var color = CommonOptions.Color();
        var noColor = CommonOptions.NoColor();
        var failOn = CommonOptions.FailOn("warning");
        var target = CommonOptions.Target("severities for dual-stack (default) or ipv6-only");
        var noWorkloads = new Option<bool>("--no-workloads") { Description = "skip the manifest rules over deployed workloads" };
        var baseline = new Option<string?>("--baseline") { Description = "hide findings already in FILE (an earlier json or sarif report)", HelpName = "FILE" };
        var maxOutput = new Option<string?>("--max-output-bytes") { Description = "cap on each kubectl call's output (default 256 MB)", HelpName = "BYTES" };
        var command = new Command("cluster", "check a live cluster (kubectl, read-only) or a saved snapshot: is it dual-stack, and what deployed there breaks on IPv6")
        {
            snapshot, kubectl, context, kubeconfig, ns, all, timeout, format, output, quiet, color, noColor, failOn, target, noWorkloads, baseline, maxOutput,
        };
        command.SetAction(parse =>
        {
            var tokens = new List<string>();
            var started = false;
            for (var i = 0; i < parse.Tokens.Count; i++)
            {
                var token = parse.Tokens[i];
                if (!started)
                {
                    started = token.Type == System.CommandLine.Parsing.TokenType.Command && token.Value == "cluster";
                    continue;
                }
                if (token.Value is "--no-color") continue;
                if (token.Value is "--color") { i++; continue; }
                tokens.Add(token.Value);
            }
            var fmt = parse.GetValue(format) ?? "text";
            var useColor = fmt == "text" && CommonOptions.UseColor(ctx, parse.GetValue(color), parse.GetValue(noColor), parse.GetValue(output) is not null);
            tokens.Add("--color");
            tokens.Add(useColor ? "always" : "never");
            if (parse.GetValue(output) is { } o) // relative to the command's folder, which may not be the process's (tests)
            {
                var at = tokens.FindIndex(t => t is "--output" or "-o");
                if (at >= 0 && at + 1 < tokens.Count) tokens[at + 1] = ctx.FullPath(o);
            }
            return Run(tokens.ToArray(), ctx);
        });
        return command;
    }

    private static int Run(string[] args, CliContext ctx) =>
        V6Ready.Cluster.ClusterApp.Run(args, ctx.Out, ctx.Error, ctx.In);
}

using System.CommandLine;

namespace V6Ready.Cli;

/// <summary>
/// <c>v6ready completions bash|zsh|fish|powershell</c>: prints a script that completes <c>v6ready</c> command lines by
/// asking the tool itself through System.CommandLine's <c>[suggest:POSITION]</c> directive (the .NET convention, as
/// dotnet-suggest uses), so the completions always match the installed version's commands, options and values.
/// </summary>
public static class CompletionsCommand
{
    public static readonly string[] Shells = { "bash", "zsh", "fish", "powershell" };

    public static Command Create(CliContext ctx)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh, fish or powershell" };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completions", "print a shell completion script (bash, zsh, fish, powershell); e.g. source <(v6ready completions bash)") { shell };
        command.SetAction(parse =>
        {
            ctx.Out.Write(Script(parse.GetValue(shell)!));
            return CliApp.ExitClean;
        });
        return command;
    }

    public static string Script(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "powershell" => PowerShell,
        _ => throw new UsageException($"unknown shell '{shell}'; expected one of: {string.Join(", ", Shells)}"),
    };

    private const string Bash = """
        # bash completion for v6ready. Load it with: source <(v6ready completions bash)
        # (or save it as ~/.local/share/bash-completion/completions/v6ready)
        _v6ready_complete() {
            local IFS=$'\n'
            local line="${COMP_LINE:0:${COMP_POINT}}"
            local current="${COMP_WORDS[COMP_CWORD]}"
            local candidates
            candidates="$(v6ready "[suggest:${#line}]" "${line}" 2>/dev/null)"
            COMPREPLY=($(compgen -W "${candidates}" -- "${current}"))
        }
        complete -o default -o bashdefault -F _v6ready_complete v6ready

        """;

    private const string Zsh = """
        #compdef v6ready
        # zsh completion for v6ready. Load it with: source <(v6ready completions zsh)
        # (or save it as _v6ready in a folder of $fpath)
        _v6ready() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$(v6ready "[suggest:${#line}]" "${line}" 2>/dev/null)}")
            if (( ${#candidates} )) && [[ -n "${candidates[1]}" ]]; then
                compadd -- "${candidates[@]}"
            else
                _files
            fi
        }
        if (( $+functions[compdef] )); then
            compdef _v6ready v6ready
        fi

        """;

    private const string Fish = """
        # fish completion for v6ready. Load it with: v6ready completions fish | source
        # (or save it as ~/.config/fish/completions/v6ready.fish)
        function __v6ready_complete
            set -l line (commandline -cp)
            v6ready "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c v6ready -a '(__v6ready_complete)'

        """;

    private const string PowerShell = """
        # PowerShell completion for v6ready. Load it with: v6ready completions powershell | Out-String | Invoke-Expression
        # (or add that line to your $PROFILE)
        Register-ArgumentCompleter -Native -CommandName v6ready -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            if ($position -gt $line.Length) { $line = $line.PadRight($position) }
            v6ready "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}

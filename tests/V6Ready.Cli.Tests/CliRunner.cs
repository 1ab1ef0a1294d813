namespace V6Ready.Cli.Tests;

/// <summary>Runs the CLI in-process on a temp tree.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Root = Path.Combine(Path.GetTempPath(), "v6ready-cli-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string rel, string text)
    {
        var full = Path.Combine(Root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Read(string rel) => File.ReadAllText(Path.Combine(Root, rel));

    public (int Code, string Out, string Err) Run(params string[] args) => RunAs(false, args);

    public (int Code, string Out, string Err) RunAs(bool terminal, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, stdout, stderr, Root, stdoutIsTerminal: terminal);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (Exception) { }
    }
}

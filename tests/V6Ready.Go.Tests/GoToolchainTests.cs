using System.Diagnostics;
using static V6Ready.Go.Tests.TestUtil;

namespace V6Ready.Go.Tests;

/// <summary>
/// When a Go toolchain is installed (Debian's golang-go), the samples and their fixed versions must pass `go vet`
/// (which type-checks them: the fixes' result counts and types are right). Without Go these checks have nothing to run.
/// </summary>
public class GoToolchainTests
{
    private static string? GoTool() => new[] { "/usr/bin/go", "/usr/lib/go/bin/go", "/usr/local/go/bin/go" }.FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(string go, string dir, string args)
    {
        var psi = new ProcessStartInfo(go, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["CGO_ENABLED"] = "0";
        psi.Environment["GOFLAGS"] = "-mod=mod";
        psi.Environment["GOTOOLCHAIN"] = "local";
        psi.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "v6ready-go-test-cache");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Theory]
    [InlineData("user-go")]
    [InlineData("catalogue-go")]
    public void FixedSampleServicesStillTypeCheck(string service)
    {
        var go = GoTool();
        if (go is null) return; // no Go toolchain on this machine: nothing to type-check with
        var source = Path.Combine(RepoRoot(), "samples", "shop", service);
        var dir = Path.Combine(Path.GetTempPath(), "v6ready-go-fix-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(dir, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var text = File.ReadAllText(file);
                if (file.EndsWith(".go", StringComparison.Ordinal))
                    foreach (var rule in new[] { "V6005", "V6006", "V6007" }) text = ApplyAll(text, rule, includeUnsafe: true);
                File.WriteAllText(target, text);
            }
            var (code, output) = Run(go, dir, "vet ./...");
            Assert.True(code == 0, "go vet on the fixed " + service + ":\n" + output);
            foreach (var file in Directory.EnumerateFiles(dir, "*.go", SearchOption.AllDirectories))
                Assert.DoesNotContain(Scan(File.ReadAllText(file), file).Findings, f => f.RuleId is "V6005" or "V6006" or "V6007" && f.Fix is not null);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Text;
using V6Ready.Core;
using V6Ready.Core.Scanning;
using V6Ready.Rules;
using V6Ready.TestSupport;

namespace V6Ready.Core.Tests;

/// <summary>A temporary folder tree, deleted on dispose.</summary>
public sealed class TestTree : IDisposable
{
    public TestTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "v6ready-core-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Path_(string rel) => Path.Combine(Root, rel.Replace('/', Path.DirectorySeparatorChar));

    public string Write(string rel, string text) => WriteBytes(rel, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string rel, byte[] bytes)
    {
        var full = Path_(rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Read(string rel) => File.ReadAllText(Path_(rel));

    public ScanReport Scan(Func<ScanOptions, ScanOptions>? configure = null, Target target = Target.DualStack, params string[] paths)
    {
        var options = new ScanOptions
        {
            Paths = paths.Length == 0 ? new[] { Root } : paths.Select(Path_).ToArray(),
            BaseDirectory = Root,
            FrontEnds = new ILanguageFrontEnd[] { new FakeFrontEnd() },
            Target = target,
            UseEditorConfig = true,
        };
        if (configure is not null) options = configure(options);
        return Scanner.Scan(options);
    }

    public ScanOptions Options(params string[] paths) => new()
    {
        Paths = paths.Length == 0 ? new[] { Root } : paths.Select(Path_).ToArray(),
        BaseDirectory = Root,
        FrontEnds = new ILanguageFrontEnd[] { new FakeFrontEnd() },
    };

    public void Dispose()
    {
        try
        {
            // Restore permissions (tests lock files) without following symlinks, then delete.
            var pending = new Stack<string>();
            pending.Push(Root);
            while (pending.Count > 0)
            {
                var dir = pending.Pop();
                foreach (var info in new DirectoryInfo(dir).GetFileSystemInfos())
                {
                    if (info.LinkTarget is not null) continue;
                    try { if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(info.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); } catch { }
                    if (info is DirectoryInfo) pending.Push(info.FullName);
                }
            }
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception) { }
    }
}

using V6Ready.Core.Fixes;

namespace V6Ready.Core.Tests;

public class AtomicFileTests
{
    [Fact]
    public void WritingToDevNullLeavesTheDeviceInPlace()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/null")) return;
        AtomicFile.WriteAllText("/dev/null", "report that must vanish");
        // Had the write renamed a temp file over the device, /dev/null would now hold the text.
        Assert.Equal(string.Empty, File.ReadAllText("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.v6ready-*"));
    }

    [Fact]
    public void RegularFileIsReplacedWholeAndKeepsNoTempFile()
    {
        var dir = Directory.CreateTempSubdirectory("v6-atomic-").FullName;
        try
        {
            var path = Path.Combine(dir, "report.json");
            File.WriteAllText(path, "old content that is longer than the new one");
            AtomicFile.WriteAllText(path, "new");
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

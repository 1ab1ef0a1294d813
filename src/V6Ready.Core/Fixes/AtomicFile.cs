namespace V6Ready.Core.Fixes;

/// <summary>Writes a file all at once: a temp file in the same folder, flushed, given the original's mode, then renamed over it.</summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        // Write through a symlink to its target rather than replacing the link with a regular file.
        var target = Discovery.FileDiscovery.RealPath(path) ?? path;
        var dir = Path.GetDirectoryName(Path.GetFullPath(target)) ?? ".";
        var temp = Path.Combine(dir, "." + Path.GetFileName(target) + ".v6ready-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                try { File.SetUnixFileMode(temp, File.GetUnixFileMode(target)); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));
}

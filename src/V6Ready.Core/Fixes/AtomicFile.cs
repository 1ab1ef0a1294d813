namespace V6Ready.Core.Fixes;

/// <summary>
/// Writes a file all at once: a temp file in the same folder, flushed, given the original's mode and (where permitted)
/// owner and group, then renamed over it. A file with several hard links is written in place instead (not atomic).
/// A device or process file (/dev/null, /dev/stdout, /proc/self/fd/N) is written in place: renaming over it would
/// replace the device with a regular file (`--output /dev/null` once did exactly that).
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        // Write through a symlink to its target rather than replacing the link with a regular file.
        var target = Discovery.FileDiscovery.RealPath(path) ?? path;
        if (IsSpecialFile(path) || IsSpecialFile(target))
        {
            using var direct = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            direct.Write(bytes, 0, bytes.Length);
            direct.Flush();
            return;
        }
        var status = Discovery.UnixStat.Get(target);
        if (status is { IsRegular: true, LinkCount: > 1 })
        {
            // Several hard links share this file: a rename would give this path a new file and leave the others with
            // the old text, so it is written in place (all links see the change). Such a write is not atomic.
            using var inPlace = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            inPlace.Write(bytes, 0, bytes.Length);
            inPlace.SetLength(bytes.Length);
            inPlace.Flush(true);
            return;
        }
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
                // keep the owner and group (permitted for root, or for a group the user is in); otherwise the new file is the
                // user's. Before the mode: a chown may clear set-id bits.
                if (status is { } st) Discovery.UnixStat.TryChown(temp, st.Uid, st.Gid);
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

    /// <summary>
    /// True when <paramref name="path"/> names a device or process file (under /dev or /proc on Unix), which must be
    /// written in place. .NET reports no file type for these, so the device namespaces are recognised by path.
    /// </summary>
    internal static bool IsSpecialFile(string path)
    {
        if (OperatingSystem.IsWindows()) return false;
        var full = Path.GetFullPath(path);
        return (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal))
            && File.Exists(full);
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));
}

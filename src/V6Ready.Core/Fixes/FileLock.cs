using System.Security.Cryptography;
using System.Text;

namespace V6Ready.Core.Fixes;

/// <summary>
/// An exclusive lock on one file for the length of a read–check–write, shared by every v6ready process on the machine:
/// a lock file per real path under the system temp folder (never in the user's tree), held open with
/// <see cref="FileShare.None"/> (an advisory <c>flock</c> on Unix). Two <c>--fix</c> runs on one tree thus take turns per
/// file, and the second sees the first's change (and refuses to apply fixes computed for the old text).
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream? _stream;

    private FileLock(FileStream? stream) => _stream = stream;

    /// <summary>The lock, or null when another process holds it past <paramref name="timeout"/> (zero: try once).</summary>
    public static FileLock? Acquire(string realPath, TimeSpan timeout)
    {
        var dir = Path.Combine(Path.GetTempPath(), "v6ready-locks");
        string path;
        try
        {
            Directory.CreateDirectory(dir);
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(realPath))).Substring(0, 32);
            path = Path.Combine(dir, key + ".lock");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileLock(null); // no lock folder we may use: carry on unlocked, as before
        }
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return new FileLock(null); // no lock folder we may use: carry on unlocked, as before
            }
        }
    }

    public void Dispose() => _stream?.Dispose();
}

using System.Runtime.InteropServices;

namespace V6Ready.Core.Discovery;

/// <summary>What <c>statx(2)</c> says about a path: its type, link count, owner and identity (device, inode).</summary>
public readonly record struct UnixFileStatus(int Type, uint LinkCount, uint Uid, uint Gid, ulong Device, ulong Inode)
{
    public const int Regular = 0x8000, Directory = 0x4000, Fifo = 0x1000, CharDevice = 0x2000, BlockDevice = 0x6000, Socket = 0xC000, SymbolicLink = 0xA000;

    public bool IsRegular => Type == Regular;

    public string TypeName => Type switch
    {
        Regular => "regular file",
        Directory => "folder",
        Fifo => "FIFO (named pipe)",
        CharDevice => "character device",
        BlockDevice => "block device",
        Socket => "socket",
        SymbolicLink => "symbolic link",
        _ => "special file",
    };
}

/// <summary>
/// .NET reports no file type, link count or owner on Unix; this reads them with <c>statx(2)</c> (Linux, glibc 2.28+; its
/// struct layout is the same on every architecture). Elsewhere, or when the call is missing, it answers null.
/// </summary>
public static class UnixStat
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private static bool s_unavailable = !OperatingSystem.IsLinux();

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    /// <summary>The status of <paramref name="path"/> (of the link itself when <paramref name="followLinks"/> is false), or null.</summary>
    public static UnixFileStatus? Get(string path, bool followLinks = true)
    {
        if (s_unavailable) return null;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
            return null;
        }
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode, u16 pad, u64 ino,
        // u64 size, u64 blocks, u64 attributes_mask, 4 timestamps of 16 bytes, u32 rdev_major, u32 rdev_minor, u32 dev_major, u32 dev_minor
        var span = buffer.AsSpan();
        var nlink = BitConverter.ToUInt32(span.Slice(16));
        var uid = BitConverter.ToUInt32(span.Slice(20));
        var gid = BitConverter.ToUInt32(span.Slice(24));
        var mode = BitConverter.ToUInt16(span.Slice(28));
        var ino = BitConverter.ToUInt64(span.Slice(32));
        var devMajor = BitConverter.ToUInt32(span.Slice(136));
        var devMinor = BitConverter.ToUInt32(span.Slice(140));
        return new UnixFileStatus(mode & 0xF000, nlink, uid, gid, ((ulong)devMajor << 32) | devMinor, ino);
    }

    /// <summary>Gives <paramref name="path"/> an owner and group; false when not permitted or not available.</summary>
    public static bool TryChown(string path, uint uid, uint gid)
    {
        if (s_unavailable) return false;
        try { return Chown(path, uid, gid) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }
}

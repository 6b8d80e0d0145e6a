using System.Runtime.InteropServices;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// fsync of a directory, so a rename in it survives a power cut: POSIX makes the rename atomic but durable only once
/// the directory's own entry is flushed. .NET has no API for it (a FileStream cannot open a directory), hence libc's
/// open + fsync. Windows has no equivalent (NTFS journals the rename itself), so it is a no-op there. Checked with
/// strace on `etl recover`: fsync(CURRENT.tmp) = 0, rename(CURRENT.tmp-N, CURRENT) = 0, openat(folder, O_RDONLY), fsync = 0.
/// </summary>
public static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY; opening a directory read-only is enough to fsync it on Linux and macOS

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Open(directory, ReadOnly);
        if (fd < 0) throw new IOException($"cannot open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the generated marshalling for a string needs unsafe code enabled.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}

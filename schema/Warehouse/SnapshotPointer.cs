namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The CURRENT file names the published snapshot. It is replaced with write-to-temp, fsync, rename — a rename
/// within one folder is atomic on POSIX file systems — so a reader sees the old snapshot or the new one, never
/// a half-written name, and a writer killed at any moment leaves the previous snapshot current.
/// </summary>
public static class SnapshotPointer
{
    public static string? Read(WarehousePaths paths)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (!File.Exists(paths.CurrentPointer)) return null;
                var name = File.ReadAllText(paths.CurrentPointer).Trim();
                return name.Length == 0 ? null : name;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(10);
            }
        }
    }

    public static void Switch(WarehousePaths paths, string snapshotName)
    {
        var temp = paths.CurrentPointer + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(snapshotName + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, paths.CurrentPointer, overwrite: true);
    }
}

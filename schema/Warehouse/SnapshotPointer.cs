using System.Text;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The CURRENT file names the published snapshot. It is replaced the way a database replaces its manifest: write a
/// temporary file, fsync it, rename it over CURRENT (atomic within one folder on POSIX), fsync the folder (so the
/// rename itself survives a power cut). A reader sees the old name or the new one, never a half-written name, and a
/// writer killed at any moment leaves the previous snapshot current and at most a CURRENT.tmp-* leftover, which the
/// next writer removes (<see cref="WarehouseLeftovers"/>).
/// </summary>
public static class SnapshotPointer
{
    public const string TempPrefix = "CURRENT.tmp-";
    private const int LongestShownText = 40;

    public static PointerReading Read(WarehousePaths paths)
    {
        string text;
        try
        {
            if (!File.Exists(paths.CurrentPointer) && !Directory.Exists(paths.CurrentPointer)) return new PointerReading.Absent();
            text = ReadWithRetry(paths.CurrentPointer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PointerReading.Damaged($"CURRENT cannot be read ({e.Message})");
        }
        catch (DecoderFallbackException)
        {
            return new PointerReading.Damaged("CURRENT holds bytes that are not text");
        }
        var name = text.Trim();
        if (name.Length == 0) return new PointerReading.Damaged("CURRENT is empty");
        return SnapshotName.IsValid(name)
            ? new PointerReading.Names(name)
            : new PointerReading.Damaged($"CURRENT does not name a snapshot (it holds \"{Shown(name)}\")");
    }

    /// <summary>The snapshot CURRENT names, null when there is no CURRENT; a damaged CURRENT throws rather than read as empty.</summary>
    public static string? ReadName(WarehousePaths paths) => Read(paths) switch
    {
        PointerReading.Names n => n.Snapshot,
        PointerReading.Absent => null,
        PointerReading.Damaged => throw new WarehouseDamagedException(WarehouseState.Inspect(paths)),
        _ => throw new InvalidOperationException("unknown pointer reading"),
    };

    public static void Switch(WarehousePaths paths, string snapshotName)
    {
        if (!SnapshotName.IsValid(snapshotName)) throw new ArgumentException($"'{snapshotName}' is not a snapshot name", nameof(snapshotName));
        var temp = Path.Combine(paths.Root, TempPrefix + Environment.ProcessId);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(snapshotName + "\n"));
            stream.Flush(flushToDisk: true); // fsync: the bytes are on disk before the rename can expose them
        }
        File.Move(temp, paths.CurrentPointer, overwrite: true);
        DirectorySync.Flush(paths.Root);
    }

    // Retries cover Windows, where a reader can meet the file mid-rename; strict UTF-8 makes binary garbage an error.
    private static string ReadWithRetry(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            }
            catch (IOException) when (attempt < 5 && File.Exists(path))
            {
                Thread.Sleep(10);
            }
        }
    }

    private static string Shown(string text)
    {
        var printable = new string(text.Take(LongestShownText).Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
        return text.Length > LongestShownText ? printable + "…" : printable;
    }
}

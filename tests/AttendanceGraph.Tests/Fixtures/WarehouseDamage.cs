using System.Security.Cryptography;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// Each way a warehouse folder is found damaged, made for real on disk, in a warehouse holding warehouse-000001 and
/// warehouse-000002 with CURRENT naming the second. <see cref="Expect"/> says what every report must mention and which
/// snapshot a recovery continues from.
/// </summary>
public static class WarehouseDamage
{
    public sealed record Expectation(string Problem, string RecoverFrom);

    public static readonly string[] All =
        ["empty CURRENT", "garbage CURRENT", "binary CURRENT", "dangling CURRENT", "truncated snapshot", "not a DuckDB file", "snapshots without CURRENT"];

    public static TheoryData<string> Theory => new(All);

    public static Expectation Expect(string damage) => damage switch
    {
        "empty CURRENT" => new("CURRENT is empty", "warehouse-000002.duckdb"),
        "garbage CURRENT" => new("CURRENT does not name a snapshot (it holds \"warehouse-latest\")", "warehouse-000002.duckdb"),
        "binary CURRENT" => new("CURRENT holds bytes that are not text", "warehouse-000002.duckdb"),
        "dangling CURRENT" => new("CURRENT names warehouse-000007.duckdb, but warehouse-000007.duckdb does not exist", "warehouse-000002.duckdb"),
        "truncated snapshot" => new("CURRENT names warehouse-000002.duckdb, but DuckDB cannot open warehouse-000002.duckdb", "warehouse-000001.duckdb"),
        "not a DuckDB file" => new("CURRENT names warehouse-000002.duckdb, but DuckDB cannot open warehouse-000002.duckdb", "warehouse-000001.duckdb"),
        "snapshots without CURRENT" => new("there is no CURRENT file but the folder holds 2 snapshot(s)", "warehouse-000002.duckdb"),
        _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, null),
    };

    public static void Apply(WarehousePaths paths, string damage)
    {
        var newest = paths.SnapshotPath("warehouse-000002.duckdb");
        switch (damage)
        {
            case "empty CURRENT": File.WriteAllBytes(paths.CurrentPointer, []); break;
            case "garbage CURRENT": File.WriteAllText(paths.CurrentPointer, "warehouse-latest\n"); break;
            // A pointer torn by a crash on a file system without data journalling: zeros and high bytes, not UTF-8.
            case "binary CURRENT": File.WriteAllBytes(paths.CurrentPointer, [0x00, 0x00, 0xff, 0xfe, 0x80, 0x00]); break;
            case "dangling CURRENT": File.WriteAllText(paths.CurrentPointer, "warehouse-000007.duckdb\n"); break;
            case "truncated snapshot": Truncate(newest); break;
            case "not a DuckDB file": File.WriteAllText(newest, "this was overwritten by a backup tool's log\n"); break;
            case "snapshots without CURRENT": File.Delete(paths.CurrentPointer); break;
            default: throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    /// <summary>A copy interrupted by a full disk: the first half of the file.</summary>
    public static void Truncate(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.SetLength(f.Length / 2);
    }

    /// <summary>Every file in the snapshots folder with its SHA-256: equal maps mean no snapshot was written, replaced or removed.</summary>
    public static Dictionary<string, string> SnapshotHashes(WarehousePaths paths) =>
        Directory.GetFiles(paths.SnapshotsDir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>Published snapshots are named after the batch that made them: warehouse-000042.duckdb.</summary>
public static partial class SnapshotName
{
    public const string Pattern = "warehouse-*.duckdb";

    public static string For(int batchId) => $"warehouse-{batchId:000000}.duckdb";

    public static bool IsValid(string name) => Shape().IsMatch(name);

    /// <summary>The batch number in a snapshot's name (null for a name that is not a snapshot's).</summary>
    public static int? Number(string name)
    {
        var m = Shape().Match(name);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    [GeneratedRegex(@"^warehouse-(\d{6,9})\.duckdb$")]
    private static partial Regex Shape();
}

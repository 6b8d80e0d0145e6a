using System.Globalization;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The days a table of dirty weeks (pupil_id, week_start) covers, and dates as SQL literals. A load's refreshes bound
/// their scans by these dates as literals (read from the warehouse, never from input): DuckDB then skips the row groups
/// outside them, which it does not for a bound given as a sub-query.
/// </summary>
public static class WeekRange
{
    /// <summary>The first Monday to the last Sunday of <paramref name="table"/>'s weeks, or null when it has none.</summary>
    public static (DateOnly From, DateOnly To)? Of(DuckDBConnection c, string table) =>
        c.Rows($"SELECT min(week_start), max(week_start) + 6 FROM {table}")
            .Select(r => r.IsDBNull(0) ? ((DateOnly, DateOnly)?)null : (DateOnly.FromDateTime(r.GetDateTime(0)), DateOnly.FromDateTime(r.GetDateTime(1))))
            .Single();

    public static string Literal(DateOnly d) => $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
}

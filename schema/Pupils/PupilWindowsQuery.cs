using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>Reads a <see cref="PupilViewer"/>'s windows: per pupil (to report what was served), or as the pupils visible in a period (to authorise).</summary>
public static class PupilWindowsQuery
{
    /// <summary>The windows of the pupils <paramref name="pupilIdsSql"/> selects, in one query whatever their number.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<DateWindow>> Of(DuckDBConnection c, PupilViewer viewer, string pupilIdsSql,
        IEnumerable<(string Name, object? Value)> parameters)
    {
        var windows = new Dictionary<int, List<DateWindow>>();
        foreach (var r in c.Rows(viewer.Sql($"""
            SELECT pupil_id, window_from, window_to FROM viewer_windows
            WHERE pupil_id IN ({pupilIdsSql}) ORDER BY pupil_id, window_from
            """), [.. viewer.Parameters, .. parameters]))
        {
            var id = r.GetInt32(0);
            if (!windows.TryGetValue(id, out var list)) windows[id] = list = [];
            list.Add(new DateWindow(r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2)));
        }
        return windows.ToDictionary(w => w.Key, w => (IReadOnlyList<DateWindow>)w.Value);
    }

    /// <summary>The UPNs of the pupils with a window touching <paramref name="from"/>–<paramref name="to"/> (by a single day is enough).</summary>
    public static IReadOnlySet<string> UpnsVisibleIn(DuckDBConnection c, PupilViewer viewer, DateOnly from, DateOnly to) =>
        c.Rows(viewer.Sql("""
                SELECT DISTINCT p.upn FROM viewer_windows vw JOIN pupils p ON p.pupil_id = vw.pupil_id
                WHERE vw.window_from <= $to AND vw.window_to >= $from
                """), [.. viewer.Parameters, ("from", from), ("to", to)])
            .Select(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
}

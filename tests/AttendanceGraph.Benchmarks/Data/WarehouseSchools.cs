using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Benchmarks.Data;

/// <summary>The schools of a loaded warehouse, and the one the per-school dashboard queries ask about.</summary>
public sealed record WarehouseSchools(IReadOnlyList<(int Urn, string Phase)> All, int ProbeUrn, string ProbePhase)
{
    /// <summary>The probe school is the one with the most enrolments: the heaviest per-school dashboard.</summary>
    public static WarehouseSchools Read(WarehousePaths paths)
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(paths) ?? throw new InvalidOperationException($"no snapshot in {paths.Root}");
        var all = new List<(int, string)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT urn, phase FROM schools ORDER BY urn";
            using var r = cmd.ExecuteReader();
            while (r.Read()) all.Add((r.GetInt32(0), r.GetString(1)));
        }
        using var probe = c.CreateCommand();
        probe.CommandText = "SELECT e.urn, s.phase FROM enrolments e JOIN schools s USING (urn) GROUP BY ALL ORDER BY count(*) DESC, e.urn LIMIT 1";
        using var p = probe.ExecuteReader();
        if (!p.Read()) throw new InvalidOperationException("the warehouse has no enrolments");
        return new WarehouseSchools(all, p.GetInt32(0), p.GetString(1));
    }
}

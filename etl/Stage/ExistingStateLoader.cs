using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>Reads what validation must know from the snapshot being built on (pupils, schools, enrolments).</summary>
public static class ExistingStateLoader
{
    public static ExistingWarehouseState Load(DuckDBConnection c)
    {
        var pupils = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in c.Rows("SELECT upn, pupil_id FROM pupils")) pupils[r.GetString(0)] = r.GetInt32(1);
        var schools = new HashSet<int>();
        foreach (var r in c.Rows("SELECT urn FROM schools")) schools.Add(r.GetInt32(0));
        var enrolments = new List<ExistingEnrolment>();
        foreach (var r in c.Rows("SELECT pupil_id, urn, entry_date, leaving_date FROM enrolments"))
            enrolments.Add(new ExistingEnrolment(r.GetInt32(0), r.GetInt32(1), r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
        return new ExistingWarehouseState(pupils, schools, enrolments);
    }
}

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
        var weekendSessions = new HashSet<int>();
        // `validate` reads the published snapshot as it is: one written before schema version 3 has no such column.
        var declared = c.Scalar<long>("""
            SELECT count(*) FROM information_schema.columns WHERE table_name = 'schools' AND column_name = 'weekend_sessions'
            """) > 0;
        if (declared)
            foreach (var r in c.Rows("SELECT urn FROM schools WHERE weekend_sessions")) weekendSessions.Add(r.GetInt32(0));
        var laCodes = new HashSet<int>();
        // A school learned from a DfE row has no LA code: it is another LA's, and says nothing about which LA is served.
        foreach (var r in c.Rows("SELECT DISTINCT la_code FROM schools WHERE la_code IS NOT NULL")) laCodes.Add(r.GetInt16(0));
        // `validate` may read a snapshot published before the LA's cohorts were kept.
        var laCohorts = new HashSet<string>(StringComparer.Ordinal);
        if (c.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'la_cohorts'") > 0)
            foreach (var r in c.Rows("SELECT cohort FROM la_cohorts")) laCohorts.Add(r.GetString(0));
        return new ExistingWarehouseState(pupils, schools, enrolments)
        {
            WeekendSessionSchools = weekendSessions, ServedLaCode = ServedLocalAuthority.Read(c), SchoolLaCodes = laCodes, LaCohortKeys = laCohorts,
            ServedLaUkprn = ServedLocalAuthority.ReadUkprn(c),
        };
    }
}

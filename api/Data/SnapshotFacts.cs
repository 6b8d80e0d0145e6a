using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// The small, slowly changing facts of one snapshot — its schools, the dates its marks cover, the published
/// benchmarks — read once per snapshot and shared by every request on it.
/// </summary>
public sealed record SnapshotFacts(
    string Snapshot,
    IReadOnlyList<SchoolInfo> Schools,
    DateOnly? FirstMark,
    DateOnly? LastMark,
    IReadOnlyList<NationalFigure> Benchmarks)
{
    private readonly Dictionary<int, SchoolInfo> byUrn = Schools.ToDictionary(s => s.Urn);

    public SchoolInfo? School(int urn) => byUrn.GetValueOrDefault(urn);

    /// <summary>The LA the warehouse serves: the one most of its schools belong to.</summary>
    public (int Code, string Name) LocalAuthority => Schools.Count == 0
        ? (0, "")
        : Schools.GroupBy(s => (s.LaCode, s.LaName)).OrderByDescending(g => g.Count()).First().Key;

    public AcademicYear LatestAcademicYear => LastMark is { } d ? AcademicYear.Containing(d) : AcademicYear.Containing(DateOnly.FromDateTime(DateTime.Today));

    public static SnapshotFacts Read(string snapshot, DuckDBConnection c)
    {
        var schools = c.Rows("""
            SELECT urn, laestab, la_code, la_name, name, establishment_type, phase, status, open_date, close_date
            FROM schools ORDER BY name
            """).Select(r => new SchoolInfo(r.GetInt32(0), r.GetInt32(1), r.GetInt16(2), r.GetString(3), r.GetString(4),
                r.GetString(5), r.GetString(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9))).ToList();
        DateOnly? first = null, last = null;
        foreach (var r in c.Rows("SELECT min(date), max(date) FROM marks"))
        {
            if (!r.IsDBNull(0)) first = r.GetFieldValue<DateOnly>(0);
            if (!r.IsDBNull(1)) last = r.GetFieldValue<DateOnly>(1);
        }
        var benchmarks = c.Rows("""
            SELECT time_period, geographic_level, old_la_code, la_name, education_phase, source, sess_overall_percent,
                   sess_authorised_percent, sess_unauthorised_percent, enrolments_pa_10_exact_percent, enrolments_pa_50_exact_percent
            FROM benchmarks ORDER BY time_period, geographic_level, education_phase
            """).Select(r => new NationalFigure(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10))).ToList();
        return new SnapshotFacts(snapshot, schools, first, last, benchmarks);
    }

    private static double? D(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}

using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>One pupil's record, each part one parameterised query: identity, enrolments, memberships, weekly attendance, marks.</summary>
public static class PupilRecordQuery
{
    public static PupilIdentity? Find(DuckDBConnection c, string upn) =>
        c.Rows("SELECT pupil_id, upn, date_of_birth, sex FROM pupils WHERE upn = $upn", ("upn", upn))
            .Select(r => new PupilIdentity(r.GetInt32(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetString(3))).FirstOrDefault();

    public static IReadOnlyList<PupilEnrolment> Enrolments(DuckDBConnection c, int pupilId) =>
        c.Rows("SELECT urn, entry_date, leaving_date, nc_year FROM enrolments WHERE pupil_id = $id ORDER BY entry_date, urn", ("id", pupilId))
            .Select(r => new PupilEnrolment(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.GetString(3)))
            .ToList();

    public static IReadOnlyList<PupilCohortMembership> Memberships(DuckDBConnection c, string upn) =>
        c.Rows("SELECT cohort, start_date, end_date FROM cohort_memberships WHERE upn = $upn ORDER BY start_date, cohort", ("upn", upn))
            .Select(r => new PupilCohortMembership(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2)))
            .ToList();

    /// <summary>Weekly attendance from agg_enrolment_week, the measures generated from <see cref="MeasureDefinitions"/>.</summary>
    public static IReadOnlyList<PupilWeek> Weeks(DuckDBConnection c, int pupilId, DateOnly from, DateOnly to)
    {
        var counts = MeasureDefinitions.SessionCounts;
        var sql = $"""
            SELECT urn, week_start, {string.Join(", ", counts.Select(s => SessionCountSql.Sum(s, "a")))}
            FROM agg_enrolment_week a
            WHERE pupil_id = $id AND week_start BETWEEN $from AND $to
            GROUP BY urn, week_start ORDER BY week_start, urn
            """;
        return c.Rows(sql, ("id", pupilId), ("from", Calendar.SchoolCalendar.MondayOf(from)), ("to", to)).Select(r =>
        {
            long V(int i) => r.IsDBNull(i) ? 0 : r.GetInt64(i);
            long possible = V(2), attendance = V(3), authorised = V(4), unauthorised = V(5), overall = V(6), late = V(7);
            return new PupilWeek(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), new MeasureValues(possible > 0 ? 1 : 0, possible, attendance,
                authorised, unauthorised, overall, late,
                MeasureDefinitions.PersistentAbsence.IsMet(overall, possible) ? 1 : 0, MeasureDefinitions.SevereAbsence.IsMet(overall, possible) ? 1 : 0));
        }).ToList();
    }

    public static IReadOnlyList<PupilMark> Marks(DuckDBConnection c, int pupilId, DateOnly from, DateOnly to) =>
        c.Rows("SELECT urn, date, session, code_id FROM marks WHERE pupil_id = $id AND date BETWEEN $from AND $to ORDER BY date, session, urn",
                ("id", pupilId), ("from", from), ("to", to))
            .Select(r => new PupilMark(pupilId, r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.GetByte(2), CodeCatalogue.Instance.ById(r.GetByte(3))))
            .ToList();
}

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The one definition of how marks become aggregate rows. The ETL materialises it into the aggregate tables;
/// measure queries over a date range that does not align with the aggregates evaluate the very same SELECT
/// over just the marks in range, so both paths agree by construction.
/// </summary>
public static class AggregateSql
{
    /// <summary>Enrolment × week-month fragment rows from marks m (optionally joined/filtered by <paramref name="markJoinsAndFilter"/>).</summary>
    public static string EnrolmentWeeks(string markJoinsAndFilter = "") => $"""
        SELECT {WarehouseSchema.AggregateSelectList()}
        FROM marks m JOIN pupils p ON p.pupil_id = m.pupil_id
        {markJoinsAndFilter}
        GROUP BY {WarehouseSchema.AggregateGroupBy()}
        """;

    /// <summary>
    /// Cohort × enrolment × fragment rows. A session counts once per reporting cohort even when two of its
    /// membership cohorts overlap that day (SEN support ending the day an EHC plan starts), hence DISTINCT over
    /// the mark's identity.
    /// </summary>
    public static string CohortEnrolmentWeeks(string markJoinsAndFilter = "") => $"""
        SELECT m.cohort, {WarehouseSchema.AggregateSelectList()}
        FROM (
          SELECT DISTINCT rc.cohort, m.urn, m.pupil_id, m.date, m.session, m.code_id, m.category
          FROM marks m
          JOIN pupils pu ON pu.pupil_id = m.pupil_id
          JOIN cohort_memberships cm ON cm.upn = pu.upn
           AND m.date >= cm.start_date AND (cm.end_date IS NULL OR m.date <= cm.end_date)
          JOIN reporting_cohorts rc ON rc.membership_cohort = cm.cohort
          {markJoinsAndFilter}
        ) m JOIN pupils p ON p.pupil_id = m.pupil_id
        GROUP BY m.cohort, {WarehouseSchema.AggregateGroupBy(leadingColumns: 1)}
        """;
}

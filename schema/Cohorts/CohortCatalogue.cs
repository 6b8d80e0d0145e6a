using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Cohorts;

/// <summary>
/// The cohorts a snapshot measures: the reference table <c>cohorts</c> and its membership cohorts
/// (<c>reporting_cohorts</c>), both rewritten by every load from the statutory list and the LA's declared cohorts.
/// A snapshot written before the table existed measures the statutory cohorts only.
/// </summary>
public static class CohortCatalogue
{
    public static IReadOnlyList<ReportingCohort> Read(DuckDBConnection c)
    {
        if (!c.Scalar<bool>("SELECT count(*) > 0 FROM information_schema.tables WHERE table_name = 'cohorts'")) return ReportingCohort.All;
        var members = c.Rows("SELECT cohort, membership_cohort FROM reporting_cohorts ORDER BY cohort, membership_cohort")
            .Select(r => (Cohort: r.GetString(0), Member: r.GetString(1))).ToList()
            .ToLookup(x => x.Cohort, x => x.Member);
        return c.Rows("SELECT cohort, name, description, statutory FROM cohorts ORDER BY position")
            .Select(r => (Key: r.GetString(0), Name: r.GetString(1), Description: r.GetString(2), Statutory: r.GetBoolean(3))).ToList()
            .Select(x => new ReportingCohort(x.Key, x.Name, members[x.Key].ToList()) { Description = x.Description, Statutory = x.Statutory })
            .ToList();
    }

    /// <summary>Rows of <c>reporting_cohorts</c> for a catalogue.</summary>
    public static IEnumerable<(string Cohort, string MembershipCohort)> MembershipRows(IEnumerable<ReportingCohort> cohorts) =>
        cohorts.SelectMany(c => c.MembershipCohorts.Select(m => (c.Key, m)));
}

using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// Which pupils a pupil-level query covers, as a SQL sub-query of pupil ids (so the whole scope is one query, never
/// one per pupil) and which of their marks count: a school's pupils (marks at that school only, as enrolments), or a
/// reporting cohort's pupils as a virtual school (marks at every school, or at the LA's schools only for a cohort whose
/// virtual school counts only those: <see cref="Cohorts.ReportingCohort.VirtualSchoolReach"/>).
/// </summary>
public abstract record PupilScope
{
    /// <summary>Pupils with a mark at the school in the period; only their marks at that school count.</summary>
    public sealed record School(int Urn) : PupilScope;

    /// <summary>
    /// Pupils in the reporting cohort at any time in the period; their marks at all schools count, or, for a cohort whose
    /// virtual school reaches only the LA's schools (<see cref="Cohorts.ReportingCohort.VirtualSchoolReach"/>: previously
    /// looked-after children), only pupils on roll at one of them while in the cohort, and only their marks and totals there.
    /// The reach is the cohort's, never the caller's choice, so no caller can widen it.
    /// </summary>
    public sealed record Cohort(string Key) : PupilScope
    {
        public bool AtLaSchoolsOnly => (Cohorts.ReportingCohort.Find(Key)
            ?? throw new InvalidOperationException($"'{Key}' is not a statutory cohort: a virtual school's reach is known only for those")).VirtualSchoolAtLaSchoolsOnly;
    }

    /// <summary>
    /// SQL selecting the pupil ids in scope; uses $scope_from and $scope_to (the period), the scope's own parameters and
    /// <see cref="PupilViewer"/>'s views (so a school's scope is the pupils with a mark it may see).
    /// </summary>
    /// <param name="intervals">Where a cohort's intervals are read from (<see cref="CohortIntervals.In"/>).</param>
    public string PupilIdsSql(string intervals) => this switch
    {
        School => "SELECT DISTINCT pupil_id FROM visible_marks WHERE urn = $scope_urn AND date BETWEEN $scope_from AND $scope_to",
        Cohort { AtLaSchoolsOnly: false } =>
            $"SELECT DISTINCT pupil_id FROM {intervals} ci WHERE ci.cohort = $scope_cohort AND ci.start_date <= $scope_to AND ci.end_date >= $scope_from",
        Cohort => $"""
            SELECT DISTINCT pupil_id FROM {intervals} ci
            WHERE ci.cohort = $scope_cohort AND ci.start_date <= $scope_to AND ci.end_date >= $scope_from
              AND EXISTS (SELECT 1 FROM enrolments e WHERE e.pupil_id = ci.pupil_id AND e.urn IN ({ServedLocalAuthority.SchoolsSql})
                AND e.entry_date <= least(ci.end_date, $scope_to)
                AND coalesce(e.leaving_date, {DateWindow.OpenEndSql}) >= greatest(ci.start_date, $scope_from))
            """,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>An extra filter on marks m: a school's scope counts only its marks there, a cohort at the LA's schools only the marks at those.</summary>
    public string MarkFilterSql => this switch
    {
        School => " AND m.urn = $scope_urn",
        Cohort { AtLaSchoolsOnly: true } => $" AND m.urn IN ({ServedLocalAuthority.SchoolsSql})",
        _ => "",
    };

    /// <summary>The same filter on session totals t (read for a cohort's pupils).</summary>
    public string TotalsFilterSql => this is Cohort { AtLaSchoolsOnly: true } ? $" AND t.urn IN ({ServedLocalAuthority.SchoolsSql})" : "";

    public IEnumerable<(string Name, object? Value)> Parameters(DateOnly from, DateOnly to)
    {
        yield return ("scope_from", from);
        yield return ("scope_to", to);
        switch (this)
        {
            case School s: yield return ("scope_urn", s.Urn); break;
            case Cohort c: yield return ("scope_cohort", c.Key); break;
        }
    }
}

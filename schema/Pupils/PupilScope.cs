using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// Which pupils a pupil-level query covers, as a SQL sub-query of pupil ids (so the whole scope is one query, never
/// one per pupil) and which of their marks count: a school's pupils (marks at that school only, as enrolments), or a
/// reporting cohort's pupils as a virtual school (marks at every school).
/// </summary>
public abstract record PupilScope
{
    /// <summary>Pupils with a mark at the school in the period; only their marks at that school count.</summary>
    public sealed record School(int Urn) : PupilScope;

    /// <summary>Pupils in the reporting cohort at any time in the period; their marks at all schools count.</summary>
    public sealed record Cohort(string Key) : PupilScope;

    /// <summary>
    /// SQL selecting the pupil ids in scope; uses $scope_from and $scope_to (the period), the scope's own parameters and
    /// <see cref="PupilViewer"/>'s views (so a school's scope is the pupils with a mark it may see).
    /// </summary>
    /// <param name="intervals">Where a cohort's intervals are read from (<see cref="CohortIntervals.In"/>).</param>
    public string PupilIdsSql(string intervals) => this switch
    {
        School => "SELECT DISTINCT pupil_id FROM visible_marks WHERE urn = $scope_urn AND date BETWEEN $scope_from AND $scope_to",
        Cohort => $"SELECT DISTINCT pupil_id FROM {intervals} ci WHERE ci.cohort = $scope_cohort AND ci.start_date <= $scope_to AND ci.end_date >= $scope_from",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>An extra filter on marks m: a school's scope counts only the marks at that school.</summary>
    public string MarkFilterSql => this is School ? " AND m.urn = $scope_urn" : "";

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

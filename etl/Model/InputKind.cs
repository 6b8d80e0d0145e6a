namespace AttendanceGraph.Etl.Model;

/// <summary>The kinds of input file, recognised from the header row (files keep their source systems' names).</summary>
public enum InputKind
{
    Schools,
    Enrolments,
    Marks,
    CohortMemberships,
    /// <summary>The LA's own cohorts (key, name, description); their memberships come in cohort membership files.</summary>
    CohortDefinitions,
    Benchmarks,
    /// <summary>
    /// DfE's in-year published figures (EES "Pupil attendance in schools"): national, regional and LA attendance by
    /// week, term and year to date, for comparing a week or a term with England's same week or term.
    /// </summary>
    InYearBenchmarks,
    /// <summary>DfE's pupil-level attendance download (VYED): session totals per pupil per school per span.</summary>
    SessionTotals,
}

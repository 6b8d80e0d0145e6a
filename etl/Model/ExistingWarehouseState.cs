namespace AttendanceGraph.Etl.Model;

/// <summary>
/// What validation needs to know about the warehouse a batch will be published into: marks may refer to
/// pupils, schools and enrolments loaded by earlier batches.
/// </summary>
public sealed record ExistingWarehouseState(
    IReadOnlyDictionary<string, int> PupilIdsByUpn,
    IReadOnlySet<int> SchoolUrns,
    IReadOnlyList<ExistingEnrolment> Enrolments)
{
    public static ExistingWarehouseState Empty { get; } =
        new(new Dictionary<string, int>(), new HashSet<int>(), []);

    /// <summary>Schools that declared weekend sessions (their Saturday and Sunday marks are accepted).</summary>
    public IReadOnlySet<int> WeekendSessionSchools { get; init; } = new HashSet<int>();

    /// <summary>The LA the warehouse serves, when recorded (<see cref="Schema.Warehouse.ServedLocalAuthority"/>).</summary>
    public int? ServedLaCode { get; init; }

    /// <summary>The UKPRN of the LA served, once a DfE row at one of its schools has given it (DfE names LAs by UKPRN).</summary>
    public string? ServedLaUkprn { get; init; }

    /// <summary>The LA codes of the schools already loaded: with none recorded, they tell which LA the warehouse serves.</summary>
    public IReadOnlySet<int> SchoolLaCodes { get; init; } = new HashSet<int>();

    /// <summary>The LA's cohorts declared by earlier loads: memberships may name them without declaring them again.</summary>
    public IReadOnlySet<string> LaCohortKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public int NextPupilId => PupilIdsByUpn.Count == 0 ? 1 : PupilIdsByUpn.Values.Max() + 1;
}

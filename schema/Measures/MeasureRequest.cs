using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Characteristics;

namespace AttendanceGraph.Schema.Measures;

/// <summary>What to measure: the period, whose sessions, which schools, and how to group the answer.</summary>
public sealed record MeasureRequest(Period Period)
{
    public Population Population { get; init; } = Population.AllPupils;
    /// <summary>
    /// Reporting cohort keys (see ReportingCohort) when Population is Cohort or RestOfPupils; the answer has a
    /// row per cohort, so a whole cohort breakdown is one query.
    /// </summary>
    public IReadOnlyList<string> Cohorts { get; init; } = [];
    /// <summary>Official statistics count compulsory school age only; true includes every age.</summary>
    public bool IncludeAllAges { get; init; }
    /// <summary>Official (default) or DfE's live method, which leaves short enrolments out of the enrolment counts.</summary>
    public Methodology Methodology { get; init; } = Methodology.Official;
    /// <summary>Whose enrolments an LA figure counts by residence and school (<see cref="Measures.LaPopulation"/>); the LA's schools by default.</summary>
    public LaPopulation LaPopulation { get; init; } = LaPopulation.LaSchools;
    public IReadOnlyList<int>? Urns { get; init; }
    public string? Phase { get; init; }
    public MeasureGrouping GroupBy { get; init; }
    public TimeGrain Grain { get; init; }
    public MeasureUnit Unit { get; init; }
    public bool IncludeCodes { get; init; }
    /// <summary>
    /// A reporting cohort key: count only sessions while the pupil was in this cohort too (a virtual school's cohort
    /// breakdown: e.g. looked-after children with an EHC plan). Evaluated over the marks, since the aggregates hold
    /// one cohort at a time.
    /// </summary>
    public string? WithinCohort { get; init; }
    /// <summary>
    /// A row per group of this characteristic (<see cref="CharacteristicCatalogue.Groups"/>): every unit is in exactly one
    /// group, Unknown included, so the groups sum to the cell they break down. Read from the enrolment aggregates joined
    /// to the pupils (never the rollup), in one query.
    /// </summary>
    public Characteristic? Breakdown { get; init; }
    /// <summary>Count only the units in one group of a characteristic: the same cell as that group's row of a breakdown.</summary>
    public CharacteristicFilter? Filter { get; init; }
    /// <summary>Also compute each row's <see cref="Measures.CellKeys"/> (for cell-key perturbation): one more join, to the pupils.</summary>
    public bool CellKeys { get; init; }

    /// <summary>Everything but the schools, as a value: requests with the same shape are batched into one query.</summary>
    public string ShapeKey =>
        $"{Period.Start:yyyyMMdd}-{Period.End:yyyyMMdd}|{Population}|{string.Join(',', Cohorts)}|{IncludeAllAges}|{Methodology}|{Phase}|{GroupBy}|{Grain}|{Unit}|{IncludeCodes}|{WithinCohort}|{CellKeys}|{Breakdown}|{Filter}|{LaPopulation}";

    /// <summary>
    /// Everything that decides the rows, schools included, as a value: two requests with the same key have the same answer
    /// on one snapshot. No schools (an empty list: no rows) and every school (null) are different answers.
    /// </summary>
    public string ResultKey => ShapeKey + "|" + (Urns is null ? "all schools" : "[" + string.Join(',', Urns.Order()) + "]");
}

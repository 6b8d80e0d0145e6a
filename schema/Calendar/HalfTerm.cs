namespace AttendanceGraph.Schema.Calendar;

/// <summary>
/// One of the six half terms. <see cref="Start"/>..<see cref="End"/> partition the academic year with
/// week-aligned boundaries (holidays belong to the half term before them), so every date and every
/// school week falls in exactly one half term even when a school's own term dates differ by a few days.
/// </summary>
public sealed record HalfTerm(
    AcademicYear Year,
    Term Term,
    int Half,
    DateOnly Start,
    DateOnly End,
    DateOnly FirstSchoolDay,
    DateOnly LastSchoolDay)
{
    /// <summary>1–6 through the year.</summary>
    public int Number => ((int)Term - 1) * 2 + Half;
    public string Label => $"{Year.Label} {Term} {Half}";
}

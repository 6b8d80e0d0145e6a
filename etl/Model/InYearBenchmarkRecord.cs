namespace AttendanceGraph.Etl.Model;

/// <summary>
/// One in-year published figure (EES "Pupil attendance in schools"): a week, a term or the year to date, for England,
/// a region or an LA and one phase. Percentages are null where the file had a GSS symbol (x, c, z, low…).
/// </summary>
/// <param name="Span">WEEK, TERM or YEAR_TO_DATE (<see cref="Schema.Benchmarks.InYearSpan"/>).</param>
/// <param name="TimePeriod">The academic year as EES writes it (202526).</param>
/// <param name="WeekCommencing">The Monday of the week (WEEK), or of the last week counted (YEAR_TO_DATE); null for a term.</param>
/// <param name="Term">AUTUMN, SPRING or SUMMER for a term; null otherwise.</param>
public sealed record InYearBenchmarkRecord(
    string Span,
    int TimePeriod,
    DateOnly? WeekCommencing,
    string? Term,
    string GeographicLevel,
    string? RegionCode,
    string? RegionName,
    string? OldLaCode,
    string? NewLaCode,
    string? LaName,
    string EducationPhase,
    double? AttendancePercent,
    double? OverallAbsencePercent,
    double? AuthorisedAbsencePercent,
    double? UnauthorisedAbsencePercent,
    double? PersistentAbsencePercent,
    string? Source);

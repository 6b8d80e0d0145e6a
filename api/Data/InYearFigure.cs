namespace AttendanceGraph.Api.Data;

/// <summary>
/// An in-year published figure (warehouse in_year_benchmarks): England's, a region's or an LA's attendance for a week,
/// a term or the year to date up to a week (<see cref="Schema.Benchmarks.InYearSpan"/>).
/// </summary>
public sealed record InYearFigure(
    string Span,
    int TimePeriod,
    DateOnly? WeekCommencing,
    string? Term,
    string GeographicLevel,
    string? RegionCode,
    string? RegionName,
    string? OldLaCode,
    string? LaName,
    string EducationPhase,
    double? OverallAbsenceRate,
    double? AuthorisedAbsenceRate,
    double? UnauthorisedAbsenceRate,
    double? PersistentAbsenceRate,
    string? Source);

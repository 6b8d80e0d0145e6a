namespace AttendanceGraph.Api.Data;

/// <summary>A published (EES) figure row: national, or another LA's.</summary>
public sealed record NationalFigure(
    int TimePeriod,
    string GeographicLevel,
    string? OldLaCode,
    string? LaName,
    string EducationPhase,
    string? Source,
    double? OverallAbsenceRate,
    double? AuthorisedAbsenceRate,
    double? UnauthorisedAbsenceRate,
    double? PersistentAbsenceRate,
    double? SevereAbsenceRate)
{
    public string AcademicYear => $"{TimePeriod / 100}/{TimePeriod % 100:00}";

    /// <summary>
    /// Which published figure this is, in words: "annual 2024/25 (daily)", or for an in-year figure "in-year, week
    /// commencing 2025-11-10" (<see cref="Benchmarks.NationalFigures"/> says more when it picked an earlier year's).
    /// </summary>
    public string Basis { get; init; } = $"annual {TimePeriod / 100}/{TimePeriod % 100:00}" + (Source is null ? "" : $" ({Source})");

    /// <summary>The region an in-year figure of an LA or a region belongs to (null for England and annual figures).</summary>
    public string? RegionName { get; init; }
}

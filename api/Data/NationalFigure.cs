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
}

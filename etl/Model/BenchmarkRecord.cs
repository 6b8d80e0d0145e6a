namespace AttendanceGraph.Etl.Model;

/// <summary>A published (EES) absence figure row; null where the file had a GSS symbol (x, c, z, low…).</summary>
public sealed record BenchmarkRecord(
    int TimePeriod,
    string GeographicLevel,
    string? OldLaCode,
    string? NewLaCode,
    string? LaName,
    string EducationPhase,
    string? Source,
    double? OverallPercent,
    double? AuthorisedPercent,
    double? UnauthorisedPercent,
    double? PersistentAbsencePercent,
    double? SevereAbsencePercent);

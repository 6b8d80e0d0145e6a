namespace AttendanceGraph.Api.Data;

/// <summary>A school as the warehouse's GIAS data describes it.</summary>
public sealed record SchoolInfo(
    int Urn,
    int Laestab,
    int LaCode,
    string LaName,
    string Name,
    string EstablishmentType,
    string Phase,
    string Status,
    DateOnly? OpenDate,
    DateOnly? CloseDate);

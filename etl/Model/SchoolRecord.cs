namespace AttendanceGraph.Etl.Model;

/// <summary>A school from the GIAS extract, with its DfE statistics phase already decided.</summary>
public sealed record SchoolRecord(
    int Urn,
    int LaCode,
    string LaName,
    int EstablishmentNumber,
    string Name,
    string EstablishmentType,
    string PhaseOfEducation,
    string Phase,
    string Status,
    DateOnly? OpenDate,
    DateOnly? CloseDate,
    int? StatutoryLowAge,
    int? StatutoryHighAge)
{
    public int Laestab => Schema.Identifiers.Laestab.From(LaCode, EstablishmentNumber);
}

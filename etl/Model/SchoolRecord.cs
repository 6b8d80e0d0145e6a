namespace AttendanceGraph.Etl.Model;

/// <summary>A school from the GIAS extract, with its DfE statistics phase already decided.</summary>
/// <param name="WeekendSessions">Whether it opens at weekends; null when the file did not say (a plain GIAS
/// extract), so a school already in the warehouse keeps what an earlier file declared.</param>
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
    int? StatutoryHighAge,
    bool? WeekendSessions = null)
{
    /// <summary>The file and line the school was read from (null for a school built in code), for errors about it.</summary>
    public RowSource? Source { get; init; }

    public int Laestab => Schema.Identifiers.Laestab.From(LaCode, EstablishmentNumber);
}

/// <summary>A row's place in its input file: line numbers are 1-based and count the header as line 1.</summary>
public sealed record RowSource(string File, long Line);

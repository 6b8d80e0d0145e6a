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

/// <summary>
/// Another LA's school as a DfE resident-pupil row describes it (GIAS not loaded for it): no LA code or LAESTAB, its LA by
/// UKPRN and name. Kept out of the LA's figures like any other LA's school; a schools file naming it later replaces it.
/// </summary>
public sealed record LearnedSchoolRecord(int Urn, string Name, string Phase, string LaUkprn, string LaName);

using AttendanceGraph.Api.Disclosure;

namespace AttendanceGraph.Api.Tables;

/// <summary>A flat row of scalar columns for BI tools.</summary>
public sealed record MeasureTableRow(
    int? Urn,
    string? Laestab,
    string? SchoolName,
    string? Phase,
    string PeriodLabel,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    string Cohort,
    DisclosedMeasures Values)
{
    /// <summary>The characteristic the row is broken down or filtered by, and its group; null when neither.</summary>
    public string? Characteristic { get; init; }
    public string? Group { get; init; }
}

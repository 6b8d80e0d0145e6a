namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// One group of a measure query's answer; keys are null when the query was not grouped by them. <paramref name="Keys"/> is
/// set when the request asked for cell keys.
/// </summary>
public sealed record MeasureRow(int? Urn, string? Phase, DateOnly? BucketStart, string? Cohort, MeasureValues Values, CellKeys? Keys = null)
{
    /// <summary>The characteristic group's code when the request asked for a <see cref="MeasureRequest.Breakdown"/>.</summary>
    public string? Group { get; init; }
}

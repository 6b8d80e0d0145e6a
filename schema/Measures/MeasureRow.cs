namespace AttendanceGraph.Schema.Measures;

/// <summary>One group of a measure query's answer; keys are null when the query was not grouped by them.</summary>
public sealed record MeasureRow(int? Urn, string? Phase, DateOnly? BucketStart, string? Cohort, MeasureValues Values);

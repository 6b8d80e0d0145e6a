namespace AttendanceGraph.Schema.Pupils;

/// <summary>An N (no reason yet) mark still unexplained more than the grace period after its session.</summary>
public sealed record OverdueUnexplainedAbsence(int Urn, DateOnly Date, byte Session, int SchoolDaysOpen);

namespace AttendanceGraph.Schema.Measures;

public enum MeasureGrouping
{
    None,
    School,
    Phase,
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>The DfE statistics phase a demo school reports under; absence levels differ sharply by phase.</summary>
public enum SchoolPhase
{
    Primary,
    Secondary,
    Special,
}

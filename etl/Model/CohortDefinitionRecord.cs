namespace AttendanceGraph.Etl.Model;

/// <summary>A cohort the LA declares (key in capitals, its name and description), from a cohort definitions file.</summary>
public sealed record CohortDefinitionRecord(string Cohort, string Name, string Description);

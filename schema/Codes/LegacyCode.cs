namespace AttendanceGraph.Schema.Codes;

/// <summary>A pre-2024 register code (2006 regulations) and the 2024 code it is loaded as.</summary>
public sealed record LegacyCode(string Code, string Meaning, AttendanceCode MapsTo, string Note);

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// The school phase used by DfE's absence statistics, decided from GIAS columns.
/// Why: DfE's "Pupil absence in schools in England" / "Pupil attendance in schools" publications report
/// state-funded primary, secondary and special schools. A special school is special by its establishment
/// type whatever GIAS's PhaseOfEducation says (many special schools are recorded as "Not applicable" or
/// "All-through"); middle schools follow the phase they are deemed to be; all-through schools are reported
/// under secondary. Everything else (nursery, 16 plus, PRUs/alternative provision with "Not applicable")
/// is outside these three phases and is "Other" here.
/// </summary>
public static class StatisticsPhase
{
    public const string Primary = "Primary";
    public const string Secondary = "Secondary";
    public const string Special = "Special";
    public const string Other = "Other";

    /// <summary>GIAS "TypeOfEstablishment (name)" values that are special schools.</summary>
    public static IReadOnlySet<string> SpecialEstablishmentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Community special school",
        "Foundation special school",
        "Academy special converter",
        "Academy special sponsor led",
        "Free schools special",
        "Non-maintained special school",
    };

    public static string From(string establishmentType, string phaseOfEducation)
    {
        if (SpecialEstablishmentTypes.Contains(establishmentType.Trim())) return Special;
        return phaseOfEducation.Trim().ToLowerInvariant() switch
        {
            "primary" or "middle deemed primary" => Primary,
            "secondary" or "middle deemed secondary" or "all-through" => Secondary,
            _ => Other,
        };
    }
}

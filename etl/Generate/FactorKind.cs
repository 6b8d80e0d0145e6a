namespace AttendanceGraph.Etl.Generate;

/// <summary>Which within-year shape an absence reason follows.</summary>
public enum FactorKind
{
    /// <summary>Evenly through the year (appointments, suspensions).</summary>
    Flat,
    /// <summary>Winter peak (December highest), Mondays, end of term.</summary>
    Illness,
    /// <summary>Mondays and Fridays, the days before half term, the last week of term.</summary>
    Disengagement,
    /// <summary>Term-time holidays: clustered just before and after the breaks.</summary>
    Holiday,
}

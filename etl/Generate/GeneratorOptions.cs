namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// What to generate. Defaults describe a Sutton-shaped authority (60 schools: 41 primary, 15 secondary, 4 special)
/// so a demo looks like a real London borough without any real pupil data.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Schools of the authority that have pupils; split 41:15:4 like Sutton.</summary>
    public int Schools { get; init; } = 60;

    /// <summary>Total pupils on roll; null = typical school sizes (compulsory-age roll primary ~226, secondary ~917, special ~130).</summary>
    public int? Pupils { get; init; }

    /// <summary>Academic years: the current one up to <see cref="AsOf"/> plus the full years before it.</summary>
    public int Years { get; init; } = 2;

    public int Seed { get; init; } = 42;

    /// <summary>The extract date: no marks, enrolments or leavings after it are known.</summary>
    public DateOnly AsOf { get; init; } = DateOnly.FromDateTime(DateTime.Today);

    public int LaCode { get; init; } = 319;
    public string LaName { get; init; } = "Sutton";

    /// <summary>Schools per phase, keeping Sutton's 41:15:4 shape for any total.</summary>
    public (int Primary, int Secondary, int Special) SchoolsByPhase()
    {
        if (Schools < 3) throw new ArgumentOutOfRangeException(nameof(Schools), "need at least one school per phase");
        var special = Math.Max(1, (int)Math.Round(Schools * 4 / 60.0, MidpointRounding.AwayFromZero));
        var primary = Math.Max(1, (int)Math.Round(Schools * 41 / 60.0, MidpointRounding.AwayFromZero));
        var secondary = Math.Max(1, Schools - primary - special);
        primary = Schools - secondary - special;
        return (primary, secondary, special);
    }
}

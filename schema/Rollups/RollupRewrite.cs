namespace AttendanceGraph.Schema.Rollups;

/// <summary>The buckets a load rewrote in the school rollup: those overlapping [From, To], or every bucket when either is null.</summary>
public sealed record RollupRewrite(DateOnly? From, DateOnly? To)
{
    public static RollupRewrite Every { get; } = new(null, null);

    public bool IsEvery => From is null || To is null;
}

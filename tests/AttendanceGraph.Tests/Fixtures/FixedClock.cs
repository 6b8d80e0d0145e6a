namespace AttendanceGraph.Tests.Fixtures;

/// <summary>A clock stopped at one instant, in UTC: "today" for the rules that depend on it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public FixedClock(DateOnly today) : this(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

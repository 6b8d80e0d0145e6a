namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// The per-user token bucket on the GraphQL endpoint (configuration section <c>RateLimit</c>). A user may send
/// <see cref="TokenLimit"/> requests at once, then <see cref="TokensPerPeriod"/> per <see cref="ReplenishmentPeriod"/>.
/// </summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>The burst: a dashboard opening fires its tiles' queries together.</summary>
    public int TokenLimit { get; set; } = 100;

    public int TokensPerPeriod { get; set; } = 20;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

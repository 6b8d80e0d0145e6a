using System.Security.Claims;
using System.Threading.RateLimiting;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// A token bucket per authenticated subject (per client IP for requests without a valid token), so one user's
/// flood of requests is refused with 429 and <c>Retry-After</c> instead of taking the cores from everyone else.
/// It runs after authentication, before the query is read: a refused request costs no parsing.
/// </summary>
public static class GraphQLRateLimit
{
    public const string ErrorCode = "RATE_LIMITED";

    /// <summary>The per-user limiter for requests to the GraphQL endpoints (<see cref="GraphQLRequestLimits"/> chains it first).</summary>
    public static PartitionedRateLimiter<HttpContext> PerUser(IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimit").Get<RateLimitSettings>() ?? new RateLimitSettings();
        return PartitionedRateLimiter.Create<HttpContext, string>(context => settings.Enabled && GraphQLRequestLimits.Applies(context)
            ? RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.TokenLimit,
                TokensPerPeriod = settings.TokensPerPeriod,
                ReplenishmentPeriod = settings.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("unlimited"));
    }

    private static string PartitionOf(HttpContext context)
    {
        var user = context.User;
        var subject = user.Identity?.IsAuthenticated == true
            ? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            : null;
        return subject is not null ? "user:" + subject : "ip:" + context.Connection.RemoteIpAddress;
    }
}

using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// A token bucket per authenticated subject (per client IP for requests without a valid token), so one user's
/// flood of requests is refused with 429 and <c>Retry-After</c> instead of taking the cores from everyone else.
/// It runs after authentication, before the query is read: a refused request costs no parsing.
/// </summary>
public static class GraphQLRateLimit
{
    public const string Policy = "graphql-per-user";
    public const string ErrorCode = "RATE_LIMITED";

    public static IServiceCollection AddGraphQLRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimit").Get<RateLimitSettings>() ?? new RateLimitSettings();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context => settings.Enabled
                ? RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.TokenLimit,
                    TokensPerPeriod = settings.TokensPerPeriod,
                    ReplenishmentPeriod = settings.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("off"));
            options.OnRejected = (rejected, cancellationToken) => WriteRejectionAsync(rejected.HttpContext, rejected.Lease, cancellationToken);
        });
    }

    /// <summary>Applies the per-user limit to the GraphQL endpoint group (with <c>app.UseRateLimiter()</c> after authentication).</summary>
    public static RouteGroupBuilder RequireGraphQLRateLimit(this RouteGroupBuilder group) => group.RequireRateLimiting(Policy);

    private static string PartitionOf(HttpContext context)
    {
        var user = context.User;
        var subject = user.Identity?.IsAuthenticated == true
            ? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            : null;
        return subject is not null ? "user:" + subject : "ip:" + context.Connection.RemoteIpAddress;
    }

    private static async ValueTask WriteRejectionAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            errors = new[]
            {
                new { message = $"Too many requests from this user; retry after {seconds} s.", extensions = new { code = ErrorCode } },
            },
        };
        await JsonSerializer.SerializeAsync(response.Body, body, cancellationToken: cancellationToken);
    }
}

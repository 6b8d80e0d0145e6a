using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// The two limits every GraphQL request passes, chained in one limiter because an endpoint takes a single rate-limiting
/// policy: first the user's own token bucket (a flood is refused at once, 429), then admission to the warehouse
/// (queued in order; 503 only when the queue is full), so one user's flood never occupies the admission queue.
/// </summary>
public static class GraphQLRequestLimits
{
    /// <summary>Marks the endpoints the limits apply to (health probes and anything else are never queued).</summary>
    private sealed class Limited;

    public static IServiceCollection AddGraphQLRequestLimits(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                GraphQLRateLimit.PerUser(configuration), WarehouseAdmission.Limiter(configuration));
            options.OnRejected = (rejected, cancellationToken) => WriteRejectionAsync(rejected.HttpContext, rejected.Lease, cancellationToken);
        });

    /// <summary>Applies both limits to the GraphQL endpoint group (with <c>app.UseRateLimiter()</c> after authentication).</summary>
    public static RouteGroupBuilder RequireGraphQLRequestLimits(this RouteGroupBuilder group) => group.WithMetadata(new Limited());

    internal static bool Applies(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<Limited>() is not null;

    // The token bucket's refusal carries Retry-After; the admission queue's does not (it is full, not rationed).
    private static async ValueTask WriteRejectionAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var response = context.Response;
        string message, code;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            (message, code) = ($"Too many requests from this user; retry after {seconds} s.", GraphQLRateLimit.ErrorCode);
        }
        else
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = "1";
            (message, code) = ("The warehouse is answering as many requests as it can queue; retry shortly.", WarehouseAdmission.ErrorCode);
        }
        response.ContentType = "application/json; charset=utf-8";
        var body = new { errors = new[] { new { message, extensions = new { code } } } };
        await JsonSerializer.SerializeAsync(response.Body, body, cancellationToken: cancellationToken);
    }
}

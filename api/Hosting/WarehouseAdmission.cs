using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// Admission control for GraphQL requests: at most <c>Warehouse:MaxConcurrentRequests</c> (default: the cores) run
/// at once; the rest wait, without holding a thread, in arrival order. Each request runs its warehouse queries one at
/// a time and a DuckDB query already uses every core, so more at once only thrash: measured on the 25,000-pupil LA
/// with 16 clients (see the benchmark README's soak section). 0 turns it off.
/// </summary>
public static class WarehouseAdmission
{
    private const string Policy = "warehouse-admission";

    /// <summary>Requests waiting beyond this many are refused with 503 rather than queued without end.</summary>
    private const int QueueLimit = 512;

    public static IServiceCollection AddWarehouseAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        var limit = Limit(configuration);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            if (limit > 0)
                o.AddConcurrencyLimiter(Policy, c =>
                {
                    c.PermitLimit = limit;
                    c.QueueLimit = QueueLimit;
                    c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
                });
        });
        return services;
    }

    public static RouteGroupBuilder RequireWarehouseAdmission(this RouteGroupBuilder group, IConfiguration configuration) =>
        Limit(configuration) > 0 ? group.RequireRateLimiting(Policy) : group;

    private static int Limit(IConfiguration configuration) => configuration.GetValue("Warehouse:MaxConcurrentRequests", Environment.ProcessorCount);
}

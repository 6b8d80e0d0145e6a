using System.Threading.RateLimiting;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// Admission control for GraphQL requests: at most <c>Warehouse:MaxConcurrentRequests</c> (default: the cores) run
/// at once; the rest wait, without holding a thread, in arrival order. Each request runs its warehouse queries one at
/// a time and a DuckDB query already uses every core, so more at once only thrash: measured on the 25,000-pupil LA
/// with 16 clients (see the benchmark README's soak section). 0 turns it off.
/// </summary>
public static class WarehouseAdmission
{
    public const string ErrorCode = "SERVER_BUSY";

    /// <summary>Requests waiting beyond this many are refused with 503 rather than queued without end.</summary>
    private const int QueueLimit = 512;

    /// <summary>One concurrency limiter shared by every GraphQL request (<see cref="GraphQLRequestLimits"/> chains it after the per-user one).</summary>
    public static PartitionedRateLimiter<HttpContext> Limiter(IConfiguration configuration)
    {
        var limit = configuration.GetValue("Warehouse:MaxConcurrentRequests", Environment.ProcessorCount);
        return PartitionedRateLimiter.Create<HttpContext, string>(context => limit > 0 && GraphQLRequestLimits.Applies(context)
            ? RateLimitPartition.GetConcurrencyLimiter("warehouse", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limit,
                QueueLimit = QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter("unlimited"));
    }
}

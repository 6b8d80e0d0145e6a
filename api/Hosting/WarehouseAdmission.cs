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

    /// <summary>How many GraphQL requests run at once (0: admission control is off).</summary>
    public static int ConcurrentRequests(IConfiguration configuration) =>
        configuration.GetValue("Warehouse:MaxConcurrentRequests", Environment.ProcessorCount);

    /// <summary>
    /// DuckDB's worker threads per served snapshot: <c>Warehouse:Threads</c>, else the cores shared among the requests
    /// admitted at once (at least one each), so admitted requests × threads never exceeds the cores. DuckDB's own default
    /// (every core for every query) with two admitted requests ran four worker threads on two cores, and a parallel plan
    /// costs CPU a serial one does not (partitioned hash tables built per thread, then combined): the soak's measurement
    /// is in the benchmark README. With admission off (0) DuckDB keeps its default.
    /// </summary>
    public static int? DuckDbThreads(IConfiguration configuration)
    {
        if (configuration.GetValue<int?>("Warehouse:Threads") is { } set) return set;
        var requests = ConcurrentRequests(configuration);
        return requests > 0 ? Math.Max(1, Environment.ProcessorCount / requests) : null;
    }

    /// <summary>One concurrency limiter shared by every GraphQL request (<see cref="GraphQLRequestLimits"/> chains it after the per-user one).</summary>
    public static PartitionedRateLimiter<HttpContext> Limiter(IConfiguration configuration)
    {
        var limit = ConcurrentRequests(configuration);
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

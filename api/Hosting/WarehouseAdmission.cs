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
    /// DuckDB's worker threads per served snapshot: <c>Warehouse:Threads</c> — a number, or <c>shared</c> for the cores
    /// shared among the requests admitted at once (at least one each) — else DuckDB's own default, every core for every
    /// query. Shared costs less CPU per query when every admitted slot is busy (a parallel plan builds partitioned hash
    /// tables per thread, then combines them: 14–20 % less CPU per day range in the soak), but a lone query runs on one
    /// core instead of all (the cold section on 2 cores, one client: the LA's weekly trend over day ranges p50 346 → 593 ms,
    /// p95 1.26 → 2.39 s), so the default stays DuckDB's; the measurements are in the benchmark README.
    /// </summary>
    public static int? DuckDbThreads(IConfiguration configuration)
    {
        var set = configuration["Warehouse:Threads"];
        if (string.IsNullOrWhiteSpace(set)) return null;
        if (set.Trim().Equals("shared", StringComparison.OrdinalIgnoreCase))
        {
            var requests = ConcurrentRequests(configuration);
            return requests > 0 ? Math.Max(1, Environment.ProcessorCount / requests) : null;
        }
        return int.TryParse(set, out var threads) && threads > 0
            ? threads
            : throw new InvalidOperationException($"Warehouse:Threads is '{set}': give a number of threads or 'shared'");
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

using AttendanceGraph.Api.Data;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// The served snapshot's DuckDB threads: DuckDB's default (every core) unless Warehouse:Threads names a number, or
/// <c>shared</c>: the cores shared among the requests admission lets run at once, so a query never competes with the other
/// admitted requests for a core it does not have.
/// </summary>
public sealed class DuckDbThreadsTests
{
    public static TheoryData<string?, string?, long> Settings => new()
    {
        // DuckDB's own default: every core for every query.
        { null, null, Environment.ProcessorCount },
        { null, "3", 3 },
        // Shared: admission's default is the cores, so each admitted request gets one of them.
        { null, "shared", 1 },
        { "1", "shared", Environment.ProcessorCount },
        // Shared with admission off: DuckDB's own default, the cores.
        { "0", "shared", Environment.ProcessorCount },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void TheServedSnapshot_RunsDuckDbsDefault_ANumberOfThreads_OrTheCoresSharedAmongAdmittedRequests(string? maxConcurrentRequests, string? threads, long expected)
    {
        using var dir = new TempDirectory();
        var paths = new WarehousePaths(dir.Sub("warehouse"));
        new BatchLoader(paths).Load([HandCheckedAuthority.Write(dir.Sub("input"))], new LoadOptions(LaCode: 319));
        var settings = new Dictionary<string, string?>();
        if (maxConcurrentRequests is not null) settings["Warehouse:MaxConcurrentRequests"] = maxConcurrentRequests;
        if (threads is not null) settings["Warehouse:Threads"] = threads;
        using var api = new ApiFactory(paths.Root, settings: settings);

        using var lease = api.Services.GetRequiredService<WarehouseReader>().Acquire();

        Assert.Equal(expected, lease.Use(c => c.Scalar<long>("SELECT current_setting('threads')")));
    }
}

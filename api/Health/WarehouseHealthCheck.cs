using AttendanceGraph.Api.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AttendanceGraph.Api.Health;

/// <summary>
/// Ready when a snapshot is open and it is the one CURRENT names. Degraded when CURRENT is damaged and the last good
/// snapshot is still served (requests succeed, but new batches are not seen); unhealthy when no snapshot is open.
/// The description names files and the damage only: health is served without authentication.
/// </summary>
public sealed class WarehouseHealthCheck(WarehouseReader reader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        reader.Refresh(); // judge the pointer as it is now, not as the last request saw it
        var serving = reader.CurrentSnapshotName;
        var problem = reader.PointerProblem;
        var result = (serving, problem) switch
        {
            (null, null) => HealthCheckResult.Unhealthy($"the warehouse in {reader.Paths.Root} is empty: load a batch with the ETL"),
            (null, _) => HealthCheckResult.Unhealthy($"no snapshot is open: {problem}"),
            (_, null) => HealthCheckResult.Healthy($"serving {serving}, the snapshot CURRENT names"),
            _ => HealthCheckResult.Degraded($"serving {serving}, the last good snapshot: {problem}; repair with the ETL's recover command"),
        };
        return Task.FromResult(result);
    }
}

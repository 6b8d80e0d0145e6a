using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AttendanceGraph.Api.Health;

/// <summary>The SQLite store behind contacts, TSMs and the pupil access audit answers a query (none of its rows leave).</summary>
public sealed class OperationalStoreHealthCheck(WarehousePaths paths) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = OperationalDb.Open(paths.OperationalStore);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy("the operational store answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception is left out of the result: its message could quote SQL, and health is unauthenticated.
            return HealthCheckResult.Unhealthy($"the operational store {Path.GetFileName(paths.OperationalStore)} does not answer ({e.GetType().Name})");
        }
    }
}

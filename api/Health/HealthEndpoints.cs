using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AttendanceGraph.Api.Health;

/// <summary>
/// /health/live (the process answers; no checks, so a damaged warehouse never gets the API restarted in a loop) and
/// /health/ready (the warehouse and the operational store). No authentication, and no pupil data in either answer.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddAttendanceGraphHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<WarehouseHealthCheck>("warehouse", tags: [Ready])
            .AddCheck<OperationalStoreHealthCheck>("operationalStore", tags: [Ready]);
        return services;
    }

    public static void MapAttendanceGraphHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson })
            .AllowAnonymous();
    }

    // Degraded keeps the default 200: the API still answers every request from the last good snapshot.
    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}

using AttendanceGraph.Api.Http;
using OpenTelemetry.Metrics;

namespace AttendanceGraph.Api.Telemetry;

/// <summary>
/// OpenTelemetry metrics in one call (as eShop's ServiceDefaults does): the API's own meter, ASP.NET Core's request
/// and rate-limiting meters, and the .NET runtime's, exported for Prometheus at /metrics.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddAttendanceGraphTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<AttendanceGraphMetrics>();
        services.AddOptions<GraphQLEndpointOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var metrics = sp.GetRequiredService<AttendanceGraphMetrics>();
            o.OnCompleted = (_, summary) => metrics.Completed(summary);
        });
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(AttendanceGraphMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.RateLimiting", "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>/metrics without authentication, like /health: it holds no pupil data; keep it to the monitoring network.</summary>
    public static void MapAttendanceGraphMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
}

using System.Diagnostics;
using AttendanceGraph.Api.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AttendanceGraph.Api.Telemetry;

/// <summary>
/// OpenTelemetry in one call (as eShop's ServiceDefaults does). Metrics: the API's own meter, ASP.NET Core's request and
/// rate-limiting meters, and the .NET runtime's, exported for Prometheus at /metrics. Traces: off unless
/// <c>Telemetry:Traces:Exporter</c> is <c>otlp</c>; then ASP.NET Core's server spans and the API's own
/// (<see cref="AttendanceGraphTracing"/>) are sent over OTLP to the collector the standard OTEL_* settings name.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddAttendanceGraphTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AttendanceGraphMetrics>();
        services.AddOptions<GraphQLEndpointOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var metrics = sp.GetRequiredService<AttendanceGraphMetrics>();
            o.OnCompleted = (_, summary) =>
            {
                var operation = metrics.Completed(summary);
                // The request's server span, when traced: which GraphQL operation it was, by the same bounded name.
                Activity.Current?.SetTag("graphql.operation.name", operation).SetTag("attendancegraph.format", summary.Format);
            };
        });
        var telemetry = services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(AttendanceGraphMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.RateLimiting", "System.Runtime")
            .AddPrometheusExporter());
        // Only when asked for by name: hosts that set OTEL_EXPORTER_OTLP_ENDPOINT for their own reasons must not start
        // sending an LA's request traces anywhere. The endpoint and protocol are then the standard OTEL_* settings.
        if (string.Equals(configuration["Telemetry:Traces:Exporter"], "otlp", StringComparison.OrdinalIgnoreCase))
            telemetry.WithTracing(t => ConfigureTracing(t).AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// What is traced, whatever the exporter. The query string is dropped from every server span: it carries GraphQL
    /// variables (a UPN, a URN list) and API keys (Power BI's ApiKeyName). Health and metrics scrapes are not traced.
    /// </summary>
    public static TracerProviderBuilder ConfigureTracing(TracerProviderBuilder tracing) => tracing
        .AddSource(AttendanceGraphTracing.SourceName)
        .AddAspNetCoreInstrumentation(o =>
        {
            o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
            o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
            o.EnrichWithHttpResponse = (activity, _) => activity.SetTag("url.query", null);
        });

    /// <summary>/metrics without authentication, like /health: it holds no pupil data; keep it to the monitoring network.</summary>
    public static void MapAttendanceGraphMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
}

using System.Diagnostics;

namespace AttendanceGraph.Api.Telemetry;

/// <summary>
/// The API's own spans (activity source "AttendanceGraph"): a measure (from the result cache or the warehouse) and each
/// warehouse query, under ASP.NET Core's server span of the request. Their tags are shapes, never values: a period
/// kind, a grain, a grouping, a snapshot name, never a URN list, a UPN or a variable. With no listener (tracing off,
/// the default) StartActivity returns null and costs nothing.
/// </summary>
public static class AttendanceGraphTracing
{
    public const string SourceName = "AttendanceGraph";

    public static readonly ActivitySource Source = new(SourceName);
}

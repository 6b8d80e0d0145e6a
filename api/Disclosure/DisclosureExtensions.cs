using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Disclosure;

public static class DisclosureExtensions
{
    /// <summary>The request's one source of aggregates (<see cref="ProtectedAggregates"/>).</summary>
    public static ProtectedAggregates Protected(this IResolveFieldContext c) =>
        c.RequestServices!.GetRequiredService<ProtectedAggregates>();
}

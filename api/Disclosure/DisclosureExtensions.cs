using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Disclosure;

public static class DisclosureExtensions
{
    public static bool UnderDisclosureControl(this IResolveFieldContext c) => c.Access().DisclosureControl;

    public static DisclosedAggregates Disclosed(this IResolveFieldContext c) =>
        c.RequestServices!.GetRequiredService<DisclosedAggregates>();

    /// <summary>The values as this request may see them, without a group (primary suppression only).</summary>
    public static DisclosedMeasures Publish(this IResolveFieldContext c, MeasureValues v) =>
        c.UnderDisclosureControl() ? DisclosureRules.Cell(v) : DisclosedMeasures.Open(v);
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Measures;
using GraphQL;

namespace AttendanceGraph.Api.Trends;

/// <summary>The LA, one phase, or one school: the optional phase/urn arguments of the root trend fields.</summary>
public static class TrendScope
{
    public static MeasureRequest Apply(IResolveFieldContext context, MeasureRequest request)
    {
        var phase = context.GetArgument<string?>("phase");
        var urn = context.GetArgument<int?>("urn");
        if (urn is not null && context.Data().Facts.School(urn.Value) is null)
            throw new ExecutionError($"no school with URN {urn}") { Code = "NOT_FOUND" };
        return request with { Phase = phase, Urns = urn is null ? null : [urn.Value] };
    }
}

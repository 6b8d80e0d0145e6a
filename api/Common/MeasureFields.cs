using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>
/// Adds one field per <see cref="MeasureCatalogue"/> measure, each resolved from the figures as published, so the
/// Measures type and the flat BI row cannot list different measures or protect them differently.
/// </summary>
public static class MeasureFields
{
    public static void AddTo<TSource>(ObjectGraphType<TSource> type, Func<IResolveFieldContext<TSource>, DisclosedMeasures> published)
    {
        foreach (var measure in MeasureCatalogue.All)
        {
            switch (measure)
            {
                case CountMeasure count when IsRegisterLevel(count):
                    type.Field<LongGraphType>(count.Name).Description(count.Description + RegisterLevelNote)
                        .Resolve(c => published(c) is var d && d.Values.RegisterDetailUnavailable is null ? d.Count(count.Field) : null);
                    break;
                case CountMeasure count:
                    type.Field<LongGraphType>(count.Name).Description(count.Description).Resolve(c => published(c).Count(count.Field));
                    break;
                case RateMeasure rate when IsRegisterLevel(rate.Numerator):
                    type.Field<FloatGraphType>(rate.Name).Description(rate.Description + RegisterLevelNote)
                        .Resolve(c => published(c) is var d && d.Values.RegisterDetailUnavailable is null ? d.Rate(rate) : null);
                    break;
                case RateMeasure rate:
                    type.Field<FloatGraphType>(rate.Name).Description(rate.Description).Resolve(c => published(c).Rate(rate));
                    break;
            }
        }
        type.Field<StringGraphType>("registerDetailUnavailable")
            .Description("Null when every session counted came from registers. Otherwise why late sessions and counts by code are null " +
                         "(or listed as none): some sessions were loaded as weekly totals from DfE's pupil-level file, which has no register codes.")
            .Resolve(c => published(c).Values.RegisterDetailUnavailable);
    }

    private const string RegisterLevelNote = " Null where sessions were loaded as weekly totals (see registerDetailUnavailable).";

    /// <summary>Counts of register codes (late is L and U): unknown for sessions loaded as totals.</summary>
    private static bool IsRegisterLevel(CountMeasure count) => count.Field == MeasureField.LateSessions;
}

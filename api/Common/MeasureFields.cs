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
                case CountMeasure count:
                    type.Field<LongGraphType>(count.Name).Description(count.Description + Note(count))
                        .Resolve(c => published(c).Count(count.Field));
                    break;
                case RateMeasure rate:
                    type.Field<FloatGraphType>(rate.Name).Description(rate.Description + Note(rate.Numerator))
                        .Resolve(c => published(c).Rate(rate));
                    break;
            }
        }
        type.Field<StringGraphType>("registerDetailUnavailable")
            .Description("Null when every session counted came from registers. Otherwise why late sessions and counts by code are null " +
                         "(or listed as none): some sessions were loaded as weekly totals from DfE's pupil-level file, which has no register codes.")
            .Resolve(c => published(c).Values.RegisterDetailUnavailable);
    }

    /// <summary>What a register-level measure's description adds (the null itself is <see cref="DisclosedMeasures.Unknown"/>'s).</summary>
    private static string Note(CountMeasure count) => (count.Field & DisclosedMeasures.RegisterLevel) != 0
        ? " Null where sessions were loaded as weekly totals (see registerDetailUnavailable)."
        : "";
}

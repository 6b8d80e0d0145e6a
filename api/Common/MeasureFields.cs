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
                    type.Field<LongGraphType>(count.Name).Description(count.Description).Resolve(c => published(c).Count(count.Field));
                    break;
                case RateMeasure rate:
                    type.Field<FloatGraphType>(rate.Name).Description(rate.Description).Resolve(c => published(c).Rate(rate));
                    break;
            }
        }
    }
}

using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Periods;

public static class PeriodQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AvailablePeriodsType>>("periods")
            .Description("The academic years, terms, half terms and months the data covers.")
            .Resolve(c => AvailablePeriods.From(c.Data().Facts.FirstMark, c.Data().Facts.LastMarkUpTo(c.Data().Today)));
    }
}

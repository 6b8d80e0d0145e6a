using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilWeekType : ObjectGraphType<PupilWeek>
{
    public PupilWeekType()
    {
        Name = "PupilWeek";
        Description = "One week of one enrolment, counting the marks on its servedWindows only, or a week known only as DfE weekly totals " +
                      "(measures.registerDetailUnavailable says so).";
        Field(w => w.Urn);
        Field(w => w.WeekStart).Description("Monday of the week.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateWindowType>>>>("servedWindows")
            .Description("The days of the week inside both the period asked for and the pupil's visibleWindows (e.g. Monday to Wednesday when a membership ends on the Wednesday).")
            .Resolve(c => c.Source.Served);
        Field<NonNullGraphType<MeasuresType>>("measures").Resolve(c => c.Source.Measures);
    }
}

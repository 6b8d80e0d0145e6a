using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilWeekType : ObjectGraphType<PupilWeek>
{
    public PupilWeekType()
    {
        Name = "PupilWeek";
        Description = "One week of one enrolment.";
        Field(w => w.Urn);
        Field(w => w.WeekStart).Description("Monday of the week.");
        Field<NonNullGraphType<MeasuresType>>("measures").Resolve(c => c.Source.Measures);
    }
}

using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class OverdueUnexplainedAbsenceType : ObjectGraphType<OverdueUnexplainedAbsence>
{
    public OverdueUnexplainedAbsenceType()
    {
        Name = "OverdueUnexplainedAbsence";
        Description = "A session still coded N (no reason yet provided) more than 2 school days after it, as of the as-of date.";
        Field(o => o.Urn).Description("The school that recorded it.");
        Field(o => o.Date);
        Field<NonNullGraphType<StringGraphType>>("session").Resolve(c => c.Source.Session == 0 ? "AM" : "PM");
        Field(o => o.SchoolDaysOpen).Description("School days after the session up to the as-of date.");
    }
}

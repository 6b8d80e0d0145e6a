using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class WeekdayProfileType : ObjectGraphType<WeekdayProfile>
{
    public WeekdayProfileType()
    {
        Name = "WeekdayProfile";
        Description = "Absence sessions (authorised or unauthorised) in the period on each weekday.";
        Field(w => w.Monday);
        Field(w => w.Tuesday);
        Field(w => w.Wednesday);
        Field(w => w.Thursday);
        Field(w => w.Friday);
        Field(w => w.MondayFlag).Description("At least 2 absence sessions on Mondays and more than on any of Tuesday to Thursday.");
        Field(w => w.FridayFlag).Description("At least 2 absence sessions on Fridays and more than on any of Tuesday to Thursday.");
    }
}

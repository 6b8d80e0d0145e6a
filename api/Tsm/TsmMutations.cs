using AttendanceGraph.Api.Security;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public static class TsmMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<TargetingSupportMeetingType>("recordTargetingSupportMeeting")
            .Description("Records a Targeting Support Meeting and the action agreed for each pupil discussed (la-lead; a school for its own " +
                         "URN and its own pupils). The school's TSM pack then shows each pupil's last agreed action.")
            .Argument<NonNullGraphType<TargetingSupportMeetingInputType>>("input")
            .RequiresRole(Roles.LaLead, Roles.School)
            .RequiresPupilAccess()
            .Resolve(c => TargetingSupportMeetingRecorder.Record(c, c.GetArgument<TargetingSupportMeetingInput>("input")));
    }
}

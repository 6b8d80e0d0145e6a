using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public sealed class LastAgreedActionType : ObjectGraphType<AgreedActionFollowUp>
{
    public LastAgreedActionType()
    {
        Name = "LastAgreedAction";
        Description = "The last action agreed for the pupil at this school's Targeting Support Meetings (held on or before the period end), " +
                      "and attendance at this school since the meeting against the same number of days before it.";
        Field<NonNullGraphType<DateOnlyGraphType>>("meetingDate").Resolve(c => c.Source.MeetingDate);
        Field<NonNullGraphType<StringGraphType>>("agreedAction").Resolve(c => c.Source.Action.AgreedAction);
        Field<NonNullGraphType<SupportLevelEnum>>("supportLevel").Resolve(c => c.Source.Action.SupportLevel);
        Field<NonNullGraphType<StringGraphType>>("leadPractitioner").Resolve(c => c.Source.Action.LeadPractitioner);
        Field<NonNullGraphType<DateOnlyGraphType>>("beforeMeetingFrom")
            .Description("First day of the comparison window before the meeting (it ends the day before the meeting).")
            .Resolve(c => c.Source.BeforeFrom);
        Field<NonNullGraphType<DateOnlyGraphType>>("sinceMeetingTo").Description("The period end (or asOf): last day counted since the meeting.")
            .Resolve(c => c.Source.SinceTo);
        Field<FloatGraphType>("attendanceRateBeforeMeeting").Resolve(c => c.Source.AttendanceRateBefore);
        Field<FloatGraphType>("attendanceRateSinceMeeting").Description("From the meeting date to the period end.")
            .Resolve(c => c.Source.AttendanceRateSince);
        Field<FloatGraphType>("attendanceRateChangeSinceMeeting").Description("Since minus before, percentage points.")
            .Resolve(c => c.Source.AttendanceRateChange);
    }
}

using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public sealed class TargetingSupportMeetingInputType : InputObjectGraphType<TargetingSupportMeetingInput>
{
    public TargetingSupportMeetingInputType()
    {
        Name = "TargetingSupportMeetingInput";
        Description = "A Targeting Support Meeting held with a school and the actions agreed for its pupils.";
        Field<NonNullGraphType<IntGraphType>>("urn").Description("The school's URN.");
        Field<NonNullGraphType<DateOnlyGraphType>>("date").Description("The day the meeting was held (not in the future).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("attendees");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TsmPupilActionInputType>>>>("actions");
    }
}

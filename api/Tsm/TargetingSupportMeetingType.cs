using AttendanceGraph.Schema.Operational;
using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public sealed class TargetingSupportMeetingType : ObjectGraphType<TargetingSupportMeeting>
{
    public TargetingSupportMeetingType()
    {
        Name = "TargetingSupportMeeting";
        Description = "A Targeting Support Meeting held with a school, as recorded.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(m => m.Urn);
        Field<NonNullGraphType<DateOnlyGraphType>>("date").Resolve(c => c.Source.Date);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("attendees")
            .Resolve(c => c.Source.Attendees.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Field(m => m.RecordedBy).Description("The subject of the token that recorded the meeting.");
        Field<NonNullGraphType<DateTimeGraphType>>("recordedAt").Resolve(c => DateTime.SpecifyKind(c.Source.RecordedAt, DateTimeKind.Utc));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TsmPupilActionType>>>>("actions").Resolve(c => c.Source.Actions);
    }
}

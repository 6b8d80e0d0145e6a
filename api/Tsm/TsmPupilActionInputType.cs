using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public sealed class TsmPupilActionInputType : InputObjectGraphType<TsmPupilActionInput>
{
    public TsmPupilActionInputType()
    {
        Name = "TsmPupilActionInput";
        Description = "The action agreed for one pupil: the pupil must be on the school's roll on the meeting date.";
        Field<NonNullGraphType<StringGraphType>>("upn").Description("Unique pupil number.");
        Field<NonNullGraphType<StringGraphType>>("agreedAction");
        Field<NonNullGraphType<StringGraphType>>("leadPractitioner");
        Field<NonNullGraphType<SupportLevelEnum>>("supportLevel");
    }
}

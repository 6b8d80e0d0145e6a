using AttendanceGraph.Schema.Operational;
using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public sealed class TsmPupilActionType : ObjectGraphType<TsmPupilAction>
{
    public TsmPupilActionType()
    {
        Name = "TsmPupilAction";
        Description = "The action agreed for one pupil at a Targeting Support Meeting.";
        Field(a => a.Upn).Description("Unique pupil number.");
        Field(a => a.AgreedAction);
        Field(a => a.LeadPractitioner);
        Field<NonNullGraphType<SupportLevelEnum>>("supportLevel").Resolve(c => c.Source.SupportLevel);
    }
}

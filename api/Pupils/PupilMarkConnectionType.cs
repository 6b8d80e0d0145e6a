using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilMarkConnectionType : NodesConnectionType<PupilMarkType, PupilMark>
{
    public PupilMarkConnectionType()
    {
        Name = "PupilMarkConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateWindowType>>>>("servedWindows")
            .Description("The parts of from–to inside the pupil's visibleWindows: the only days whose marks are listed.")
            .Resolve(c => ((PupilMarksPage)c.Source!).Served);
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilEnrolmentType : ObjectGraphType<PupilEnrolment>
{
    public PupilEnrolmentType()
    {
        Name = "PupilEnrolment";
        Field(e => e.Urn);
        Field<SchoolType>("school").Resolve(c => c.Data().Facts.School(c.Source.Urn));
        Field(e => e.EntryDate);
        Field(e => e.LeavingDate, nullable: true);
        Field(e => e.NcYear).Description("National curriculum year, e.g. \"R\", \"3\", \"12\".");
    }
}

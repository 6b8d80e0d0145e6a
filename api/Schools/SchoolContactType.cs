using GraphQL.Types;

namespace AttendanceGraph.Api.Schools;

public sealed class SchoolContactType : ObjectGraphType<SchoolContact>
{
    public SchoolContactType()
    {
        Name = "SchoolContact";
        Description = "The school's named point of contact in the Attendance Support Team.";
        Field(c => c.Name, nullable: true);
        Field(c => c.Email, nullable: true);
        Field(c => c.LightTouch).Description("Whether the team treats the school as light touch.");
    }
}

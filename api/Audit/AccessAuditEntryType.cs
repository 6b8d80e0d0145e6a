using AttendanceGraph.Schema.Operational;
using GraphQL.Types;

namespace AttendanceGraph.Api.Audit;

public sealed class AccessAuditEntryType : ObjectGraphType<PupilAccessAuditEntry>
{
    public AccessAuditEntryType()
    {
        Name = "AccessAuditEntry";
        Description = "One pupil-level read: who, with which role, when, which operation, which pupils (UPNs).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => DateTime.SpecifyKind(c.Source.At, DateTimeKind.Utc));
        Field(a => a.Subject);
        Field(a => a.Role);
        Field(a => a.Operation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("upns")
            .Resolve(c => c.Source.Upns.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

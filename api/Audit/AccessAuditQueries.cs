using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Audit;

public static class AccessAuditQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AccessAuditConnectionType>>("accessAudit")
            .Description("The pupil-level access audit, newest first (la-lead only). Cursors are entries: a walk from the first page lists each " +
                         "entry once, however many pupil reads are audited meanwhile.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .RequiresRole(Roles.LaLead)
            .Resolve(c =>
            {
                var paths = c.RequestServices!.GetRequiredService<WarehousePaths>();
                using var db = OperationalDb.Open(paths.OperationalStore);
                return AuditPaging.Page(db.PupilAccessAudit, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), 50, 500);
            });
    }
}

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
            .Description("The pupil-level access audit, newest first (la-lead only).")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .RequiresRole(Roles.LaLead)
            .Resolve(c =>
            {
                var paths = c.RequestServices!.GetRequiredService<WarehousePaths>();
                using var db = OperationalDb.Open(paths.OperationalStore);
                return Paging.Page(db.PupilAccessAudit.OrderByDescending(a => a.Id), c.GetArgument<int?>("first"),
                    c.GetArgument<string?>("after"), 50, 500);
            });
    }
}

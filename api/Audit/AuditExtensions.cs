using AttendanceGraph.Api.Security;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Audit;

public static class AuditExtensions
{
    /// <summary>Records that this field returned these pupils (operation = the operation's name and the field's path).</summary>
    public static void RecordPupilAccess(this IResolveFieldContext c, IEnumerable<string> upns) =>
        c.RequestServices!.GetRequiredService<IPupilAccessAudit>().Record(c.Access().User,
            $"{c.Operation.Name?.StringValue ?? "anonymous"}:{string.Join('.', c.Path)}", upns);
}

using AttendanceGraph.Api.Security;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Audit;

public static class AuditExtensions
{
    /// <summary>Records that this field returned these pupils (operation = the operation's name and the field's path).</summary>
    public static void RecordPupilAccess(this IResolveFieldContext c, IEnumerable<string> upns) =>
        c.RequestServices!.GetRequiredService<IPupilAccessAudit>().Record(c.Access().User, OperationOf(c), upns);

    /// <summary>The audit's operation: the operation's name (or "anonymous") and the field's path, e.g. "pack:tsmPack".</summary>
    public static string OperationOf(IResolveFieldContext c) =>
        $"{c.Operation.Name?.StringValue ?? "anonymous"}:{string.Join('.', c.Path)}";
}

using AttendanceGraph.Api.Security;

namespace AttendanceGraph.Api.Audit;

/// <summary>
/// The access audit every pupil-level field must call with the UPNs it returns (nothing pupil-level goes to the
/// application log; this store is the only record).
/// </summary>
public interface IPupilAccessAudit
{
    void Record(AttendanceUser user, string operation, IEnumerable<string> upns);
}

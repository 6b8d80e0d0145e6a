using AttendanceGraph.Schema.Pupils;
using GraphQL;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// Role checks and audit of pupil-level reads. <see cref="PupilAccess"/> calls the registered implementation
/// (<c>Security.PupilAccessGuard</c> in the application) around every pupil-level read.
/// </summary>
public interface IPupilReadGuard
{
    /// <summary>
    /// Called before the read; throw (e.g. an ExecutionError with a code) to refuse it. Returns the viewer the read's
    /// queries are written over, which limits them to the dates and schools the caller may see.
    /// </summary>
    PupilViewer Authorize(IResolveFieldContext context, PupilRead read);

    /// <summary>Called after the read with the UPNs of the pupils whose data is returned.</summary>
    void Audit(IResolveFieldContext context, PupilRead read, IReadOnlyCollection<string> upns);
}

using GraphQL;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// The hook for role checks and audit of pupil-level reads. Register an implementation in DI and
/// <see cref="PupilAccess"/> calls it around every pupil-level read; with none registered reads are unguarded.
/// </summary>
public interface IPupilReadGuard
{
    /// <summary>Called before the read; throw (e.g. an ExecutionError with a code) to refuse it.</summary>
    void Authorize(IResolveFieldContext context, PupilRead read);

    /// <summary>Called after the read with the warehouse ids of the pupils whose data is returned.</summary>
    void Audit(IResolveFieldContext context, PupilRead read, IReadOnlyCollection<int> pupilIds);
}

using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// One pupil, found by UPN, with the windows the caller may see them in; the parts of the record are read on demand,
/// each through <see cref="PupilAccess"/>, and hold only what lies inside those windows.
/// </summary>
public sealed record PupilRecord(PupilIdentity Identity, IReadOnlyList<DateWindow> Windows);

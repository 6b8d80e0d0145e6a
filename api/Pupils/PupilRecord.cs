using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Pupils;

/// <summary>One pupil, found by UPN; the parts of the record are read on demand, each through <see cref="PupilAccess"/>.</summary>
public sealed record PupilRecord(PupilIdentity Identity);

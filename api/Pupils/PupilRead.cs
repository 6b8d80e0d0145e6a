namespace AttendanceGraph.Api.Pupils;

/// <summary>What kind of pupil-level data a read discloses.</summary>
public enum PupilReadKind
{
    TsmPack,
    VirtualSchoolPupils,
    PupilIdentity,
    PupilEnrolments,
    PupilCohortMemberships,
    PupilWeeklyAttendance,
    PupilMarks,
}

/// <summary>
/// A pupil-level read about to happen: its kind and its scope (a school, a virtual-school cohort, or one pupil).
/// Holds identifiers for authorisation and audit only; never write it to application logs.
/// </summary>
public sealed record PupilRead(PupilReadKind Kind, int? Urn = null, string? Cohort = null, string? Upn = null);

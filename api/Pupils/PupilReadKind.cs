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

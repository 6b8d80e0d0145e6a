namespace AttendanceGraph.Api.Pupils;

/// <summary>What kind of pupil-level data a read discloses.</summary>
public enum PupilReadKind
{
    TsmPack,
    /// <summary>A school's pupils newly persistently or severely absent since the previous load: the TSM pack's rules.</summary>
    NewlyAbsent,
    VirtualSchoolPupils,
    PupilIdentity,
    PupilEnrolments,
    PupilCohortMemberships,
    PupilWeeklyAttendance,
    PupilMarks,
}

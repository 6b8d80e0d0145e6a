namespace AttendanceGraph.Schema.Operational;

/// <summary>
/// The level of support agreed for a pupil at a Targeting Support Meeting ("Working together to improve school
/// attendance", 2024): universal, targeted, specialist, or a statutory intervention.
/// </summary>
public enum SupportLevel
{
    Universal,
    Targeted,
    Specialist,
    StatutoryAttendanceContract,
    StatutoryEducationSupervisionOrder,
    StatutoryPenaltyNotice,
    StatutoryProsecution,
}

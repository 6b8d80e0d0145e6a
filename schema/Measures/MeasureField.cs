namespace AttendanceGraph.Schema.Measures;

/// <summary>The additive counts of a <c>MeasureValues</c>; rates are suppressed with their numerator or denominator.</summary>
[Flags]
public enum MeasureField
{
    None = 0,
    Enrolments = 1,
    PossibleSessions = 2,
    AttendanceSessions = 4,
    AuthorisedAbsenceSessions = 8,
    UnauthorisedAbsenceSessions = 16,
    OverallAbsenceSessions = 32,
    LateSessions = 64,
    PersistentAbsenceEnrolments = 128,
    SevereAbsenceEnrolments = 256,
    CodeSessions = 512,
    All = 1023,
}

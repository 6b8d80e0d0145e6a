using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Common;

/// <summary>A measure as a value of <see cref="MeasureValues"/>, and whether a higher value is worse (for ranking).</summary>
public sealed record MeasureSelector(string Name, string Description, Func<MeasureValues, double?> Value, bool HigherIsWorse)
{
    public static readonly IReadOnlyList<MeasureSelector> All =
    [
        new("ATTENDANCE_RATE", "Attendance as % of possible sessions.", v => v.AttendanceRate, false),
        new("OVERALL_ABSENCE_RATE", "Authorised and unauthorised absence as % of possible sessions.", v => v.OverallAbsenceRate, true),
        new("AUTHORISED_ABSENCE_RATE", "Authorised absence as % of possible sessions.", v => v.AuthorisedAbsenceRate, true),
        new("UNAUTHORISED_ABSENCE_RATE", "Unauthorised absence as % of possible sessions.", v => v.UnauthorisedAbsenceRate, true),
        new("PERSISTENT_ABSENCE_RATE", "% of enrolments missing at least 10% of possible sessions.", v => v.PersistentAbsenceRate, true),
        new("SEVERE_ABSENCE_RATE", "% of enrolments missing at least 50% of possible sessions.", v => v.SevereAbsenceRate, true),
        new("LATE_RATE", "Late sessions (L and U) as % of possible sessions.", v => v.LateRate, true),
        new("POSSIBLE_SESSIONS", "Possible sessions.", v => v.PossibleSessions, false),
        new("ATTENDANCE_SESSIONS", "Sessions attended.", v => v.AttendanceSessions, false),
        new("OVERALL_ABSENCE_SESSIONS", "Sessions of absence.", v => v.OverallAbsenceSessions, true),
        new("AUTHORISED_ABSENCE_SESSIONS", "Sessions of authorised absence.", v => v.AuthorisedAbsenceSessions, true),
        new("UNAUTHORISED_ABSENCE_SESSIONS", "Sessions of unauthorised absence.", v => v.UnauthorisedAbsenceSessions, true),
        new("ENROLMENTS", "Enrolments with at least one possible session.", v => v.Enrolments, false),
        new("PERSISTENT_ABSENCE_ENROLMENTS", "Persistently absent enrolments.", v => v.PersistentAbsenceEnrolments, true),
        new("SEVERE_ABSENCE_ENROLMENTS", "Severely absent enrolments.", v => v.SevereAbsenceEnrolments, true),
        new("LATE_SESSIONS", "Late sessions (L and U).", v => v.LateSessions, true),
    ];

    /// <summary>The measures a benchmark ranks a school on.</summary>
    public static readonly IReadOnlyList<MeasureSelector> Headline =
        All.Where(m => m.Name is "ATTENDANCE_RATE" or "OVERALL_ABSENCE_RATE" or "AUTHORISED_ABSENCE_RATE"
            or "UNAUTHORISED_ABSENCE_RATE" or "PERSISTENT_ABSENCE_RATE" or "SEVERE_ABSENCE_RATE").ToList();

    public static MeasureSelector Named(string name) => All.First(m => m.Name == name);
}

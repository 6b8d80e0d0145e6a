using AttendanceGraph.Schema.Codes;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// The DfE measures (methodology "Pupil absence in schools in England"), defined once. Possible sessions =
/// present + approved educational activity + authorised + unauthorised absence; rates share that denominator;
/// persistent absence ≥10% and severe absence ≥50% of possible sessions are enrolment-level.
/// </summary>
public static class MeasureDefinitions
{
    private static readonly CodeCatalogue Catalogue = CodeCatalogue.Instance;

    public static SessionCount Categories(string name, string description, params AttendanceCategory[] categories) =>
        new(name, description, Catalogue.InCategory(categories).ToList()) { WholeCategories = categories };

    public static readonly SessionCount Possible = Categories("possibleSessions",
        "Sessions the pupil could have attended: present, approved educational activity, authorised or unauthorised absence.",
        AttendanceCategory.Present, AttendanceCategory.ApprovedEducationalActivity,
        AttendanceCategory.AuthorisedAbsence, AttendanceCategory.UnauthorisedAbsence);

    public static readonly SessionCount Attendance = Categories("attendanceSessions",
        "Sessions attended: present (/, \\, L) or approved educational activity (K, V, P, W, B).",
        AttendanceCategory.Present, AttendanceCategory.ApprovedEducationalActivity);

    public static readonly SessionCount Authorised = Categories("authorisedAbsenceSessions",
        "Sessions of authorised absence.", AttendanceCategory.AuthorisedAbsence);

    public static readonly SessionCount Unauthorised = Categories("unauthorisedAbsenceSessions",
        "Sessions of unauthorised absence (G, N, O, U).", AttendanceCategory.UnauthorisedAbsence);

    public static readonly SessionCount OverallAbsence = Categories("overallAbsenceSessions",
        "Sessions of authorised or unauthorised absence.",
        AttendanceCategory.AuthorisedAbsence, AttendanceCategory.UnauthorisedAbsence);

    public static readonly SessionCount Late = new("lateSessions",
        "Late sessions: L (late before the register closed, counted present) and U (late after it closed, unauthorised absence).",
        [Catalogue["L"], Catalogue["U"]]);

    public static readonly EnrolmentThreshold PersistentAbsence = new("persistentAbsence",
        "Enrolments whose overall absence is at least 10% of their possible sessions.", OverallAbsence, Possible, 10);

    public static readonly EnrolmentThreshold SevereAbsence = new("severeAbsence",
        "Enrolments whose overall absence is at least 50% of their possible sessions.", OverallAbsence, Possible, 50);

    /// <summary>
    /// DfE's live persistent-absence measure leaves out enrolments with this many possible sessions or fewer (VYED's
    /// in-year figures); the official statistics do not. The domain file says so of the PA measure and nothing of the
    /// session rates, so only the enrolment counts (enrolments, PA, SA) and their rates follow it.
    /// </summary>
    public const int LiveMaximumExcludedPossibleSessions = 10;

    /// <summary>Session counts that every measure query returns, in a fixed order.</summary>
    public static IReadOnlyList<SessionCount> SessionCounts { get; } =
        [Possible, Attendance, Authorised, Unauthorised, OverallAbsence, Late];

    public static IReadOnlyList<EnrolmentThreshold> Thresholds { get; } = [PersistentAbsence, SevereAbsence];

    /// <summary>Per-code counts, for the breakdown by code.</summary>
    public static SessionCount ForCode(AttendanceCode code) =>
        new(code.Column, $"Sessions recorded with code {code.Code} ({code.Meaning}).", [code]);
}

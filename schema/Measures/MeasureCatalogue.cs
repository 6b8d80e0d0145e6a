namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// The nine counts and seven rates every measures object, flat BI row and Measure enum value is derived from, each
/// defined once (descriptions from <see cref="MeasureDefinitions"/>); <see cref="All"/> is the published field order.
/// </summary>
public static class MeasureCatalogue
{
    public static readonly CountMeasure Enrolments = new("enrolments",
        "Enrolments with at least one possible session (pupils, for pupil-based views); under the LIVE methodology, more than 10: the persistent and severe absence denominator.", false, MeasureField.Enrolments, v => v.Enrolments);

    public static readonly CountMeasure PossibleSessions = Sessions(MeasureDefinitions.Possible, false, MeasureField.PossibleSessions, v => v.PossibleSessions);
    public static readonly CountMeasure AttendanceSessions = Sessions(MeasureDefinitions.Attendance, false, MeasureField.AttendanceSessions, v => v.AttendanceSessions);
    public static readonly CountMeasure AuthorisedAbsenceSessions = Sessions(MeasureDefinitions.Authorised, true, MeasureField.AuthorisedAbsenceSessions, v => v.AuthorisedAbsenceSessions);
    public static readonly CountMeasure UnauthorisedAbsenceSessions = Sessions(MeasureDefinitions.Unauthorised, true, MeasureField.UnauthorisedAbsenceSessions, v => v.UnauthorisedAbsenceSessions);
    public static readonly CountMeasure OverallAbsenceSessions = Sessions(MeasureDefinitions.OverallAbsence, true, MeasureField.OverallAbsenceSessions, v => v.OverallAbsenceSessions);
    public static readonly CountMeasure LateSessions = Sessions(MeasureDefinitions.Late, true, MeasureField.LateSessions, v => v.LateSessions);

    public static readonly CountMeasure PersistentAbsenceEnrolments = Enrolled("persistentAbsenceEnrolments", MeasureDefinitions.PersistentAbsence,
        MeasureField.PersistentAbsenceEnrolments, v => v.PersistentAbsenceEnrolments);

    public static readonly CountMeasure SevereAbsenceEnrolments = Enrolled("severeAbsenceEnrolments", MeasureDefinitions.SevereAbsence,
        MeasureField.SevereAbsenceEnrolments, v => v.SevereAbsenceEnrolments);

    public static readonly RateMeasure AttendanceRate = new("attendanceRate",
        "Attendance as % of possible sessions.", false, AttendanceSessions, PossibleSessions);

    public static readonly RateMeasure AuthorisedAbsenceRate = new("authorisedAbsenceRate",
        "Authorised absence as % of possible sessions.", true, AuthorisedAbsenceSessions, PossibleSessions);

    public static readonly RateMeasure UnauthorisedAbsenceRate = new("unauthorisedAbsenceRate",
        "Unauthorised absence as % of possible sessions.", true, UnauthorisedAbsenceSessions, PossibleSessions);

    public static readonly RateMeasure OverallAbsenceRate = new("overallAbsenceRate",
        "Authorised and unauthorised absence as % of possible sessions.", true, OverallAbsenceSessions, PossibleSessions);

    public static readonly RateMeasure PersistentAbsenceRate = new("persistentAbsenceRate",
        "% of enrolments missing at least 10% of possible sessions.", true, PersistentAbsenceEnrolments, Enrolments);

    public static readonly RateMeasure SevereAbsenceRate = new("severeAbsenceRate",
        "% of enrolments missing at least 50% of possible sessions.", true, SevereAbsenceEnrolments, Enrolments);

    public static readonly RateMeasure LateRate = new("lateRate",
        "Late sessions (L and U) as % of possible sessions.", true, LateSessions, PossibleSessions);

    /// <summary>Every measure in published order: each count followed by the rate it is the numerator of.</summary>
    public static IReadOnlyList<Measure> All { get; } =
    [
        Enrolments, PossibleSessions,
        AttendanceSessions, AttendanceRate,
        AuthorisedAbsenceSessions, AuthorisedAbsenceRate,
        UnauthorisedAbsenceSessions, UnauthorisedAbsenceRate,
        OverallAbsenceSessions, OverallAbsenceRate,
        PersistentAbsenceEnrolments, PersistentAbsenceRate,
        SevereAbsenceEnrolments, SevereAbsenceRate,
        LateSessions, LateRate,
    ];

    public static IReadOnlyList<CountMeasure> Counts { get; } = All.OfType<CountMeasure>().ToList();

    public static IReadOnlyList<RateMeasure> Rates { get; } = All.OfType<RateMeasure>().ToList();

    /// <summary>The measures a school benchmark ranks a school on.</summary>
    public static IReadOnlyList<RateMeasure> Headline { get; } =
        [AttendanceRate, OverallAbsenceRate, AuthorisedAbsenceRate, UnauthorisedAbsenceRate, PersistentAbsenceRate, SevereAbsenceRate];

    public static CountMeasure CountOf(MeasureField field) =>
        Counts.SingleOrDefault(c => c.Field == field) ?? throw new ArgumentOutOfRangeException(nameof(field), field, "not a single count");

    /// <summary>The count whose SQL column holds <paramref name="sessions"/>.</summary>
    public static CountMeasure Holding(SessionCount sessions) => Counts.Single(c => c.Sessions == sessions);

    private static CountMeasure Sessions(SessionCount count, bool higherIsWorse, MeasureField field, Func<MeasureValues, long> of) =>
        new(count.Name, count.Description, higherIsWorse, field, of) { Sessions = count };

    private static CountMeasure Enrolled(string name, EnrolmentThreshold threshold, MeasureField field, Func<MeasureValues, long> of) =>
        new(name, threshold.Description, true, field, of) { Threshold = threshold };
}

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// The DfE measures for one population and period. Rates are percentages of possible sessions (of enrolments
/// for PA and SA), null when there is no denominator.
/// </summary>
public sealed record MeasureValues(
    long Enrolments,
    long PossibleSessions,
    long AttendanceSessions,
    long AuthorisedAbsenceSessions,
    long UnauthorisedAbsenceSessions,
    long OverallAbsenceSessions,
    long LateSessions,
    long PersistentAbsenceEnrolments,
    long SevereAbsenceEnrolments,
    IReadOnlyDictionary<string, long>? CodeSessions = null)
{
    public static MeasureValues Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double? AttendanceRate => Percent(AttendanceSessions, PossibleSessions);
    public double? AuthorisedAbsenceRate => Percent(AuthorisedAbsenceSessions, PossibleSessions);
    public double? UnauthorisedAbsenceRate => Percent(UnauthorisedAbsenceSessions, PossibleSessions);
    public double? OverallAbsenceRate => Percent(OverallAbsenceSessions, PossibleSessions);
    public double? LateRate => Percent(LateSessions, PossibleSessions);
    public double? PersistentAbsenceRate => Percent(PersistentAbsenceEnrolments, Enrolments);
    public double? SevereAbsenceRate => Percent(SevereAbsenceEnrolments, Enrolments);

    public double? CodeRate(string code) =>
        CodeSessions is not null && CodeSessions.TryGetValue(code, out var n) ? Percent(n, PossibleSessions) : null;

    public static double? Percent(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round(100.0 * numerator / denominator, 4);
}

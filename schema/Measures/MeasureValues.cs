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

    /// <summary>The values of a cell from each count's stored figure (a measure statement's columns, a rollup row's).</summary>
    public static MeasureValues FromCounts(Func<CountMeasure, long> count) => FromCounts(count, static (count, m) => count(m));

    /// <summary>As <see cref="FromCounts(Func{CountMeasure, long})"/>, without a closure per cell (a publish ranks hundreds of thousands).</summary>
    public static MeasureValues FromCounts<TState>(TState state, Func<TState, CountMeasure, long> count) => new(
        count(state, MeasureCatalogue.Enrolments), count(state, MeasureCatalogue.PossibleSessions), count(state, MeasureCatalogue.AttendanceSessions),
        count(state, MeasureCatalogue.AuthorisedAbsenceSessions), count(state, MeasureCatalogue.UnauthorisedAbsenceSessions),
        count(state, MeasureCatalogue.OverallAbsenceSessions), count(state, MeasureCatalogue.LateSessions),
        count(state, MeasureCatalogue.PersistentAbsenceEnrolments), count(state, MeasureCatalogue.SevereAbsenceEnrolments));

    /// <summary>
    /// Why register-level figures (late sessions, counts by code) are unknown here, or null when every session
    /// counted came from registers: weeks loaded as DfE session totals have no codes (<see cref="SessionTotalsCoverage"/>).
    /// </summary>
    public string? RegisterDetailUnavailable { get; init; }

    public double? AttendanceRate => MeasureCatalogue.AttendanceRate.Of(this);
    public double? AuthorisedAbsenceRate => MeasureCatalogue.AuthorisedAbsenceRate.Of(this);
    public double? UnauthorisedAbsenceRate => MeasureCatalogue.UnauthorisedAbsenceRate.Of(this);
    public double? OverallAbsenceRate => MeasureCatalogue.OverallAbsenceRate.Of(this);
    public double? LateRate => MeasureCatalogue.LateRate.Of(this);
    public double? PersistentAbsenceRate => MeasureCatalogue.PersistentAbsenceRate.Of(this);
    public double? SevereAbsenceRate => MeasureCatalogue.SevereAbsenceRate.Of(this);

    public double? CodeRate(string code) =>
        CodeSessions is not null && CodeSessions.TryGetValue(code, out var n) ? Percent(n, PossibleSessions) : null;

    /// <summary>
    /// The measures of the union of disjoint sets of enrolments (e.g. a phase's schools): every stored figure is a
    /// count of sessions or of enrolments, so they add up exactly. Not for pupil-based values, where a pupil at two
    /// schools is one unit.
    /// </summary>
    public static MeasureValues SumOfEnrolments(IEnumerable<MeasureValues> parts)
    {
        var sum = Empty;
        Dictionary<string, long>? codes = null;
        string? unavailable = null;
        foreach (var v in parts)
        {
            unavailable ??= v.RegisterDetailUnavailable;
            sum = new MeasureValues(sum.Enrolments + v.Enrolments, sum.PossibleSessions + v.PossibleSessions,
                sum.AttendanceSessions + v.AttendanceSessions, sum.AuthorisedAbsenceSessions + v.AuthorisedAbsenceSessions,
                sum.UnauthorisedAbsenceSessions + v.UnauthorisedAbsenceSessions, sum.OverallAbsenceSessions + v.OverallAbsenceSessions,
                sum.LateSessions + v.LateSessions, sum.PersistentAbsenceEnrolments + v.PersistentAbsenceEnrolments,
                sum.SevereAbsenceEnrolments + v.SevereAbsenceEnrolments);
            if (v.CodeSessions is null) continue;
            codes ??= new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (code, n) in v.CodeSessions) codes[code] = codes.GetValueOrDefault(code) + n;
        }
        return sum with { CodeSessions = codes, RegisterDetailUnavailable = unavailable };
    }

    public static double? Percent(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round(100.0 * numerator / denominator, 4);
}

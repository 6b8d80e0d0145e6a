using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>Measures as published: the values, and which counts (and so which rates) are withheld.</summary>
public sealed record DisclosedMeasures(MeasureValues Values, MeasureField Suppressed)
{
    public static DisclosedMeasures Open(MeasureValues values) => new(values, MeasureField.None);

    public bool IsSuppressed(MeasureField field) => (Suppressed & field) != 0;

    public bool AnySuppressed => Suppressed != MeasureField.None;

    public long? Count(MeasureField field) => IsSuppressed(field) ? null : Raw(Values, field);

    public double? Rate(MeasureField numerator, MeasureField denominator, double? rate) =>
        IsSuppressed(numerator) || IsSuppressed(denominator) ? null : rate;

    public double? AttendanceRate => Rate(MeasureField.AttendanceSessions, MeasureField.PossibleSessions, Values.AttendanceRate);
    public double? AuthorisedAbsenceRate => Rate(MeasureField.AuthorisedAbsenceSessions, MeasureField.PossibleSessions, Values.AuthorisedAbsenceRate);
    public double? UnauthorisedAbsenceRate => Rate(MeasureField.UnauthorisedAbsenceSessions, MeasureField.PossibleSessions, Values.UnauthorisedAbsenceRate);
    public double? OverallAbsenceRate => Rate(MeasureField.OverallAbsenceSessions, MeasureField.PossibleSessions, Values.OverallAbsenceRate);
    public double? LateRate => Rate(MeasureField.LateSessions, MeasureField.PossibleSessions, Values.LateRate);
    public double? PersistentAbsenceRate => Rate(MeasureField.PersistentAbsenceEnrolments, MeasureField.Enrolments, Values.PersistentAbsenceRate);
    public double? SevereAbsenceRate => Rate(MeasureField.SevereAbsenceEnrolments, MeasureField.Enrolments, Values.SevereAbsenceRate);

    /// <summary>Names of the withheld counts, as the GraphQL fields spell them.</summary>
    public IReadOnlyList<string> SuppressedNames =>
        Enum.GetValues<MeasureField>().Where(f => f is not (MeasureField.None or MeasureField.All) && IsSuppressed(f))
            .Select(f => char.ToLowerInvariant(f.ToString()[0]) + f.ToString()[1..]).ToList();

    public DisclosedMeasures With(MeasureField more) => this with { Suppressed = Suppressed | more };

    public static long Raw(MeasureValues v, MeasureField field) => field switch
    {
        MeasureField.Enrolments => v.Enrolments,
        MeasureField.PossibleSessions => v.PossibleSessions,
        MeasureField.AttendanceSessions => v.AttendanceSessions,
        MeasureField.AuthorisedAbsenceSessions => v.AuthorisedAbsenceSessions,
        MeasureField.UnauthorisedAbsenceSessions => v.UnauthorisedAbsenceSessions,
        MeasureField.OverallAbsenceSessions => v.OverallAbsenceSessions,
        MeasureField.LateSessions => v.LateSessions,
        MeasureField.PersistentAbsenceEnrolments => v.PersistentAbsenceEnrolments,
        MeasureField.SevereAbsenceEnrolments => v.SevereAbsenceEnrolments,
        // The per-code breakdown travels with the possible sessions it is a share of.
        MeasureField.CodeSessions => v.PossibleSessions,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "one field at a time"),
    };
}

using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>
/// Primary suppression (social-care publication convention, stricter than absence's 1–2): a count of 1 to 5 pupils or
/// enrolments is withheld. A group of 1–5 enrolments withholds every figure of the group (each describes at most five
/// pupils); a PA or SA count of 1–5 withholds that count and its rate.
/// </summary>
public static class DisclosureRules
{
    public const long SmallestShown = 6;

    public static bool IsSmall(long count) => count is > 0 and < SmallestShown;

    public static MeasureField Primary(MeasureValues v)
    {
        if (IsSmall(v.Enrolments)) return MeasureField.All;
        var suppressed = MeasureField.None;
        if (IsSmall(v.PersistentAbsenceEnrolments)) suppressed |= MeasureField.PersistentAbsenceEnrolments;
        if (IsSmall(v.SevereAbsenceEnrolments)) suppressed |= MeasureField.SevereAbsenceEnrolments;
        return suppressed;
    }

    public static DisclosedMeasures Cell(MeasureValues v) => new(v, Primary(v));

    /// <summary>The additive fields secondary suppression protects, one at a time.</summary>
    public static IReadOnlyList<MeasureField> Additive { get; } =
        Enum.GetValues<MeasureField>().Where(f => f is not (MeasureField.None or MeasureField.All)).ToList();
}

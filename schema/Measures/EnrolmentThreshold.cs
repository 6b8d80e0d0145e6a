namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// An enrolment is counted when <see cref="Numerator"/> is at least Percent% of <see cref="Denominator"/>.
/// The boundary is inclusive and compared in integers (numerator × 100 ≥ denominator × percent), so exactly
/// 10.0% is persistent absence with no floating-point doubt.
/// </summary>
public sealed record EnrolmentThreshold(string Name, string Description, SessionCount Numerator, SessionCount Denominator, int Percent)
{
    public bool IsMet(long numerator, long denominator) => denominator > 0 && numerator * 100 >= denominator * Percent;
}

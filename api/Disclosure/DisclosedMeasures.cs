using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>Measures as published: the values (exact, or perturbed by <see cref="ProtectedAggregates"/>), and which counts (and so which rates) are withheld.</summary>
public sealed record DisclosedMeasures(MeasureValues Values, MeasureField Suppressed)
{
    public static DisclosedMeasures Open(MeasureValues values) => new(values, MeasureField.None);

    public bool IsSuppressed(MeasureField field) => (Suppressed & field) != 0;

    public bool AnySuppressed => Suppressed != MeasureField.None;

    public long? Count(MeasureField field) => IsSuppressed(field) ? null : Raw(Values, field);

    /// <summary>A rate as published: withheld whenever its numerator or denominator is.</summary>
    public double? Rate(RateMeasure rate) =>
        IsSuppressed(rate.Numerator.Field) || IsSuppressed(rate.Denominator.Field) ? null : rate.Of(Values);

    public double? AttendanceRate => Rate(MeasureCatalogue.AttendanceRate);
    public double? OverallAbsenceRate => Rate(MeasureCatalogue.OverallAbsenceRate);
    public double? PersistentAbsenceRate => Rate(MeasureCatalogue.PersistentAbsenceRate);

    /// <summary>Names of the withheld counts, as the GraphQL fields spell them.</summary>
    public IReadOnlyList<string> SuppressedNames =>
        Enum.GetValues<MeasureField>().Where(f => f is not (MeasureField.None or MeasureField.All) && IsSuppressed(f))
            .Select(f => char.ToLowerInvariant(f.ToString()[0]) + f.ToString()[1..]).ToList();

    // The per-code breakdown travels with the possible sessions it is a share of.
    public static long Raw(MeasureValues v, MeasureField field) =>
        MeasureCatalogue.CountOf(field == MeasureField.CodeSessions ? MeasureField.PossibleSessions : field).Of(v);
}

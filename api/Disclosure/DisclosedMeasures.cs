using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>
/// Measures as published: the values (exact, or protected by <see cref="ProtectedAggregates"/>), the counts withheld
/// with every rate of them (<paramref name="Suppressed"/>), and the counts withheld whose rates are still published
/// (<paramref name="RatesOnly"/>: a protected cell's session counts; its <paramref name="Values"/> then hold only the
/// rate basis, see <see cref="CellKeyPerturbation.RateBasis"/>).
/// </summary>
public sealed record DisclosedMeasures(MeasureValues Values, MeasureField Suppressed, MeasureField RatesOnly = MeasureField.None)
{
    public static DisclosedMeasures Protected(ProtectedCell cell) => new(cell.Values, cell.Withheld, cell.RatesOnly);

    public static DisclosedMeasures Open(MeasureValues values) => new(values, MeasureField.None);

    public bool IsSuppressed(MeasureField field) => (Suppressed & field) != 0;

    private MeasureField CountsWithheld => Suppressed | RatesOnly;

    public bool AnySuppressed => CountsWithheld != MeasureField.None;

    /// <summary>
    /// The counts unknown for this cell: late sessions (codes L and U) and the sessions by code where some of its sessions
    /// were loaded as DfE's weekly totals, which carry no register codes (<see cref="MeasureValues.RegisterDetailUnavailable"/>). Withheld here, with
    /// the counts disclosure control withholds, so every route (a field, a filter, a sort, a series) sees the same null: a
    /// count drawn from the registers' part of the cell alone would be a wrong number.
    /// </summary>
    public MeasureField Unknown => Values.RegisterDetailUnavailable is null ? MeasureField.None : RegisterLevel;

    /// <summary>The counts only registers hold: late (L and U) and the sessions by code.</summary>
    public const MeasureField RegisterLevel = MeasureField.LateSessions | MeasureField.CodeSessions;

    /// <summary>The sessions by code as published: none when withheld, or unknown for sessions loaded as totals.</summary>
    public bool CodesPublished => ((Suppressed | Unknown) & MeasureField.CodeSessions) == 0;

    public long? Count(MeasureField field) => ((CountsWithheld | Unknown) & field) != 0 ? null : Raw(Values, field);

    /// <summary>A rate as published: withheld whenever its numerator or denominator is withheld outright or unknown.</summary>
    public double? Rate(RateMeasure rate) => rate.Of(Values, Suppressed | Unknown);

    public double? AttendanceRate => Rate(MeasureCatalogue.AttendanceRate);
    public double? OverallAbsenceRate => Rate(MeasureCatalogue.OverallAbsenceRate);
    public double? PersistentAbsenceRate => Rate(MeasureCatalogue.PersistentAbsenceRate);

    /// <summary>Names of the withheld counts, as the GraphQL fields spell them.</summary>
    public IReadOnlyList<string> SuppressedNames =>
        Enum.GetValues<MeasureField>().Where(f => f is not (MeasureField.None or MeasureField.All) && (CountsWithheld & f) != 0)
            .Select(f => char.ToLowerInvariant(f.ToString()[0]) + f.ToString()[1..]).ToList();

    // The per-code breakdown travels with the possible sessions it is a share of.
    public static long Raw(MeasureValues v, MeasureField field) =>
        MeasureCatalogue.CountOf(field == MeasureField.CodeSessions ? MeasureField.PossibleSessions : field).Of(v);
}

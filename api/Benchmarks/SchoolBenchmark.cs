using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;
using GraphQL;

namespace AttendanceGraph.Api.Benchmarks;

/// <summary>A school against the LA for its phase, England for its phase, and its LA peers of the same phase.</summary>
public sealed record SchoolBenchmark(
    SchoolInfo School,
    DisclosedMeasures Measures,
    DisclosedMeasures LocalAuthorityPhase,
    NationalComparison NationalComparison,
    IReadOnlyList<PeerPosition> Peers)
{
    public NationalFigure? National => NationalComparison.Figure;

    /// <summary>
    /// Two queries per phase and request (the phase's schools; the phase as a whole), shared by every school
    /// of that phase asking in the same request. Every figure, and every peer compared, is as this caller may see it
    /// (<see cref="ProtectedAggregates"/>), so a position reveals nothing the peers' own published figures do not.
    /// </summary>
    public static SchoolBenchmark For(IResolveFieldContext c, SchoolInfo school)
    {
        var data = c.Data();
        var source = c.Protected();
        var shape = c.MeasureRequest() with { IncludeCodes = false, Phase = school.Phase };
        var peers = source.Measure(shape with { GroupBy = MeasureGrouping.School })
            .Where(r => data.Facts.School(r.Urn!.Value)?.Phase == school.Phase).ToList();
        var phase = source.Single(shape);
        var own = peers.FirstOrDefault(r => r.Urn == school.Urn)?.Measures ?? source.Empty(shape with { GroupBy = MeasureGrouping.School }, school.Urn);
        var national = NationalFigures.Compare(data.Facts, school.Phase, shape.Period);
        var positions = MeasureSelector.Headline.Select(m => Position(m, school.Urn, own, peers, phase, national.Figure)).ToList();
        return new SchoolBenchmark(school, own, phase, national, positions);
    }

    /// <summary>100 for the best of the phase, 0 for the worst.</summary>
    public static double PercentileOf(int rank, int peers) => peers == 1 ? 100 : Math.Round(100.0 * (peers - rank) / (peers - 1), 1);

    /// <summary>
    /// 1 = the best quarter of the phase, 4 = the worst, from the percentile so the two agree (ceil(4 · rank / peers) put
    /// the only school of a phase, and the better of two, outside the best quarter).
    /// </summary>
    public static int QuartileOf(int rank, int peers) => PercentileOf(rank, peers) switch { >= 75 => 1, >= 50 => 2, >= 25 => 3, _ => 4 };

    private static PeerPosition Position(MeasureSelector m, int urn, DisclosedMeasures ownMeasures, IReadOnlyList<PublishedRow> peers,
        DisclosedMeasures phase, NationalFigure? national)
    {
        var values = peers.Select(p => (p.Urn, Value: m.Value(p.Measures))).Where(p => p.Value is not null).ToList();
        var own = m.Value(ownMeasures);
        int? rank = null;
        double? percentile = null;
        int? quartile = null;
        if (own is { } v)
        {
            // Competition ranking: 1 + the number of peers strictly better.
            rank = 1 + values.Count(p => m.HigherIsWorse ? p.Value < v : p.Value > v);
            percentile = PercentileOf(rank.Value, values.Count);
            quartile = QuartileOf(rank.Value, values.Count);
        }
        return new PeerPosition(m, own, rank, values.Count, percentile, quartile, m.Value(phase), NationalFigures.Value(national, m));
    }
}

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
    /// The phase's published peers and their values are worked out once per request too (<see cref="Phase"/>): the schools
    /// table asks for all 400 schools' benchmarks, and publishing and ranking the phase's 270 peers again for each school
    /// was most of that page's time (0.4–0.7 s of a cold first visit on the 38M-mark LA, and all of a warm one).
    /// </summary>
    public static SchoolBenchmark For(IResolveFieldContext c, SchoolInfo school)
    {
        var data = c.Data();
        var source = c.Protected();
        var shape = c.MeasureRequest() with { IncludeCodes = false, Phase = school.Phase };
        // England's figure depends on the period's kind and label (an academic year or the same dates as a day range are
        // compared with different national figures), which the shape key, made of dates, leaves out.
        var key = $"school-benchmark|{shape.ShapeKey}|{shape.Period.Kind}|{shape.Period.Label}";
        var phase = source.Derived(key, () => Phase.Of(data, source, shape, school.Phase));
        var own = phase.Peer(school.Urn) ?? source.Empty(shape with { GroupBy = MeasureGrouping.School }, school.Urn);
        var positions = phase.Measures.Select(m => Position(m, own)).ToList();
        return new SchoolBenchmark(school, own, phase.Whole, phase.National, positions);
    }

    /// <summary>One phase's benchmark as this caller may see it: its schools' published cells, the phase's own, England's, and each headline measure's peer values.</summary>
    private sealed class Phase
    {
        private readonly Dictionary<int, DisclosedMeasures> byUrn = new();

        private Phase(IReadOnlyList<PublishedRow> peers, DisclosedMeasures whole, NationalComparison national)
        {
            // The first row of a school is its cell (as FirstOrDefault found it before).
            foreach (var r in peers) byUrn.TryAdd(r.Urn!.Value, r.Measures);
            Whole = whole;
            National = national;
            Measures = MeasureSelector.Headline
                .Select(m => new PhaseMeasure(m, peers.Select(p => m.Value(p.Measures)).Where(v => v is not null).Select(v => v!.Value).ToArray(), m.Value(whole), NationalFigures.Value(national.Figure, m)))
                .ToList();
        }

        public DisclosedMeasures Whole { get; }
        public NationalComparison National { get; }
        public IReadOnlyList<PhaseMeasure> Measures { get; }

        public DisclosedMeasures? Peer(int urn) => byUrn.GetValueOrDefault(urn);

        public static Phase Of(QueryContext data, ProtectedAggregates source, MeasureRequest shape, string phase)
        {
            var both = source.MeasureTogether([shape with { GroupBy = MeasureGrouping.School }, shape]);
            var peers = both[0].Where(r => data.Facts.School(r.Urn!.Value)?.Phase == phase).ToList();
            return new Phase(peers, both[1].FirstOrDefault()?.Measures ?? source.Empty(shape, null), NationalFigures.Compare(data.Facts, phase, shape.Period));
        }
    }

    /// <summary>A headline measure's published value for every peer that has one, the phase's and England's.</summary>
    private sealed record PhaseMeasure(MeasureSelector Measure, double[] PeerValues, double? PhaseValue, double? NationalValue);

    /// <summary>100 for the best of the phase, 0 for the worst.</summary>
    public static double PercentileOf(int rank, int peers) => peers == 1 ? 100 : Math.Round(100.0 * (peers - rank) / (peers - 1), 1);

    /// <summary>
    /// 1 = the best quarter of the phase, 4 = the worst, from the percentile so the two agree (ceil(4 · rank / peers) put
    /// the only school of a phase, and the better of two, outside the best quarter).
    /// </summary>
    public static int QuartileOf(int rank, int peers) => PercentileOf(rank, peers) switch { >= 75 => 1, >= 50 => 2, >= 25 => 3, _ => 4 };

    private static PeerPosition Position(PhaseMeasure phase, DisclosedMeasures ownMeasures)
    {
        var m = phase.Measure;
        var values = phase.PeerValues;
        var own = m.Value(ownMeasures);
        int? rank = null;
        double? percentile = null;
        int? quartile = null;
        if (own is { } v)
        {
            // Competition ranking: 1 + the number of peers strictly better.
            rank = 1 + values.Count(p => m.HigherIsWorse ? p < v : p > v);
            percentile = PercentileOf(rank.Value, values.Length);
            quartile = QuartileOf(rank.Value, values.Length);
        }
        return new PeerPosition(m, own, rank, values.Length, percentile, quartile, phase.PhaseValue, phase.NationalValue);
    }
}

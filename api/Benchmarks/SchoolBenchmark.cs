using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using GraphQL;
using GraphQL.DataLoader;

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
    /// The school's benchmark as this caller may see it. Where the snapshot holds the school's positions among its phase
    /// (<see cref="PeerPositions"/>: a named period, all pupils or one cohort, compulsory school age), its ranks, its own cell
    /// and the phase's peer counts and cell are read in one statement for every school of the phase asking in the request,
    /// so the answer does not grow with the phase (docs/aggregates.md, section 4). Otherwise the phase's schools are read and
    /// ranked (<see cref="Phase"/>). Every figure, and every peer compared, is as this caller may see it
    /// (<see cref="ProtectedAggregates"/>), so a position reveals nothing the peers' own published figures do not.
    /// </summary>
    public static IDataLoaderResult<SchoolBenchmark> For(IResolveFieldContext c, SchoolInfo school)
    {
        var data = c.Data();
        var source = c.Protected();
        var shape = c.MeasureRequest() with { IncludeCodes = false, Phase = school.Phase };
        // England's figure depends on the period's kind and label (an academic year or the same dates as a day range are
        // compared with different national figures), which the shape key, made of dates, leaves out.
        var key = $"school-benchmark|{shape.ShapeKey}|{shape.Period.Kind}|{shape.Period.Label}";
        SchoolBenchmark Ranked() => FromPeers(source.Derived(key, () => Phase.Of(data, source, shape, school.Phase)), source, shape, school);
        if (PeerPositions.For(shape) is not { } lookup || source.PeerForm(shape, school.Urn, school.Phase) is not { } form)
            return DeferredResultExtensions.Known(Ranked());
        // Refused school by school as when the peers are read (a failure is not kept, so each school asking fails alone).
        source.Derived($"{key}|answerable", () => { data.EnsureAnswerable(shape); return shape; });
        var held = source.Derived($"{key}|positions|{form}", () => new RequestDataLoader<int, HeldSchool?>(urns =>
        {
            if (source.HeldBenchmark(shape, lookup, urns) is not { } held) return urns.Distinct().ToDictionary(u => u, _ => (HeldSchool?)null);
            var whole = new Whole(held.Phase, NationalFigures.Compare(data.Facts, school.Phase, shape.Period));
            return held.Schools.ToDictionary(x => x.Key, x => (HeldSchool?)new HeldSchool(x.Value, held.Positions[x.Key], whole));
        }, null));
        return held.Load(school.Urn).Then(h => h is null || !h.Agrees(form) ? Ranked() : h.Benchmark(school, form));
    }

    private static SchoolBenchmark FromPeers(Phase phase, ProtectedAggregates source, MeasureRequest shape, SchoolInfo school)
    {
        var own = phase.Peer(school.Urn) ?? source.Empty(shape with { GroupBy = MeasureGrouping.School }, school.Urn);
        var positions = phase.Measures.Select(m => Position(m, own)).ToList();
        return new SchoolBenchmark(school, own, phase.Whole, phase.National, positions);
    }

    /// <summary>A phase's own cell and England's for it, as this caller may see them.</summary>
    private sealed record Whole(DisclosedMeasures Measures, NationalComparison National);

    /// <summary>A school's own cell and its held positions among its phase.</summary>
    private sealed record HeldSchool(DisclosedMeasures Own, PeerPositions.Position Position, Whole Phase)
    {
        /// <summary>Ranks within their peer counts (a table out of step with its phase's row would say otherwise): else the peers are read.</summary>
        public bool Agrees(PeerForm form) => Enumerable.Range(0, MeasureSelector.Headline.Count).All(i => Position.Rank(i, form) <= Position.Peers(i, form));

        public SchoolBenchmark Benchmark(SchoolInfo school, PeerForm form)
        {
            var peers = MeasureSelector.Headline.Select((m, i) =>
            {
                var own = m.Value(Own);
                var rank = Position.Rank(i, form);
                return Place(m, own, own is null || rank == 0 ? null : rank, Position.Peers(i, form), m.Value(Phase.Measures), NationalFigures.Value(Phase.National.Figure, m));
            }).ToList();
            return new SchoolBenchmark(school, Own, Phase.Measures, Phase.National, peers);
        }
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
        // Competition ranking: 1 + the number of peers strictly better.
        int? rank = own is { } v ? 1 + values.Count(p => PeerPositions.IsBetter(p, v, m.HigherIsWorse)) : null;
        return Place(m, own, rank, values.Length, phase.PhaseValue, phase.NationalValue);
    }

    private static PeerPosition Place(MeasureSelector m, double? own, int? rank, int peers, double? phaseValue, double? nationalValue) =>
        new(m, own, rank, peers, rank is { } r ? PercentileOf(r, peers) : null, rank is { } q ? QuartileOf(q, peers) : null, phaseValue, nationalValue);
}

using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using DuckDB.NET.Data;
using GraphQL.DataLoader;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Everything a GraphQL request reads the warehouse through (scoped to the request): one connection to one
/// snapshot for the whole request, so every field sees the same data even if the ETL publishes mid-request,
/// and the batch loaders that turn per-school fields into one query per shape.
/// </summary>
public sealed class QueryContext(WarehouseReader reader, SnapshotFactsCache factsCache, MeasureResultCache results, PupilRowsCache pupilRows, TimeProvider clock)
    : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, RequestDataLoader<int, IReadOnlyList<IReadOnlyList<MeasureRow>>>> schoolLoaders = new();
    private WarehouseLease? lease;

    public WarehouseLease Lease
    {
        get
        {
            lock (gate) return lease ??= reader.Acquire();
        }
    }

    public SnapshotFacts Facts => factsCache.Get(Lease);

    /// <summary>The server's local date by the injected clock: what "up to today" means for defaults.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The period-less default: <see cref="SnapshotFacts.DefaultAcademicYear"/> as of today. The one place it is decided.</summary>
    public AcademicYear DefaultAcademicYear => Facts.DefaultAcademicYear(Today);

    /// <summary>Warehouse queries this request has run (tests assert it stays small).</summary>
    public int QueryCount => lease?.QueryCount ?? 0;

    public T Query<T>(Func<DuckDBConnection, T> work) => Lease.Use(work);

    /// <summary>
    /// The measure's rows, from the snapshot's result cache or one warehouse query. A period that would cut through a
    /// week loaded as session totals is the caller's to change, so it is a BAD_PERIOD error with the reason.
    /// </summary>
    public IReadOnlyList<MeasureRow> Measure(MeasureRequest request) => Measure(request, () => Query(c => MeasureQuery.Run(c, request)));

    /// <summary>
    /// Several requests' rows, each as <see cref="Measure(MeasureRequest)"/> gives it; those not already in the result cache
    /// are read together (<see cref="MeasureQuery.RunTogether"/>: one statement for all the rollup answers). The set is one
    /// view's (a cohort and the rest beside it): a request that cannot be answered fails it whole, with that request's error.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<MeasureRow>> MeasureTogether(IReadOnlyList<MeasureRequest> requests)
    {
        var snapshot = Lease.SnapshotName;
        var missing = requests.Where(r => !results.Holds(snapshot, r)).DistinctBy(r => r.ResultKey).ToList();
        var together = new Lazy<IReadOnlyList<IReadOnlyList<MeasureRow>>>(() => Query(c => MeasureQuery.RunTogether(c, missing)));
        return requests.Select(r =>
        {
            var i = missing.FindIndex(m => m.ResultKey == r.ResultKey);
            // Held a moment ago but since dropped (the cache was full): read on its own.
            return Measure(r, () => i >= 0 ? together.Value[i] : Query(c => MeasureQuery.Run(c, r)));
        }).ToList();
    }

    private IReadOnlyList<MeasureRow> Measure(MeasureRequest request, Func<IReadOnlyList<MeasureRow>> compute)
    {
        using var activity = Telemetry.AttendanceGraphTracing.Source.StartActivity("measure");
        var computed = false;
        var rows = Common.SessionTotalsRefusal.AsPeriodError(() => results.GetOrRun(Lease.SnapshotName, request, () =>
        {
            computed = true;
            return compute();
        }));
        activity?.SetTag("attendancegraph.measure.cache", computed ? "miss" : "hit")
            .SetTag("attendancegraph.measure.period_kind", request.Period.Kind.ToString())
            .SetTag("attendancegraph.measure.grain", request.Grain.ToString())
            .SetTag("attendancegraph.measure.group_by", request.GroupBy.ToString())
            .SetTag("attendancegraph.measure.population", request.Population.ToString())
            .SetTag("attendancegraph.measure.rows", rows.Count);
        return rows;
    }

    /// <summary>
    /// The pupil-level rows of a scope as <paramref name="viewer"/> may see them, computed once per snapshot for every page
    /// that asks (<see cref="PupilRowsCache"/>). Call only from inside a <see cref="Pupils.PupilAccess"/> read, with its connection.
    /// </summary>
    public IReadOnlyList<Schema.Pupils.PupilAttendanceRow> PupilRows(DuckDBConnection db, Schema.Pupils.PupilScope scope,
        Schema.Pupils.PupilPatternOptions options, Schema.Pupils.PupilViewer viewer) =>
        pupilRows.GetOrRun(Lease.SnapshotName, scope, options, viewer, () => Schema.Pupils.PupilAttendanceQuery.Run(db, scope, options, viewer));

    /// <summary>
    /// Refuses (BAD_PERIOD) a request whose period cuts through a week loaded as totals, as its measure would. For a field
    /// answered in a batch, asked before the batch: a batch's one failure would be every school's, as one error.
    /// </summary>
    public void EnsureAnswerable(MeasureRequest request) =>
        Common.SessionTotalsRefusal.AsPeriodError(() => Query(c => SessionTotalsCoverage.EnsureAnswerable(c, request)));

    /// <summary>
    /// The asked schools' positions among their phase's schools (<see cref="Schema.Rollups.PeerPositions"/>), their cells of
    /// <paramref name="schools"/> and the phase's of <paramref name="phase"/>, in one read for every school asked; null when
    /// the snapshot holds no positions (published before them). A period cutting through weeks loaded as totals is a
    /// BAD_PERIOD error, as a measure's is.
    /// </summary>
    public HeldBenchmarkRows? HeldBenchmark(MeasureRequest schools, MeasureRequest phase, Schema.Rollups.PeerPositions.Lookup lookup, IReadOnlyList<int> urns) =>
        Common.SessionTotalsRefusal.AsPeriodError(() => Query(c =>
        {
            if (!Schema.Rollups.PeerPositions.Available(c)) return null;
            var held = Schema.Rollups.PeerPositions.Read(c, lookup, phase.Phase!, urns);
            var own = MeasureQuery.HeldCells(c, schools, held.Cells.Select(x => ((int?)x.Key, x.Value)));
            var whole = MeasureQuery.HeldCells(c, phase, [(null, held.Phase ?? (_ => 0))]);
            return new HeldBenchmarkRows(own, whole[0], held.Positions);
        }));

    /// <summary>
    /// The rows of <paramref name="shape"/> (a request without schools) for one school, batched with every other
    /// school asking for the same shape in this request.
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<MeasureRow>> ForSchool(MeasureRequest shape, int urn) => LoaderFor([shape]).Load(urn).Then(rows => rows[0]);

    /// <summary>
    /// The rows of each of <paramref name="shapes"/> for one school, read together (<see cref="MeasureTogether"/>) and batched
    /// with every other school asking for the same shapes in this request.
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<IReadOnlyList<MeasureRow>>> ForSchoolTogether(IReadOnlyList<MeasureRequest> shapes, int urn) =>
        LoaderFor(shapes).Load(urn);

    /// <summary>Makes rows already measured for many schools available to <see cref="ForSchool"/> without another query.</summary>
    public void Prime(MeasureRequest shape, IReadOnlyList<MeasureRow> rowsGroupedBySchool)
    {
        var loader = LoaderFor([shape]);
        foreach (var g in rowsGroupedBySchool.GroupBy(r => r.Urn!.Value)) loader.Prime(g.Key, [g.ToList()]);
    }

    /// <summary>One loader per set of shapes (one shape for most fields): a school's rows of each, every school in one read.</summary>
    private RequestDataLoader<int, IReadOnlyList<IReadOnlyList<MeasureRow>>> LoaderFor(IReadOnlyList<MeasureRequest> shapes)
    {
        var key = string.Join("\n", shapes.Select(s => s.ShapeKey));
        lock (gate)
        {
            if (!schoolLoaders.TryGetValue(key, out var loader))
            {
                schoolLoaders[key] = loader = new RequestDataLoader<int, IReadOnlyList<IReadOnlyList<MeasureRow>>>(urns =>
                {
                    var perShape = MeasureTogether(shapes.Select(s => s with { Urns = urns, GroupBy = MeasureGrouping.School }).ToList())
                        .Select(rows => rows.ToLookup(r => r.Urn!.Value)).ToList();
                    return urns.Distinct().ToDictionary(u => u, u => (IReadOnlyList<IReadOnlyList<MeasureRow>>)perShape.Select(bySchool => (IReadOnlyList<MeasureRow>)bySchool[u].ToList()).ToList());
                }, shapes.Select(_ => (IReadOnlyList<MeasureRow>)[]).ToList(),
                (urns, failure) => failure is Common.PeriodException ? Unanswerable(shapes, urns) : new Dictionary<int, Exception>());
            }
            return loader;
        }
    }

    /// <summary>
    /// After a batch failed with BAD_PERIOD: the schools whose period cuts through one of their own weeks loaded as totals,
    /// each refused with its own BAD_PERIOD, so the batch answers the others rather than failing every school with one
    /// school's error. From the snapshot's spans, held in memory (<see cref="SessionTotalsCoverage"/>): one read for the
    /// batch, not one per school.
    /// </summary>
    private Dictionary<int, Exception> Unanswerable(IReadOnlyList<MeasureRequest> shapes, IReadOnlyList<int> urns) => Query(c =>
    {
        var refused = new Dictionary<int, Exception>();
        foreach (var shape in shapes)
        {
            if (Answerable(c, shape, urns) is null) continue; // the batch as a whole can be answered in this shape
            foreach (var urn in urns.Distinct())
                if (!refused.ContainsKey(urn) && Answerable(c, shape, [urn]) is { } reason) refused[urn] = new Common.PeriodException(reason);
        }
        return refused;
    });

    /// <returns>Why <paramref name="shape"/> cannot be answered for <paramref name="urns"/>, or null when it can.</returns>
    private static string? Answerable(DuckDBConnection c, MeasureRequest shape, IReadOnlyList<int> urns)
    {
        try
        {
            SessionTotalsCoverage.EnsureAnswerable(c, shape with { Urns = urns, GroupBy = MeasureGrouping.School });
            return null;
        }
        catch (SessionTotalsPeriodException e)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        lock (gate) lease?.Dispose();
    }
}

/// <summary>A benchmark's held rows: the asked schools' cells (those with one), the phase's cell, each school's positions.</summary>
public sealed record HeldBenchmarkRows(IReadOnlyList<MeasureRow> Schools, MeasureRow Phase, IReadOnlyDictionary<int, Schema.Rollups.PeerPositions.Position> Positions);

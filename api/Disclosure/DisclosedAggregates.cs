using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>
/// The LA's published hierarchy for one request shape under disclosure control: the LA, its phases and its schools
/// (per time bucket when the shape has a grain), with LA = Σ phases, LA = Σ schools and phase = Σ its schools declared
/// as groups, so a figure withheld anywhere cannot be recovered from the others. Three queries per shape and request.
/// </summary>
public sealed class DisclosedAggregates(QueryContext data)
{
    private readonly Dictionary<string, SuppressionTable<string>> tables = new();
    private readonly Lock gate = new();

    public DisclosedMeasures LocalAuthority(MeasureRequest shape, DateOnly? bucket = null) => Get(shape, LaKey(bucket));

    public DisclosedMeasures Phase(MeasureRequest shape, string phase, DateOnly? bucket = null) => Get(shape, PhaseKey(bucket, phase));

    public DisclosedMeasures School(MeasureRequest shape, int urn, DateOnly? bucket = null) => Get(shape, SchoolKey(bucket, urn));

    private DisclosedMeasures Get(MeasureRequest shape, string key)
    {
        var table = TableFor(shape);
        return table.Contains(key) ? table[key] : DisclosureRules.Cell(MeasureValues.Empty);
    }

    private SuppressionTable<string> TableFor(MeasureRequest shape)
    {
        var scope = shape with { Urns = null, Phase = null, GroupBy = MeasureGrouping.None };
        lock (gate)
        {
            if (tables.TryGetValue(scope.ShapeKey, out var cached)) return cached;
            var table = new SuppressionTable<string>();
            foreach (var r in data.Measure(scope)) table.Add(LaKey(r.BucketStart), r.Values);
            foreach (var r in data.Measure(scope with { GroupBy = MeasureGrouping.Phase })) table.Add(PhaseKey(r.BucketStart, r.Phase!), r.Values);
            var schools = data.Measure(scope with { GroupBy = MeasureGrouping.School });
            foreach (var r in schools) table.Add(SchoolKey(r.BucketStart, r.Urn!.Value), r.Values);
            foreach (var bucket in schools.GroupBy(r => r.BucketStart))
            {
                var inBucket = bucket.Select(r => (r.Urn!.Value, Phase: data.Facts.School(r.Urn!.Value)?.Phase)).ToList();
                table.Group(LaKey(bucket.Key), inBucket.Select(s => SchoolKey(bucket.Key, s.Value)));
                foreach (var phase in inBucket.GroupBy(s => s.Phase).Where(g => g.Key is not null))
                    table.Group(PhaseKey(bucket.Key, phase.Key!), phase.Select(s => SchoolKey(bucket.Key, s.Value)));
            }
            foreach (var bucket in data.Measure(scope with { GroupBy = MeasureGrouping.Phase }).GroupBy(r => r.BucketStart))
                table.Group(LaKey(bucket.Key), bucket.Select(r => PhaseKey(bucket.Key, r.Phase!)));
            table.Resolve();
            return tables[scope.ShapeKey] = table;
        }
    }

    private static string LaKey(DateOnly? bucket) => $"{bucket}|la";
    private static string PhaseKey(DateOnly? bucket, string phase) => $"{bucket}|phase:{phase}";
    private static string SchoolKey(DateOnly? bucket, int urn) => $"{bucket}|school:{urn}";
}

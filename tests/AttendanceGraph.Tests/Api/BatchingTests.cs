using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// Resolvers never query once per school: listing every school with its measures, trend, cohort breakdown and
/// benchmark runs the same small number of warehouse queries for 4 schools as for 24.
/// </summary>
public sealed class BatchingTests : IClassFixture<BatchingTests.GeneratedLa>
{
    private readonly GeneratedLa la;

    public BatchingTests(GeneratedLa la) => this.la = la;

    private const string EverySchoolWithEverything = """
        query($first: Int) { schools(first: $first, period: { academicYear: "2025/26" }) { nodes { urn
            measures(period: { academicYear: "2025/26" }) { overallAbsenceRate persistentAbsenceRate }
            trend(grain: HALF_TERM, period: { academicYear: "2025/26" }) { measures { overallAbsenceRate } }
            cohorts(period: { academicYear: "2025/26" }) { cohort measures { overallAbsenceRate } }
            benchmark(period: { academicYear: "2025/26" }) { peers { measure rank } } } } }
        """;

    [Fact]
    public async Task ListingSchools_RunsTheSameFewQueries_HoweverManySchools()
    {
        var few = await CountQueries(4);
        var many = await CountQueries(24);
        // The bound depends on phases, never on schools: the facts (1), measures (1), trend (1), cohorts in and
        // out (2), and for each of the three phases present the asked schools' held positions among it, and their cells
        // with the phase's own in one statement (2 × 3: read through the protected source, each cell with its own cell key).
        const int bound = 1 + 1 + 1 + 2 + 2 * 3;
        Assert.InRange(few, 1, bound);
        Assert.InRange(many, few, bound);
    }

    private async Task<long> CountQueries(int schools)
    {
        // A fresh API (and so a cold result cache) for each count.
        using var factory = new ApiFactory(la.Paths.Root);
        var before = factory.QueriesRun;
        var data = await factory.Data(EverySchoolWithEverything, new { first = schools });
        Assert.Equal(schools, data["schools"]!["nodes"]!.AsArray().Count);
        return factory.QueriesRun - before;
    }

    public sealed class GeneratedLa : IDisposable
    {
        private readonly TempDirectory dir = new();

        public GeneratedLa()
        {
            var input = dir.Sub("input");
            new DemoAuthorityGenerator().Generate(new GeneratorOptions
            {
                Schools = 24, Pupils = 2400, Years = 1, Seed = 7, AsOf = new DateOnly(2026, 3, 31),
            }, input);
            Paths = new WarehousePaths(dir.Sub("warehouse"));
            new BatchLoader(Paths).Load([input], new LoadOptions(LaCode: 319));
        }

        public WarehousePaths Paths { get; }

        public void Dispose() => dir.Dispose();
    }
}

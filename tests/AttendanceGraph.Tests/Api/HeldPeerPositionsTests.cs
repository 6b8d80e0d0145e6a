using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// A school's benchmark read from the positions held in the snapshot (<see cref="PeerPositions"/>) is the benchmark ranked
/// from its phase's published cells, for every role's view of the peers, on a generated LA (24 schools, 2,400 pupils,
/// September to March): the same warehouse is served twice, once as loaded and once with the positions dropped (as a
/// snapshot published before them), and every school's benchmark is asked of both.
/// </summary>
public sealed class HeldPeerPositionsTests(HeldPeerPositionsTests.TwoWarehouses w) : IClassFixture<HeldPeerPositionsTests.TwoWarehouses>
{
    private const string Benchmarks = """
        query($p: PeriodInput, $k: String, $all: Boolean) { schools(first: 30) { nodes { urn
          benchmark(period: $p, cohortKey: $k, includeAllAges: $all) {
            measures { enrolments possibleSessions attendanceRate overallAbsenceRate persistentAbsenceRate severeAbsenceRate lateRate registerDetailUnavailable suppressed }
            localAuthorityPhase { enrolments possibleSessions overallAbsenceRate persistentAbsenceRate severeAbsenceRate lateRate registerDetailUnavailable suppressed }
            peers { measure value rank peerCount percentile quartile localAuthorityPhaseValue nationalPhaseValue } } } } }
        """;

    /// <summary>Named periods of each kind the positions hold (the LA's data runs to 31 March), and cohorts large and small.</summary>
    public static TheoryData<string, string?> PeriodsAndCohorts()
    {
        var periods = new[]
        {
            """{"academicYear":"2025/26"}""", """{"academicYear":"2025/26","term":"SPRING"}""", """{"academicYear":"2025/26","term":"AUTUMN","halfTerm":2}""",
            """{"academicYear":"2025/26","month":11}""", """{"weekStarting":"2026-01-12"}""", """{"weekStarting":"2025-10-29"}""",
        };
        var data = new TheoryData<string, string?>();
        foreach (var p in periods)
            foreach (var k in new[] { null, "FSM", "LOOKED_AFTER", "EHC_PLAN" })
                data.Add(p, k);
        return data;
    }

    public static TheoryData<string> Callers => ["la-lead", "virtual-school", "bi-reader", "la-lead asking for disclosure control", "school"];

    [Theory]
    [MemberData(nameof(PeriodsAndCohorts))]
    public async Task EveryRolesBenchmark_FromHeldPositions_IsTheBenchmarkRankedFromThePeers(string period, string? cohort)
    {
        var compared = 0;
        foreach (var caller in Callers)
        {
            var held = await Ask(w.Held, caller, period, cohort, allAges: false);
            var ranked = await Ask(w.Ranked, caller, period, cohort, allAges: false);
            Assert.Equal(ranked.ToJsonString(), held.ToJsonString());
            compared += held["schools"]!["nodes"]!.AsArray().Count;
        }
        // Every school for four roles (the LA's 24 and another LA's, listed for its resident pupils), the school role its own.
        Assert.Equal(4 * 25 + 1, compared);
    }

    [Fact]
    public async Task ABenchmarkOfEveryAge_ReadsThePeers_AndAgreesToo()
    {
        foreach (var caller in Callers)
            Assert.Equal((await Ask(w.Ranked, caller, """{"academicYear":"2025/26","term":"AUTUMN"}""", "FSM", allAges: true)).ToJsonString(),
                (await Ask(w.Held, caller, """{"academicYear":"2025/26","term":"AUTUMN"}""", "FSM", allAges: true)).ToJsonString());
    }

    /// <summary>
    /// The held path is the one taken: a rank written into the held positions is the rank answered; held under other
    /// disclosure rules, the same ranks are not (the peers are ranked instead).
    /// </summary>
    [Fact]
    public async Task ABenchmark_AnswersTheHeldRank_UnlessRankedUnderOtherRules()
    {
        var spring = """{"academicYear":"2025/26","term":"SPRING"}""";
        List<int> Ranks(JsonNode data) => data["schools"]!["nodes"]!.AsArray()
            .Select(n => n!["benchmark"]!["peers"]!.AsArray().First(p => (string)p!["measure"]! == TwoWarehouses.AlteredMeasure.EnumName)!["rank"])
            .Where(r => r is not null).Select(r => (int)r!).ToList();
        var held = Ranks(await Ask(w.Altered, "la-lead", spring, null, allAges: false));
        Assert.NotEmpty(held);
        Assert.All(held, r => Assert.Equal(1, r));
        var otherRules = Ranks(await Ask(w.OtherRules, "la-lead", spring, null, allAges: false));
        Assert.Equal(Ranks(await Ask(w.Ranked, "la-lead", spring, null, allAges: false)), otherRules);
        Assert.Contains(otherRules, r => r > 1);
    }

    /// <summary>The dashboard's own question (one school, a cohort enum) takes the held path too.</summary>
    [Fact]
    public async Task OneSchoolsBenchmark_AsTheDashboardAsksIt_AnswersTheHeldRank()
    {
        var spring = """{"academicYear":"2025/26","term":"SPRING"}""";
        // A school the peers rank below first, so that the held rank of 1 can only come from the table.
        var urn = (await Ask(w.Ranked, "la-lead", spring, null, allAges: false))["schools"]!["nodes"]!.AsArray()
            .First(n => n!["benchmark"]!["peers"]!.AsArray().Any(p => (string)p!["measure"]! == TwoWarehouses.AlteredMeasure.EnumName && (int?)p["rank"] > 1))!["urn"]!;
        var result = await w.Altered.Api.QueryAs(ApiFactory.LaLeadToken,
            "query($u: Int!, $p: PeriodInput, $c: Cohort) { school(urn: $u) { benchmark(period: $p, cohort: $c) { peers { measure rank } } } }",
            new { u = (int)urn, p = JsonNode.Parse(spring), c = "ALL_PUPILS" });
        Assert.True(result["errors"] is null, result.ToJsonString());
        var peers = result["data"]!["school"]!["benchmark"]!["peers"]!.AsArray();
        Assert.Equal(1, (int)peers.First(p => (string)p!["measure"]! == TwoWarehouses.AlteredMeasure.EnumName)!["rank"]!);
    }

    private static async Task<JsonNode> Ask(Served served, string caller, string period, string? cohort, bool allAges) =>
        (await AskForResult(served, caller, period, cohort, allAges, expectErrors: false))["data"]!;

    /// <summary>Every school's benchmark as <paramref name="caller"/> sees it: the whole response, errors included.</summary>
    public static async Task<JsonObject> AskForResult(Served served, string caller, string period, string? cohort, bool allAges, bool expectErrors)
    {
        var token = caller switch
        {
            "school" => ApiFactory.Token(Roles.School, served.ASchool),
            "la-lead asking for disclosure control" => ApiFactory.LaLeadToken,
            _ => ApiFactory.Token(caller),
        };
        var headers = caller.EndsWith("disclosure control") ? new Dictionary<string, string> { [AccessContext.DisclosureHeader] = "true" } : null;
        var result = await served.Api.QueryAs(token, Benchmarks, new { p = JsonNode.Parse(period), k = cohort, all = allAges }, headers);
        if (!expectErrors) Assert.True(result["errors"] is null, $"{caller}: {result["errors"]?.ToJsonString()}");
        return result;
    }

    /// <summary>A generated LA's warehouse served as loaded, and copies of it: without the held positions, and with one altered.</summary>
    public sealed class TwoWarehouses : IDisposable
    {
        private readonly TempDirectory dir = new();
        private readonly BatchingTests.GeneratedLa la = new();

        public TwoWarehouses()
        {
            Held = new Served(la.Paths);
            Ranked = new Served(Copy("ranked", WithoutPositions));
            // Every school's exact rank on one measure in the spring term, all pupils, made 1 (a rank within the peers).
            Altered = new Served(Copy("altered", AlterRanks));
            // The same, as ranked by a build of other disclosure rules: served from the peers.
            OtherRules = new Served(Copy("other-rules", c =>
            {
                AlterRanks(c);
                Assert.Equal(1, c.Execute($"UPDATE warehouse_info SET value = 'v0-' || value WHERE key = '{PeerPositions.FingerprintKey}'"));
            }));
        }

        public static AttendanceGraph.Schema.Measures.RateMeasure AlteredMeasure => PeerPositions.Measures[0];

        public Served OtherRules { get; }

        private static void AlterRanks(DuckDBConnection c) => Assert.True(c.Execute(
            $"UPDATE {PeerPositions.Table} SET {PeerPositions.RankColumn(AlteredMeasure, PeerForm.Exact)} = 1 WHERE kind = 'term' AND b_from = $from AND cohort = ''",
            ("from", AttendanceGraph.Schema.Calendar.Period.ForTerm(new(2025), AttendanceGraph.Schema.Calendar.Term.Spring).Start)) > 0);

        public Served Held { get; }
        public Served Ranked { get; }
        public Served Altered { get; }

        private WarehousePaths Copy(string name, Action<DuckDBConnection> edit) => CopyOf(la.Paths, dir.Sub(name), edit);

        /// <summary>A copy of a warehouse, its published snapshot edited.</summary>
        public static WarehousePaths CopyOf(WarehousePaths from, string root, Action<DuckDBConnection> edit)
        {
            var paths = new WarehousePaths(root);
            foreach (var file in Directory.GetFiles(from.Root, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(paths.Root, Path.GetRelativePath(from.Root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
            Served.Edit(paths, edit);
            return paths;
        }

        /// <summary>Drops the held positions, as a snapshot published before them.</summary>
        public static void WithoutPositions(DuckDBConnection c) => c.ExecuteAll([$"DROP TABLE {PeerPositions.Table}", $"DROP TABLE {PeerPositions.PhasesTable}"]);

        public void Dispose()
        {
            Held.Dispose();
            Ranked.Dispose();
            Altered.Dispose();
            OtherRules.Dispose();
            la.Dispose();
            dir.Dispose();
        }
    }

    public sealed class Served(WarehousePaths paths) : IDisposable
    {
        public ApiFactory Api { get; } = new(paths.Root);

        /// <summary>A school of the LA, for the school role.</summary>
        public int ASchool { get; } = FirstSchool(paths);

        public static void Edit(WarehousePaths paths, Action<DuckDBConnection> edit)
        {
            using var c = new DuckDBConnection(DuckDbSettings.ReadWrite(paths.SnapshotPath(SnapshotPointer.ReadName(paths)!)));
            c.Open();
            edit(c);
        }

        private static int FirstSchool(WarehousePaths paths)
        {
            using var c = CurrentSnapshot.TryOpenReadOnly(paths)!;
            return c.Scalar<int>($"SELECT min(urn) FROM schools WHERE urn IN ({ServedLocalAuthority.SchoolsSql})");
        }

        public void Dispose() => Api.Dispose();
    }
}

using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// An LA loaded from DfE pupil-level totals only (5 schools, 700 pupils): a school's benchmark from the held positions is
/// the one ranked from the peers' cells, register detail marked unknown in both, and a month cutting through a week known
/// only as totals refused by both.
/// </summary>
public sealed class TotalsBenchmarkTests
{
    [Fact]
    public async Task ABenchmarkOverWeeksLoadedAsTotals_FromHeldPositions_IsTheBenchmarkRankedFromThePeers()
    {
        using var w = new EtlWarehouse();
        var generated = w.NewFolder("generated");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 5, Pupils = 700, Years = 1, Seed = 5, AsOf = new DateOnly(2026, 2, 27) }, generated);
        var dfe = w.NewFolder("dfe");
        foreach (var f in Directory.GetFiles(generated).Where(f => !f.EndsWith(PupilsFileWriter.FileName) && !f.EndsWith(DemoAuthorityGenerator.MarksFileName)))
            File.Copy(f, Path.Combine(dfe, Path.GetFileName(f)));
        SessionTotalsFileWriter.Write(Path.Combine(generated, DemoAuthorityGenerator.MarksFileName),
            Path.Combine(generated, PupilsFileWriter.FileName), Path.Combine(dfe, SessionTotalsFileWriter.FileName), 319);
        Assert.False(w.Load(dfe).Report.HasErrors);
        using var held = new HeldPeerPositionsTests.Served(w.Paths);
        using var ranked = new HeldPeerPositionsTests.Served(
            HeldPeerPositionsTests.TwoWarehouses.CopyOf(w.Paths, w.NewFolder("ranked"), HeldPeerPositionsTests.TwoWarehouses.WithoutPositions));
        var refused = 0;
        foreach (var period in new[] { """{"academicYear":"2025/26"}""", """{"academicYear":"2025/26","term":"AUTUMN"}""", """{"weekStarting":"2025-12-01"}""", """{"academicYear":"2025/26","month":10}""" })
            foreach (var cohort in new[] { null, "FSM" })
                foreach (var caller in new[] { "la-lead", "bi-reader", "school" })
                {
                    var a = await HeldPeerPositionsTests.AskForResult(held, caller, period, cohort, allAges: false, expectErrors: true);
                    var b = await HeldPeerPositionsTests.AskForResult(ranked, caller, period, cohort, allAges: false, expectErrors: true);
                    Assert.Equal(b.ToJsonString(), a.ToJsonString());
                    if (a["errors"] is not null) refused++;
                    else Assert.Contains("registerDetailUnavailable\":\"some", a.ToJsonString());
                }
        // October's last week runs into November: as totals it cannot be split, so the month is refused (three callers, two cohorts).
        Assert.Equal(6, refused);
    }
}

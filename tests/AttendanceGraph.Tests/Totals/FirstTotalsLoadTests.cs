using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// The first DfE totals into a warehouse with neither marks nor totals take the first-load path (totals appended straight
/// into session_totals, every aggregate counted in one pass, the rollup built whole) rather than ~4 million dirty
/// enrolment-weeks. Both paths must give the same warehouse: a generated LA's weekly DfE files loaded in one batch and
/// loaded week by week (the later weeks through the merge and dirty-week refresh) hold the same totals, aggregates and
/// rollup, each equal to its definition.
/// </summary>
public sealed class FirstTotalsLoadTests
{
    [Fact]
    public void AYearOfWeeklyFilesInOneBatch_IsTheWarehouseOfLoadingThemWeekByWeek()
    {
        using var oneBatch = new EtlWarehouse();
        using var weekByWeek = new EtlWarehouse();
        var generated = oneBatch.NewFolder("generated");
        var asOf = new DateOnly(2025, 10, 17);
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 4, Pupils = 300, Years = 1, Seed = 7, AsOf = asOf }, generated);
        var year = oneBatch.NewFolder("dfe");
        var dfe = SessionTotalsFileWriter.Write(Path.Combine(generated, DemoAuthorityGenerator.MarksFileName),
            Path.Combine(generated, PupilsFileWriter.FileName), Path.Combine(oneBatch.NewFolder("whole"), SessionTotalsFileWriter.FileName), 319);
        var weeks = SplitByWeek(dfe, year);
        Assert.True(weeks.Count >= 5);
        var gias = Directory.GetFiles(generated, "edubasealldata*.csv").Single();
        var cohorts = Directory.GetFiles(generated, "*.csv").Where(f => f != gias && !f.EndsWith(DemoAuthorityGenerator.MarksFileName) && !f.EndsWith(PupilsFileWriter.FileName)).ToArray();

        var loaded = oneBatch.Load([gias, .. cohorts, year]);
        Assert.Equal(File.ReadLines(dfe).LongCount() - 1, loaded.SessionTotals);
        weekByWeek.Load([gias, .. cohorts, weeks[0]]);
        foreach (var week in weeks.Skip(1)) weekByWeek.Load(week);

        Assert.Equal(Content(oneBatch), Content(weekByWeek));
        foreach (var w in new[] { oneBatch, weekByWeek })
        {
            using var c = w.Open();
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
    }

    private static List<string> Content(EtlWarehouse w)
    {
        using var c = w.Open();
        return [.. EtlWarehouse.Rows(c, "SELECT * EXCLUDE (batch_id) FROM session_totals ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM agg_enrolment_week ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM agg_cohort_enrolment_week ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM session_total_spans ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM pupils ORDER BY ALL")];
    }

    /// <summary>The generator's file, one file per period_start (the header on each), in week order.</summary>
    private static List<string> SplitByWeek(string file, string folder)
    {
        var lines = File.ReadAllLines(file);
        var column = Array.IndexOf(lines[0].Split(','), "period_start");
        return lines.Skip(1).GroupBy(l => l.Split(',')[column]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var path = Path.Combine(folder, $"dfe-{g.Key}.csv");
            File.WriteAllLines(path, [lines[0], .. g]);
            return path;
        }).ToList();
    }
}

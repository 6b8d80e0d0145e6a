using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>In-year figures staged into in_year_benchmarks: shipped rows in every warehouse, an LA's file replacing them.</summary>
public class InYearBenchmarkLoadTests
{
    private static List<string> InYear(EtlWarehouse w) =>
        EtlWarehouse.Rows(w.Open(), """
            SELECT span, strftime(week_commencing, '%Y-%m-%d'), term, geographic_level, coalesce(old_la_code, region_code, '-'), education_phase, overall_absence_perc, origin
            FROM in_year_benchmarks ORDER BY ALL
            """);

    [Fact]
    public void AFirstLoad_HoldsTheShippedFigures_AndAnInYearFileAddsItsOwnWithoutHalfLoading()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var shipped = InYear(w);
        Assert.Equal(13, shipped.Count);
        Assert.All(shipped, r => Assert.EndsWith("|shipped", r));

        var bad = Path.Combine(w.NewFolder("bad"), "ees.csv");
        File.WriteAllText(bad, InYearFixture.Csv.Replace("94.00,6.00,4.00", "94.00,6..0,4.00"));
        Assert.Throws<BatchRejectedException>(() => w.Load(bad));
        Assert.Equal(shipped, InYear(w));

        var good = Path.Combine(w.NewFolder("good"), "ees.csv");
        File.WriteAllText(good, InYearFixture.Csv);
        w.Load(good);
        var rows = InYear(w);
        Assert.Equal(13 + 7, rows.Count);
        Assert.Contains("WEEK|2025-11-10|∅|Local authority|319|Total|5|loaded", rows);
        // Loading again rewrites the shipped rows and keeps the loaded ones: nothing doubles.
        w.Load(new AttendanceGraph.Etl.Pipeline.LoadOptions(LaCode: 319, Force: true), good);
        Assert.Equal(rows, InYear(w));
    }

    [Fact]
    public void ALoadedFigure_ReplacesTheShippedOneOfTheSamePeriodAreaAndPhase()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var file = Path.Combine(w.NewFolder("ees"), "ees.csv");
        File.WriteAllText(file, """
            time_period,time_identifier,time_frame,geographic_level,education_phase,overall_absence_perc
            2025,Week 43,Week,National,All schools,7.40
            """ + "\n");
        w.Load(file);
        var week43 = InYear(w).Where(r => r.StartsWith("WEEK|2025-10-20") && r.Contains("|Total|")).ToList();
        Assert.Equal("WEEK|2025-10-20|∅|National|-|Total|7.4|loaded", Assert.Single(week43));
    }
}

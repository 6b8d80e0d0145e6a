using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Benchmarks;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Read;

/// <summary>The EES in-year kind: recognised by its header, unused rows skipped, bad rows rejected where they are.</summary>
public class InYearBenchmarkReadTests
{
    [Fact]
    public void Header_IsRecognised_RowsAreRead_AndUnusedLevelsPhasesAndDaysSkipped()
    {
        using var t = new TestBatch();
        t.Write("ees_weekly_download.csv", InYearFixture.Csv);

        var batch = t.Read();

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Equal(InputKind.InYearBenchmarks, Assert.Single(batch.Files).Kind);
        Assert.Equal(7, batch.InYearBenchmarks.Count);
        var week = batch.InYearBenchmarks.Single(b => b.Span == InYearSpan.Week && b.GeographicLevel == "National" && b.EducationPhase == "Total");
        Assert.Equal(new InYearBenchmarkRecord(InYearSpan.Week, 202526, new DateOnly(2025, 11, 10), null, "National", null, null, null, null, null,
            "Total", 93.00, 7.00, 4.50, 2.50, null, null), week);
        var sutton = batch.InYearBenchmarks.Single(b => b.GeographicLevel == "Local authority");
        Assert.Equal(("319", "Sutton", "E12000007", 5.00), (sutton.OldLaCode, sutton.LaName, sutton.RegionCode, sutton.OverallAbsencePercent));
        var ytd = batch.InYearBenchmarks.Single(b => b.Span == InYearSpan.YearToDate);
        Assert.Equal((new DateOnly(2025, 11, 10), 17.50), (ytd.WeekCommencing, ytd.PersistentAbsencePercent));
        var terms = batch.InYearBenchmarks.Where(b => b.Span == InYearSpan.Term).ToList();
        Assert.Equal(2, terms.Count);
        Assert.All(terms, b => Assert.Equal(("AUTUMN", 202526, (DateOnly?)null), (b.Term, b.TimePeriod, b.WeekCommencing)));
    }

    [Fact]
    public void BadNumber_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var path = t.Write("ees.csv", InYearFixture.Csv.Replace("95.00,5.00,3.00", "95.00,five,3.00"));

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.BadNumber));
        Assert.Equal((path, 5L, "overall_absence_perc"), (r.File, r.Line, r.Column));
        Assert.Equal(6, batch.InYearBenchmarks.Count);
    }

    [Fact]
    public void PeriodThatIsNoWeekOrTerm_IsRejectedNamingTheColumn()
    {
        using var t = new TestBatch();
        var path = t.Write("ees.csv", InYearFixture.Csv.Replace("National,2025,Week 46,Week,E92000001,England,,,,,,Primary", "National,2025,Week 60,Week,E92000001,England,,,,,,Primary")
            .Replace("National,202526,Autumn term,,E92000001,England,,,,,,Primary", "National,202526,Winter term,,E92000001,England,,,,,,Primary"));

        var batch = t.Read();

        var rejections = batch.Report.Examples(RejectionReason.UnknownPeriod).OrderBy(r => r.Line).ToList();
        Assert.Equal([(path, 3L, "time_identifier"), (path, 11L, "time_identifier")], rejections.Select(r => (r.File, r.Line, r.Column)));
        Assert.Contains("Week 60", rejections[0].Detail);
    }

    [Fact]
    public void ATimeFrameThatIsNoWeekYearToDateOrDay_IsRejected()
    {
        using var t = new TestBatch();
        var path = t.Write("ees.csv", InYearFixture.Csv.Replace("National,2025,Week 46,Week,E92000001,England,,,,,,Primary", "National,2025,Week 46,1,E92000001,England,,,,,,Primary"));

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.UnknownPeriod));
        Assert.Equal((path, 3L, "time_frame"), (r.File, r.Line, r.Column));
    }

    [Fact]
    public void HeaderWithoutARequiredColumn_IsRejectedNamingIt()
    {
        using var t = new TestBatch();
        var path = t.Write("ees.csv", InYearFixture.Csv.Replace("TIME_IDENTIFIER,", "week_label,"));

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.MissingColumn));
        Assert.Equal((path, "time_identifier"), (r.File, r.Column));
        Assert.Contains("time_identifier", r.Detail);
        Assert.Empty(batch.InYearBenchmarks);
    }

    [Fact]
    public void TheShippedFile_IsValid_AndHoldsOnlyNationalAndRegionalFiguresWithTheirSource()
    {
        var shipped = DefaultBenchmarks.ReadInYear();

        Assert.Equal(13, shipped.Count);
        Assert.All(shipped, b => Assert.False(string.IsNullOrEmpty(b.Source)));
        // DfE Week 43 2025 (w/c 20 October 2025): England, all schools, overall absence 7.36%.
        var week43 = shipped.Single(b => b.Span == InYearSpan.Week && b.EducationPhase == "Total");
        Assert.Equal((new DateOnly(2025, 10, 20), 202526, 7.36), (week43.WeekCommencing, week43.TimePeriod, week43.OverallAbsencePercent));
    }
}

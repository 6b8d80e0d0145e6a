using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// On a generated LA (24 schools, 2,400 pupils, September to March, with weeks that straddle month ends and
/// cohorts with real membership dates), day ranges read partly from the aggregates give exactly the figures of
/// reading every day from the marks, for the request shapes the dashboards use.
/// </summary>
public sealed class PeriodSplitGeneratedTests(BatchingTests.GeneratedLa la) : IClassFixture<BatchingTests.GeneratedLa>
{
    [Fact]
    public void RandomDayRanges_EqualTheMarksComputedFigures()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var days = SchoolCalendar.For(new AcademicYear(2025)).SchoolDays.Where(d => d <= new DateOnly(2026, 3, 31)).ToList();
        var random = new Random(16);
        var checkedSplits = 0;
        for (var i = 0; i < 12; i++)
        {
            var (a, b) = (days[random.Next(days.Count)], days[random.Next(days.Count)]);
            var period = Period.Range(a < b ? a : b, a < b ? b : a);
            if (PeriodSplit.Of(period).Core is not null) checkedSplits++;
            foreach (var request in new[]
            {
                new MeasureRequest(period) { GroupBy = MeasureGrouping.School },
                new MeasureRequest(period) { Grain = TimeGrain.Week },
                new MeasureRequest(period) { Phase = "Secondary", GroupBy = MeasureGrouping.School, Population = Population.Cohort, Cohorts = ["FSM", "SEND"] },
                new MeasureRequest(period) { Population = Population.RestOfPupils, Cohorts = ["SEN_SUPPORT", "LOOKED_AFTER", "SOCIAL_WORKER"], GroupBy = MeasureGrouping.Phase },
            })
                Assert.Equal(MeasureQuery.Run(c, request, wholeFragmentsFromAggregates: false), MeasureQuery.Run(c, request), RowComparer.Instance);
        }
        Assert.True(checkedSplits >= 6, $"only {checkedSplits} of the ranges held a whole fragment");
    }

    /// <summary>
    /// A request for codes reads the marks through the ETL's own pivot into every count column; any other counts only the
    /// columns its measures add up, with FILTER aggregates. Both give the same measures, day range by day range.
    /// </summary>
    [Fact]
    public void MarksCountedIntoTheMeasuresColumns_EqualTheEtlsPivotOfEveryCode()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var days = SchoolCalendar.For(new AcademicYear(2025)).SchoolDays.Where(d => d <= new DateOnly(2026, 3, 31)).ToList();
        var random = new Random(61);
        for (var i = 0; i < 8; i++)
        {
            var (a, b) = (days[random.Next(days.Count)], days[random.Next(days.Count)]);
            var period = Period.Range(a < b ? a : b, a < b ? b : a);
            foreach (var request in new[]
            {
                new MeasureRequest(period) { GroupBy = MeasureGrouping.School },
                new MeasureRequest(period) { Grain = TimeGrain.Week },
                new MeasureRequest(period) { GroupBy = MeasureGrouping.School, Population = Population.Cohort, Cohorts = ["FSM", "SEND", "LOOKED_AFTER"] },
                new MeasureRequest(period) { Population = Population.RestOfPupils, Cohorts = ["SEN_SUPPORT", "SOCIAL_WORKER"], GroupBy = MeasureGrouping.Phase },
            })
            {
                var everyCode = MeasureQuery.Run(c, request with { IncludeCodes = true }, wholeFragmentsFromAggregates: false)
                    .Select(r => r with { Values = r.Values with { CodeSessions = null } }).ToList();
                Assert.NotEmpty(everyCode);
                Assert.Equal(everyCode, MeasureQuery.Run(c, request, wholeFragmentsFromAggregates: false), RowComparer.Instance);
                Assert.Equal(everyCode, MeasureQuery.Run(c, request), RowComparer.Instance);
            }
        }
    }

    /// <summary>
    /// A weekly series over a day range is read as its whole weeks from the school rollup and its part weeks from the marks
    /// (WeeklySplit): the same rows, cell keys included, as reading every day from the marks, for the shapes the LA trend, the
    /// phase and cohort trends and the school pages ask.
    /// </summary>
    [Fact]
    public void WeeklySeriesOverDayRanges_EqualTheMarksComputedFigures()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var days = SchoolCalendar.For(new AcademicYear(2025)).SchoolDays.Where(d => d <= new DateOnly(2026, 3, 31)).ToList();
        var random = new Random(7);
        // Two fixed ranges besides the random ones: one starting on a month's first day mid-week (1 October 2025 is a
        // Wednesday), whose first part week meets the whole weeks' month part; one ending on a month's last day mid-week.
        var periods = new List<Period> { Period.Range(new DateOnly(2025, 10, 1), new DateOnly(2025, 11, 19)), Period.Range(new DateOnly(2025, 11, 12), new DateOnly(2025, 12, 31)) };
        for (var i = 0; i < 6; i++)
        {
            var (a, b) = (days[random.Next(days.Count)], days[random.Next(days.Count)]);
            periods.Add(Period.Range(a < b ? a : b, a < b ? b : a));
        }
        var split = 0;
        foreach (var period in periods)
        {
            if (WeeklySplit.Of(period) is not null) split++;
            foreach (var request in new[]
            {
                new MeasureRequest(period) { Grain = TimeGrain.Week },
                new MeasureRequest(period) { Grain = TimeGrain.Week, CellKeys = true, Population = Population.Cohort, Cohorts = ["FSM", "SEND"] },
                new MeasureRequest(period) { Grain = TimeGrain.Week, GroupBy = MeasureGrouping.Phase, Population = Population.RestOfPupils, Cohorts = ["SEN_SUPPORT", "LOOKED_AFTER"] },
                new MeasureRequest(period) { Grain = TimeGrain.Week, GroupBy = MeasureGrouping.School, IncludeAllAges = true, CellKeys = true },
            })
                Assert.Equal(MeasureQuery.Run(c, request, wholeFragmentsFromAggregates: false), MeasureQuery.Run(c, request), RowComparer.Instance);
        }
        Assert.True(split >= 5, $"only {split} of the ranges held a whole week");
    }

    private sealed class RowComparer : IEqualityComparer<MeasureRow>
    {
        public static readonly RowComparer Instance = new();
        public bool Equals(MeasureRow? x, MeasureRow? y) => x is not null && y is not null && x with { Values = MeasureValues.Empty } == y with { Values = MeasureValues.Empty } && x.Values == y.Values;
        public int GetHashCode(MeasureRow r) => HashCode.Combine(r.Urn, r.Phase, r.BucketStart, r.Cohort);
    }
}

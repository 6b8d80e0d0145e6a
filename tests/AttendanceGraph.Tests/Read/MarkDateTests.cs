using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Validate;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

/// <summary>
/// Marks dated beyond today's margin, before 2006/07 or at a weekend are rejected with file, line, column and
/// reason. "Today" is Friday 3 October 2025 with the default 7-day margin, so the last allowed mark is Friday
/// 10 October; 4–5 October and 11–12 October are weekends. TestBatch's pupils are on roll from 2024-09-01.
/// </summary>
public class MarkDateTests
{
    private static readonly DateRules Today = new(new DateOnly(2025, 10, 3));
    private static ReadOptions Options => new(LaCode: 319, SkipInvalid: true) { Dates = Today };

    private static (ReadBatch Batch, SinkCollector Sinks, string Path) Run(TestBatch t, string rows, ExistingWarehouseState? existing = null)
    {
        if (!File.Exists(Path.Combine(t.Dir, "edubasealldata20261120.csv"))) t.WriteSchools();
        t.WriteEnrolments();
        var path = t.WriteMarks(rows);
        var batch = t.Read(Options, existing);
        var sinks = new SinkCollector();
        batch.StreamMarks(sinks.Create);
        return (batch, sinks, path);
    }

    [Fact]
    public void AMarkIn2099_IsRejectedAsInTheFuture_WithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var (batch, sinks, path) = Run(t, $"""
            {Pupil1},100001,2025-10-03,AM,/
            {Pupil1},100001,2099-01-05,AM,/
            """);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateInFuture));
        Assert.Equal(1, batch.Report.TotalRejected);
        Assert.Equal((path, 3L, "date"), (r.File, r.Line, r.Column));
        Assert.Contains("2099-01-05 is more than 7 days after today (2025-10-03)", r.Detail);
        Assert.Equal(new DateOnly(2025, 10, 3), Assert.Single(sinks.All).Date);
    }

    [Fact]
    public void AMarkOnTheLastDayOfTheMargin_IsAccepted_AndTheDayAfterIsRejected()
    {
        using var t = new TestBatch();
        // Friday 10 October is today + 7; Monday 13 October is the next weekday after it.
        var (batch, sinks, _) = Run(t, $"""
            {Pupil1},100001,2025-10-10,AM,#
            {Pupil1},100001,2025-10-13,AM,#
            """);

        Assert.Equal(new DateOnly(2025, 10, 10), Assert.Single(sinks.All).Date);
        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateInFuture));
        Assert.Equal(3L, r.Line);
    }

    [Fact]
    public void AWiderMargin_AcceptsAMarkTheDefaultRejects()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        t.WriteMarks($"{Pupil1},100001,2025-10-13,AM,#");
        var batch = t.Read(Options with { Dates = new DateRules(new DateOnly(2025, 10, 3), futureDays: 10) });
        var sinks = new SinkCollector();

        Assert.Equal(1, batch.StreamMarks(sinks.Create));
        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
    }

    [Fact]
    public void AMarkBefore2006_07_IsRejectedAsTooEarly_AndTheFirstDayOfThatYearIsNot()
    {
        using var t = new TestBatch();
        // 31 July 2006 (a Monday) ends 2005/06; 1 August 2006 (a Tuesday) is the first day that can be loaded.
        // Neither is in an enrolment, so the first is rejected for its date and the second only for the enrolment.
        var (batch, _, path) = Run(t, $"""
            {Pupil1},100001,2006-07-31,AM,/
            {Pupil1},100001,2006-08-01,AM,/
            """);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateTooEarly));
        Assert.Equal((path, 2L, "date"), (r.File, r.Line, r.Column));
        Assert.Contains("before 2006/07", r.Detail);
        Assert.Equal(3L, Assert.Single(batch.Report.Examples(RejectionReason.DateOutsideEnrolment)).Line);
    }

    [Fact]
    public void SaturdayAndSundayMarks_AtASchoolWithoutWeekendSessions_AreRejected()
    {
        using var t = new TestBatch();
        var (batch, sinks, path) = Run(t, $"""
            {Pupil1},100001,2025-09-26,PM,/
            {Pupil1},100001,2025-09-27,AM,/
            {Pupil1},100001,2025-09-28,AM,/
            """);

        var rejected = batch.Report.Examples(RejectionReason.WeekendMark);
        Assert.Equal([3L, 4L], rejected.Select(r => r.Line));
        Assert.All(rejected, r => Assert.Equal((path, "date"), (r.File, r.Column)));
        Assert.Contains("2025-09-27 is a Saturday and school 100001 has not declared weekend sessions", rejected[0].Detail);
        Assert.Contains("2025-09-28 is a Sunday", rejected[1].Detail);
        Assert.Equal(new DateOnly(2025, 9, 26), Assert.Single(sinks.All).Date);
    }

    [Fact]
    public void AMark_AtAnotherLasSchool_IsCheckedLikeAnyOther()
    {
        // Another LA's school is kept (residency), so a mark there is checked as any school's: Pupil1 is not enrolled there.
        using var t = new TestBatch();
        var (batch, _, _) = Run(t, $"{Pupil1},200001,2025-09-27,AM,/");

        var r = Assert.Single(batch.Report.Examples(RejectionReason.NoEnrolment));
        Assert.Contains("has no enrolment at school 200001", r.Detail);
        Assert.Equal(1, batch.Report.TotalRejected);
    }

    [Fact]
    public void WeekendMarks_AtASchoolThatDeclaredWeekendSessions_AreAccepted_AndOnlyThere()
    {
        using var t = new TestBatch();
        t.Write("edubasealldata20261120.csv", $"""
            {GiasHeader},weekend_sessions
            100001,319,Sutton,2001,Alpha Primary School,Community school,Primary,Open,01-09-1990,,4,11,Y
            100002,319,Sutton,2002,Beta Primary School,Academy converter,Primary,Open,01-09-2012,,4,11,
            """ + "\n");
        var (batch, sinks, _) = Run(t, $"""
            {Pupil1},100001,2025-09-27,AM,/
            {Pupil1},100001,2025-09-28,PM,/
            {Pupil3},100002,2025-09-27,AM,/
            """);

        Assert.Equal([true, false], batch.Schools.Select(s => s.WeekendSessions));
        Assert.Equal([new DateOnly(2025, 9, 27), new DateOnly(2025, 9, 28)], sinks.All.Select(m => m.Date).Order());
        Assert.Equal(4L, Assert.Single(batch.Report.Examples(RejectionReason.WeekendMark)).Line);
    }

    [Fact]
    public void AWarehouseSchoolWithWeekendSessions_KeepsThemWhenTheSchoolsFileDoesNotSay()
    {
        using var t = new TestBatch();
        var existing = new ExistingWarehouseState(new Dictionary<string, int>(), new HashSet<int> { 100001 }, [])
        {
            WeekendSessionSchools = new HashSet<int> { 100001 },
        };
        var (batch, sinks, _) = Run(t, $"{Pupil1},100001,2025-09-27,AM,/", existing);

        Assert.Null(batch.Schools.Single(s => s.Urn == 100001).WeekendSessions);
        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Single(sinks.All);
    }

    [Fact]
    public void AWeekendSessionsValueOtherThanYOrN_RejectsTheSchoolRow()
    {
        using var t = new TestBatch();
        var path = t.Write("gias.csv", $"""
            {GiasHeader},weekend_sessions
            100001,319,Sutton,2001,Alpha Primary School,Community school,Primary,Open,01-09-1990,,4,11,Saturdays
            """ + "\n");

        var batch = t.Read(Options);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.BadFlag));
        Assert.Equal((path, 2L, "weekend_sessions"), (r.File, r.Line, r.Column));
        Assert.Contains("'Saturdays' is neither Y nor N", r.Detail);
        Assert.Empty(batch.Schools);
    }
}

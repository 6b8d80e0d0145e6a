using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Validate;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

/// <summary>
/// Entry and cohort start dates may be up to 366 days ahead (admissions are recorded in advance), leaving and
/// end dates not before 2006/07. "Today" is 15 July 2026: 2027-07-16 is the last start date allowed.
/// </summary>
public class EnrolmentDateTests
{
    private static readonly ReadOptions Options = new(LaCode: 319, SkipInvalid: true) { Dates = new DateRules(new DateOnly(2026, 7, 15)) };

    private static (ReadBatch Batch, string Path) Read(string file, string header, string rows)
    {
        using var t = new TestBatch();
        t.WriteSchools();
        var path = t.Write(file, header + "\n" + rows.Trim('\n') + "\n");
        return (t.Read(Options), path);
    }

    [Fact]
    public void AnAdmissionForNextSeptember_IsAccepted_AndOneIn2099_IsRejectedAsInTheFuture()
    {
        var (batch, path) = Read("pupils.csv", EnrolmentHeader, $"""
            {Pupil1},100001,2026-09-02,,2021-05-01,F,R
            {Pupil2},100001,2099-09-01,,2021-06-01,M,R
            """);

        Assert.Equal(Pupil1, Assert.Single(batch.Enrolments).Upn);
        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateInFuture));
        Assert.Equal((path, 3L, "entry_date"), (r.File, r.Line, r.Column));
        Assert.Contains("entry date 2099-09-01 is more than 366 days after today (2026-07-15)", r.Detail);
    }

    [Fact]
    public void AnEntryDateAYearAndADayAhead_IsRejected_AndAYearAheadIsNot()
    {
        var (batch, _) = Read("pupils.csv", EnrolmentHeader, $"""
            {Pupil1},100001,2027-07-16,,2021-05-01,F,R
            {Pupil2},100001,2027-07-17,,2021-06-01,M,R
            """);

        Assert.Equal(Pupil1, Assert.Single(batch.Enrolments).Upn);
        Assert.Equal(3L, Assert.Single(batch.Report.Examples(RejectionReason.DateInFuture)).Line);
    }

    [Fact]
    public void AnEnrolmentThatEndedBefore2006_07_IsRejectedAsTooEarly_ButOneStartingBeforeAndStillOpenIsKept()
    {
        var (batch, path) = Read("pupils.csv", EnrolmentHeader, $"""
            {Pupil1},100001,2001-09-01,2006-07-21,1996-05-01,F,11
            {Pupil2},100001,2004-09-01,,1999-06-01,M,7
            """);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateTooEarly));
        Assert.Equal((path, 2L, "leaving_date"), (r.File, r.Line, r.Column));
        Assert.Contains("leaving date 2006-07-21 is before 2006/07", r.Detail);
        Assert.Equal(Pupil2, Assert.Single(batch.Enrolments).Upn);
    }

    [Fact]
    public void AFutureLeavingDate_IsKept()
    {
        var (batch, _) = Read("pupils.csv", EnrolmentHeader, $"{Pupil1},100001,2024-09-01,2031-07-22,2016-05-01,F,3");

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Equal(new DateOnly(2031, 7, 22), Assert.Single(batch.Enrolments).LeavingDate);
    }

    [Fact]
    public void ACohortMembershipStartingIn2099_IsRejectedAsInTheFuture()
    {
        var (batch, path) = Read("send.csv", CohortHeader, $"""
            {Pupil1},EHC_PLAN,2026-09-01,
            {Pupil2},EHC_PLAN,2099-01-05,
            """);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateInFuture));
        Assert.Equal((path, 3L, "start_date"), (r.File, r.Line, r.Column));
        Assert.Contains("start date 2099-01-05", r.Detail);
        Assert.Equal(Pupil1, Assert.Single(batch.CohortMemberships).Upn);
    }

    [Fact]
    public void ACohortMembershipThatEndedBefore2006_07_IsRejectedAsTooEarly()
    {
        var (batch, path) = Read("send.csv", CohortHeader, $"{Pupil1},FSM,2003-09-01,2005-03-31");

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DateTooEarly));
        Assert.Equal((path, 2L, "end_date"), (r.File, r.Line, r.Column));
        Assert.Empty(batch.CohortMemberships);
    }
}

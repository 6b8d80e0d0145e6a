using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

public class EnrolmentAndCohortTests
{
    private static (ReadBatch Batch, string Path) Enrol(string rows, ExistingWarehouseState? existing = null)
    {
        var t = new TestBatch();
        t.WriteSchools();
        var path = t.Write("pupils.csv", EnrolmentHeader + "\n" + rows.Trim('\n') + "\n");
        var batch = t.Read(existing: existing);
        t.Dispose();
        return (batch, path);
    }

    private static (ReadBatch Batch, string Path) Cohorts(string rows)
    {
        var t = new TestBatch();
        var path = t.Write("send.csv", CohortHeader + "\n" + rows.Trim('\n') + "\n");
        var batch = t.Read();
        t.Dispose();
        return (batch, path);
    }

    [Fact]
    public void Enrolments_BadUpn_IsRejectedWithFileLineAndColumn()
    {
        var (batch, path) = Enrol($"""
            {Pupil1},100001,2024-09-01,,2016-05-01,F,3
            {BadCheckLetter},100001,2024-09-01,,2016-05-01,F,3
            """);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.BadUpn));
        Assert.Equal((path, 3L, "upn"), (r.File, r.Line, r.Column));
        Assert.Single(batch.Enrolments);
    }

    [Fact]
    public void Enrolments_UnknownSchool_IsRejectedWithFileLineAndColumn()
    {
        // 300001 is in neither the GIAS file nor the warehouse.
        var (batch, path) = Enrol($"{Pupil1},300001,2024-09-01,,2016-05-01,F,3");

        var r = Assert.Single(batch.Report.Examples(RejectionReason.UnknownSchool));
        Assert.Equal((path, 2L, "school_urn"), (r.File, r.Line, r.Column));
        Assert.Empty(batch.Enrolments);
        Assert.Empty(batch.NewPupilIds);
    }

    [Fact]
    public void Enrolments_AtAWarehouseSchool_AreAccepted()
    {
        var existing = new ExistingWarehouseState(new Dictionary<string, int>(), new HashSet<int> { 123456 }, []);
        var (batch, _) = Enrol($"{Pupil1},123456,2024-09-01,,2016-05-01,F,3", existing);

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Single(batch.Enrolments);
    }

    [Fact]
    public void Enrolments_EndBeforeStart_IsRejectedWithFileLineAndColumn()
    {
        var (batch, path) = Enrol($"{Pupil1},100001,2024-09-01,2024-08-31,2016-05-01,F,3");

        var r = Assert.Single(batch.Report.Examples(RejectionReason.EndBeforeStart));
        Assert.Equal((path, 2L, "leaving_date"), (r.File, r.Line, r.Column));
    }

    [Fact]
    public void Enrolments_DuplicateRow_IsRejectedWithFileLineAndColumn()
    {
        var (batch, path) = Enrol($"""
            {Pupil1},100001,2024-09-01,,2016-05-01,F,3
            {Pupil2},100001,2024-09-01,,2016-05-01,F,3
            {Pupil1},100001,2024-09-01,2025-07-20,2016-05-01,F,3
            """);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DuplicateRow));
        Assert.Equal((path, 4L, "upn"), (r.File, r.Line, r.Column));
        Assert.Equal(2, batch.Enrolments.Count);
    }

    [Fact]
    public void Enrolments_BadDate_MissingValue_WrongFieldCount_AreRejected()
    {
        var (batch, path) = Enrol($"""
            {Pupil1},100001,2024-09-31,,2016-05-01,F,3
            {Pupil2},100001,2024-09-01,,2016-05-01,,3
            {Pupil3},100002,2024-09-01,,2016-05-01,F
            """);

        Assert.Equal((path, 2L, "entry_date"), Where(batch, RejectionReason.BadDate));
        Assert.Equal((path, 3L, "sex"), Where(batch, RejectionReason.MissingValue));
        Assert.Equal((path, 4L, ""), Where(batch, RejectionReason.WrongFieldCount));
        Assert.Empty(batch.Enrolments);
    }

    [Fact]
    public void Enrolments_BadNumber_InSchoolUrn_IsRejected()
    {
        var (batch, path) = Enrol($"{Pupil1},1000O1,2024-09-01,,2016-05-01,F,3");
        Assert.Equal((path, 2L, "school_urn"), Where(batch, RejectionReason.BadNumber));
    }

    [Fact]
    public void NewPupilIds_StartAtNextPupilId_InFileOrder()
    {
        var known = AttendanceGraph.Schema.Identifiers.Upn.Create(319, 2001, 10, 5);
        var existing = new ExistingWarehouseState(new Dictionary<string, int> { [known] = 7 }, new HashSet<int>(), []);
        var (batch, _) = Enrol($"""
            {Pupil3},100002,2024-09-01,,2015-01-01,M,4
            {known},100001,2024-09-01,,2015-01-01,M,4
            {Pupil1},100001,2024-09-01,,2016-05-01,F,3
            {Pupil3},100001,2025-01-06,,2015-01-01,M,4
            """, existing);

        Assert.Equal([(Pupil3, 8), (Pupil1, 9)], batch.NewPupilIds.Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void Cohort_UnknownCohort_IsRejectedWithFileLineAndColumn()
    {
        var (batch, path) = Cohorts($"""
            {Pupil1},EHC_PLAN,2024-09-01,
            {Pupil1},GIFTED,2024-09-01,
            """);

        Assert.Equal((path, 3L, "cohort"), Where(batch, RejectionReason.UnknownCohort));
        Assert.Equal(new CohortMembershipRecord(Pupil1, MembershipCohort.EhcPlan, new DateOnly(2024, 9, 1), null), Assert.Single(batch.CohortMemberships));
    }

    [Fact]
    public void Cohort_EndBeforeStart_IsRejectedWithFileLineAndColumn()
    {
        var (batch, path) = Cohorts($"{Pupil1},LOOKED_AFTER,2024-09-01,2024-06-01");
        Assert.Equal((path, 2L, "end_date"), Where(batch, RejectionReason.EndBeforeStart));
        Assert.Empty(batch.CohortMemberships);
    }

    [Fact]
    public void Cohort_BadUpn_IsRejectedWithFileLineAndColumn()
    {
        var (batch, path) = Cohorts($"{Pupil1}X,FSM,2024-09-01,");
        Assert.Equal((path, 2L, "upn"), Where(batch, RejectionReason.BadUpn));
    }

    [Fact]
    public void Cohort_SeveralFilesInOneBatch_AreAllRead()
    {
        using var t = new TestBatch();
        t.Write("send.csv", $"{CohortHeader}\n{Pupil1},SEN_SUPPORT,2024-09-01,2025-01-31\n{Pupil1},EHC_PLAN,2025-02-01,\n");
        t.Write("cla.csv", $"{CohortHeader}\n{Pupil2},LOOKED_AFTER,2024-11-15,\n");
        t.Write("fsm.csv", $"end_date,start_date,cohort,upn\n,2023-09-01,FSM,{Pupil3}\n");

        var batch = t.Read();

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Equal(4, batch.CohortMemberships.Count);
        Assert.Equal(3, batch.Files.Count(f => f.Kind == InputKind.CohortMemberships));
    }

    private static (string, long, string) Where(ReadBatch batch, RejectionReason reason)
    {
        var r = Assert.Single(batch.Report.Examples(reason));
        return (r.File, r.Line, r.Column);
    }
}

using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Tests.Read;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Validate;

public class ValidationReportTests
{
    [Fact]
    public void SkipInvalid_KeepsTheValidRows_AndWritesEveryRejectToTheRejectsFile()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.Write("pupils.csv", $"""
            {EnrolmentHeader}
            {Pupil1},100001,2024-09-01,,2016-05-01,F,3
            {BadCheckLetter},100001,2024-09-01,,2016-05-01,F,3
            {Pupil3},100002,2024-09-01,,2015-01-01,M,4
            """ + "\n");
        t.WriteMarks($"""
            {Pupil1},100001,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,"Q,Q"
            {Pupil3},100002,2024-09-02,AM,/
            {Pupil3},100002,2024-09-02,AM,/
            """);
        var rejects = Path.Combine(t.Dir, "out", "rejects.csv.txt");

        var batch = t.Read(new ReadOptions(LaCode: 319, SkipInvalid: true, RejectsPath: rejects));
        var sinks = new SinkCollector();
        var accepted = batch.StreamMarks(sinks.Create);

        Assert.Equal([Pupil1, Pupil3], batch.Enrolments.Select(e => e.Upn));
        Assert.Equal(2, accepted);
        Assert.Equal(2, sinks.All.Count);
        Assert.Equal(3, batch.Report.TotalRejected); // bad UPN, wrong field count (a comma in the code), duplicate mark
        var lines = File.ReadAllLines(rejects);
        Assert.Equal("file,line,column,reason,detail,raw_line", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("pupils.csv,3,upn,BadUpn,"));
        Assert.Contains(lines, l => l.Contains("marks.csv,5,session,DuplicateMark,"));
        Assert.Contains(lines, l => l.EndsWith($"\"{Pupil1},100001,2024-09-02,PM,\"\"Q,Q\"\"\""));
    }

    [Fact]
    public void StrictMode_ReportsErrors_ButStillNeverReturnsInvalidRows()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.Write("pupils.csv", $"{EnrolmentHeader}\n{Pupil1},100001,2024-09-01,,2016-05-01,F,3\n{Pupil2},999999,2024-09-01,,2016-05-01,F,3\n");

        var batch = t.Read(new ReadOptions(LaCode: 319, SkipInvalid: false));

        Assert.True(batch.Report.HasErrors);
        Assert.Equal(1, batch.Report.Count(RejectionReason.UnknownSchool));
        Assert.Equal([Pupil1], batch.Enrolments.Select(e => e.Upn));
    }

    [Fact]
    public void Summary_ShowsCountsAndTheFirstExamples_NotEveryRow()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        var sb = new StringBuilder();
        // Weekdays: a weekend mark would be rejected for its date instead.
        foreach (var d in Weekdays(new DateOnly(2024, 9, 2), 40)) sb.Append($"{Pupil1},100001,{d:yyyy-MM-dd},AM,QQ\n");
        sb.Append($"{Pupil1},100001,2024-09-02,XX,/\n");
        t.WriteMarks(sb.ToString());

        var batch = t.Read();
        batch.StreamMarks(new SinkCollector().Create);
        var summary = batch.Report.ToSummary();

        Assert.Equal(41, batch.Report.TotalRejected);
        Assert.Contains("41 rows rejected", summary);
        Assert.Contains("UnknownCode: 40", summary);
        Assert.Contains("BadSession: 1", summary);
        Assert.Contains("marks.csv line 2, column code: unknown code 'QQ'", summary);
        Assert.Contains("and 35 more", summary);
        Assert.Equal(ValidationReport.MaxExamplesPerReason, batch.Report.Examples(RejectionReason.UnknownCode).Count);
        Assert.Equal(ValidationReport.MaxExamplesPerReason, summary.Split('\n').Count(l => l.Contains("unknown code")));
        Assert.Contains("marks.csv line 42, column session", summary);
    }

    [Fact]
    public void Report_IsThreadSafe_AndBounded()
    {
        var report = new ValidationReport();
        Parallel.For(0, 10_000, i =>
            report.Add(new Rejection("marks.csv", i + 2, "code", (RejectionReason)(i % 3 + (int)RejectionReason.BadDate), "x", "")));

        Assert.Equal(10_000, report.TotalRejected);
        Assert.Equal(10_000, report.CountsByReason.Values.Sum());
        Assert.All(report.CountsByReason.Keys, k => Assert.Equal(ValidationReport.MaxExamplesPerReason, report.Examples(k).Count));
        Assert.Equal("No rows rejected.", new ValidationReport().ToSummary());
    }
}

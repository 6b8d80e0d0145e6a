using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Schema.Identifiers;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

/// <summary>A marks file given twice under two names repeats every session: too many to resolve, so the batch is refused.</summary>
public sealed class RepeatedFileTests
{
    [Fact]
    public void TheSameLargeMarksFileUnderTwoNames_IsRefusedAsUnresolvable_NotResolvedSessionBySession()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        var weekdays = Enumerable.Range(0, 1500).Select(i => new DateOnly(2022, 9, 1).AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(1000).ToList();
        var pupils = Enumerable.Range(1, 55).Select(i => Upn.Create(319, 2001, 2016, i)).ToList();
        t.Write("pupils.csv", EnrolmentHeader + "\n" + string.Join("", pupils.Select(p => $"{p},100001,2022-09-01,,2016-05-01,F,3\n")));
        var marks = new StringBuilder(MarksHeader).Append('\n');
        foreach (var p in pupils)
            foreach (var d in weekdays) marks.Append($"{p},100001,{d:yyyy-MM-dd},AM,/\n{p},100001,{d:yyyy-MM-dd},PM,\\\n");
        t.Write("marks.csv", marks.ToString());
        t.Write("marks-resent.csv", marks.ToString()); // 110,000 sessions, every one marked twice

        var batch = t.Read(new ReadOptions(LaCode: 319, SkipInvalid: true, Threads: 2));
        batch.StreamMarks(new SinkCollector().Create);

        Assert.True(batch.RepeatsUnresolved);
        var r = Assert.Single(batch.Report.Examples(RejectionReason.ConflictingMarks));
        Assert.Contains("sessions are marked more than once in this batch (is a file given twice?)", r.Detail);
        Assert.Empty(batch.WithdrawnMarks);
    }
}

using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// Sessions marked more than once in one batch are resolved by the documented rule, never by thread timing:
/// repeats with the same code load once (the first, in the order given and by line) and the later lines are
/// DuplicateMark; different codes load none and every line is ConflictingMarks.
/// </summary>
public sealed class MarkConflictTests
{
    private const int Runs = 20;

    /// <summary>P1's weekdays at Alpha from 2025-09-15: after the hand-checked days, before any future date.</summary>
    private static readonly DateOnly[] Weekdays = Enumerable.Range(0, 300).Select(i => new DateOnly(2025, 9, 15).AddDays(i))
        .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(150).ToArray();

    private static string Present(string session) => session == "AM" ? "/" : "\\";

    /// <summary>
    /// a.csv: every session of <see cref="Weekdays"/> present, then (in the file's last third, so with three
    /// parser threads the repeats are parsed by another thread than the originals) days 0–19 AM again as 'I'
    /// (conflicts) and days 20–39 AM again as '/' (duplicates). b.csv, given second: days 40–49 PM as 'N'
    /// (conflicts across files) and days 50–59 PM as '\' (duplicates across files).
    /// </summary>
    private static (string A, string B) WriteBatch(string dir)
    {
        var a = new StringBuilder("upn,school_urn,date,session,code\n");
        foreach (var d in Weekdays)
            foreach (var s in new[] { "AM", "PM" }) a.Append($"{P1},{Alpha},{d:yyyy-MM-dd},{s},{Present(s)}\n");
        for (var i = 0; i < 20; i++) a.Append($"{P1},{Alpha},{Weekdays[i]:yyyy-MM-dd},AM,I\n");
        for (var i = 20; i < 40; i++) a.Append($"{P1},{Alpha},{Weekdays[i]:yyyy-MM-dd},AM,/\n");
        var b = new StringBuilder("upn,school_urn,date,session,code\n");
        for (var i = 40; i < 50; i++) b.Append($"{P1},{Alpha},{Weekdays[i]:yyyy-MM-dd},PM,N\n");
        for (var i = 50; i < 60; i++) b.Append($"{P1},{Alpha},{Weekdays[i]:yyyy-MM-dd},PM,\\\n");
        Directory.CreateDirectory(dir);
        var (pa, pb) = (Path.Combine(dir, "a.csv"), Path.Combine(dir, "b.csv"));
        File.WriteAllText(pa, a.ToString());
        File.WriteAllText(pb, b.ToString());
        return (pa, pb);
    }

    [Fact]
    public void TheSameBatchWithConflicts_LoadedTwentyTimes_KeepsAndRejectsTheSameMarksByTheDocumentedRule()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var (a, b) = WriteBatch(w.NewFolder("conflicts"));
        var results = new HashSet<string>();
        for (var run = 0; run < Runs; run++)
        {
            var result = w.Load(new LoadOptions(LaCode: 319, SkipInvalid: true, Force: true, Threads: 3), a, b);
            Assert.False(result.AlreadyLoaded);
            using var c = w.Open();
            var marks = EtlWarehouse.Rows(c, $"""
                SELECT strftime(m.date, '%Y-%m-%d'), m.session, k.code FROM marks m JOIN attendance_codes k USING (code_id)
                WHERE m.pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P1}') AND m.date >= DATE '2025-09-15' ORDER BY ALL
                """);
            var rejects = File.ReadAllLines(result.Report.RejectsPath!).Skip(1).Order(StringComparer.Ordinal);
            results.Add(string.Join("\n", marks) + "\n--\n" + string.Join("\n", rejects));
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
            if (run > 0) continue;

            // The rule, checked once (the other runs must equal this one).
            Assert.Equal(2 * 150 - 20 - 10, marks.Count); // conflicting sessions load neither mark
            Assert.DoesNotContain(marks, m => m.StartsWith($"{Weekdays[0]:yyyy-MM-dd}|0|", StringComparison.Ordinal));
            Assert.DoesNotContain(marks, m => m.StartsWith($"{Weekdays[45]:yyyy-MM-dd}|1|", StringComparison.Ordinal));
            Assert.Contains($"{Weekdays[25]:yyyy-MM-dd}|0|/", marks);
            Assert.Contains($"{Weekdays[55]:yyyy-MM-dd}|1|\\", marks);
            Assert.Equal(2 * 20 + 2 * 10, result.Report.Count(RejectionReason.ConflictingMarks));
            Assert.Equal(20 + 10, result.Report.Count(RejectionReason.DuplicateMark));
            // Duplicates: the later line is the one rejected, naming the earlier one that loaded.
            var dup = result.Report.Examples(RejectionReason.DuplicateMark)[0];
            Assert.Equal((a, 2L + 300 + 20), (dup.File, dup.Line));
            Assert.EndsWith($"is already marked '/' at a.csv line {2 + 2 * 20}, which is loaded", dup.Detail);
            var conflict = result.Report.Examples(RejectionReason.ConflictingMarks)[0];
            Assert.Equal((a, 2L), (conflict.File, conflict.Line));
            Assert.Contains("a.csv line 2 ('/'), a.csv line 302 ('I'); none of them is loaded", conflict.Detail);
        }
        Assert.Single(results);
    }

    [Fact]
    public void ConflictingMarks_WithoutSkipInvalid_RejectTheBatch()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var current = w.Current;
        var (a, b) = WriteBatch(w.NewFolder("conflicts"));

        var (code, output, _) = EtlWarehouse.Cli("load", a, b, "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(1, code);
        Assert.Contains("ConflictingMarks: 60", output);
        Assert.Equal(current, w.Current);
    }

    [Fact]
    public void OnAFirstLoad_TheWithdrawnConflicts_AreLeftOutOfTheMarksAndTheAggregates()
    {
        using var w = new EtlWarehouse();
        var dir = w.NewFolder("first");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        WriteBatch(dir);

        var result = w.Load(new LoadOptions(LaCode: 319, SkipInvalid: true, Threads: 3), dir);

        using var c = w.Open();
        Assert.Equal(128 + 2 * 150 - 30, c.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(128 + 2 * 150 - 30, result.Marks);
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}

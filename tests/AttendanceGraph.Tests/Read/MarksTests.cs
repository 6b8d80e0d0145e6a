using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Schema.Codes;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

public class MarksTests
{
    /// <summary>Reads schools + enrolments + the given marks rows (line 2 onwards) and streams the marks.</summary>
    private static (ReadBatch Batch, SinkCollector Sinks, long Accepted, string Path) Run(TestBatch t, string rows,
        ReadOptions? options = null, ExistingWarehouseState? existing = null)
    {
        t.WriteSchools();
        t.WriteEnrolments();
        var path = t.WriteMarks(rows);
        var batch = t.Read(options, existing);
        var sinks = new SinkCollector();
        var accepted = batch.StreamMarks(sinks.Create);
        return (batch, sinks, accepted, path);
    }

    private static Rejection Single(ReadBatch batch, RejectionReason reason)
    {
        Assert.Equal(1, batch.Report.TotalRejected);
        return Assert.Single(batch.Report.Examples(reason));
    }

    [Fact]
    public void Marks_ValidRows_ReachTheSinkWithIdsAndCategories()
    {
        using var t = new TestBatch();
        var (batch, sinks, accepted, _) = Run(t, $"""
            {Pupil1},100001,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,I
            {Pupil3},100002,2024-09-30,am,O
            """);

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Equal(3, accepted);
        var codes = CodeCatalogue.Instance;
        var all = sinks.All.OrderBy(m => m.Date).ThenBy(m => m.PupilId).ThenBy(m => m.Session).ToList();
        Assert.Equal((100001, batch.NewPupilIds[Pupil1], new DateOnly(2024, 9, 2), (byte)1, codes["I"].Id), all[1]);
        Assert.Equal((100002, batch.NewPupilIds[Pupil3], new DateOnly(2024, 9, 30), (byte)0, codes["O"].Id), all[2]);
    }

    [Fact]
    public void Marks_UnknownCode_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var (batch, sinks, accepted, path) = Run(t, $"""
            {Pupil1},100001,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,QQ
            """);

        var r = Single(batch, RejectionReason.UnknownCode);
        Assert.Equal((path, 3L, "code"), (r.File, r.Line, r.Column));
        Assert.Contains("unknown code 'QQ'", r.Detail);
        Assert.Equal($"{Pupil1},100001,2024-09-02,PM,QQ", r.RawLine);
        Assert.Equal(1, accepted);
        Assert.Single(sinks.All);
    }

    [Fact]
    public void Marks_BadSession_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var (batch, _, accepted, path) = Run(t, $"{Pupil1},100001,2024-09-02,XM,/");

        var r = Single(batch, RejectionReason.BadSession);
        Assert.Equal((path, 2L, "session"), (r.File, r.Line, r.Column));
        Assert.Equal(0, accepted);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("02-09-2024")]
    [InlineData("2024-9-2")]
    public void Marks_BadDate_IsRejectedWithFileLineAndColumn(string date)
    {
        using var t = new TestBatch();
        var (batch, _, accepted, path) = Run(t, $"""
            {Pupil1},100001,2024-09-30,AM,/
            {Pupil1},100001,{date},AM,/
            """);

        var r = Single(batch, RejectionReason.BadDate);
        Assert.Equal((path, 3L, "date"), (r.File, r.Line, r.Column));
        Assert.Equal(1, accepted);
    }

    [Fact]
    public void Marks_BadUpn_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var (batch, _, _, path) = Run(t, $"""
            {Pupil1},100001,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,/
            {BadCheckLetter},100001,2024-09-02,AM,/
            """);

        var r = Single(batch, RejectionReason.BadUpn);
        Assert.Equal((path, 4L, "upn"), (r.File, r.Line, r.Column));
        Assert.Contains("check letter", r.Detail);
    }

    [Fact]
    public void Marks_NoEnrolment_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var stranger = AttendanceGraph.Schema.Identifiers.Upn.Create(319, 2001, 15, 999);
        var (batch, _, accepted, path) = Run(t, $"""
            {stranger},100001,2024-09-02,AM,/
            {Pupil1},100002,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,AM,/
            """);

        Assert.Equal(2, batch.Report.Count(RejectionReason.NoEnrolment));
        var rs = batch.Report.Examples(RejectionReason.NoEnrolment);
        Assert.Equal((path, 2L, "upn"), (rs[0].File, rs[0].Line, rs[0].Column));
        Assert.Equal((path, 3L, "school_urn"), (rs[1].File, rs[1].Line, rs[1].Column));
        Assert.Equal(1, accepted);
    }

    [Fact]
    public void Marks_DateOutsideEnrolment_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        // Pupil2 left 2024-12-20; Pupil1 entered 2024-09-01.
        var (batch, _, accepted, path) = Run(t, $"""
            {Pupil2},100001,2024-12-20,PM,/
            {Pupil2},100001,2025-01-06,AM,/
            {Pupil1},100001,2024-08-30,AM,/
            """);

        Assert.Equal(2, batch.Report.Count(RejectionReason.DateOutsideEnrolment));
        var rs = batch.Report.Examples(RejectionReason.DateOutsideEnrolment);
        Assert.Equal([(path, 3L, "date"), (path, 4L, "date")], rs.Select(r => (r.File, r.Line, r.Column)).ToList());
        Assert.Equal(1, accepted);
    }

    [Fact]
    public void Marks_ARepeatWithTheSameCode_IsLoadedOnce_AndTheLaterLineIsDuplicateMark()
    {
        using var t = new TestBatch();
        var (batch, sinks, accepted, path) = Run(t, $"""
            {Pupil1},100001,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,\
            {Pupil1},100001,2024-09-02,AM,/
            """, new ReadOptions(LaCode: 319, SkipInvalid: true, Threads: 1));

        var r = Single(batch, RejectionReason.DuplicateMark);
        Assert.Equal((path, 4L, "session"), (r.File, r.Line, r.Column));
        Assert.Equal("2024-09-02 AM at school 100001 is already marked '/' at marks.csv line 2, which is loaded", r.Detail);
        Assert.Equal(2, accepted);
        Assert.Empty(batch.WithdrawnMarks);
        Assert.Equal(2, sinks.All.Count);
    }

    [Fact]
    public void Marks_ConflictingCodesForOneSession_AreAllRejectedNamingEachPlace_AndNoneIsKept()
    {
        using var t = new TestBatch();
        var (batch, sinks, accepted, path) = Run(t, $"""
            {Pupil1},100001,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,\
            {Pupil1},100001,2024-09-02,AM,I
            """, new ReadOptions(LaCode: 319, SkipInvalid: true, Threads: 1));

        var rs = batch.Report.Examples(RejectionReason.ConflictingMarks);
        Assert.Equal([(path, 2L), (path, 4L)], rs.Select(r => (r.File, r.Line)));
        Assert.All(rs, r => Assert.Equal(
            "2024-09-02 AM at school 100001 is marked differently in this batch: marks.csv line 2 ('/'), marks.csv line 4 ('I'); none of them is loaded", r.Detail));
        Assert.Equal(1, accepted);
        var withdrawn = Assert.Single(batch.WithdrawnMarks);
        Assert.Equal((100001, new DateOnly(2024, 9, 2), (byte)0), (withdrawn.Urn, withdrawn.Date, withdrawn.Session));
        Assert.Equal(2, sinks.All.Count); // the sink got the first AM mark before the conflict was known: the caller removes it
    }

    [Fact]
    public void Marks_WrongFieldCount_AndMissingValue_AreRejected()
    {
        using var t = new TestBatch();
        var (batch, _, accepted, path) = Run(t, $"""
            {Pupil1},100001,2024-09-02,AM
            {Pupil1},,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,PM,/
            """);

        var wrong = Assert.Single(batch.Report.Examples(RejectionReason.WrongFieldCount));
        Assert.Equal((path, 2L), (wrong.File, wrong.Line));
        var missing = Assert.Single(batch.Report.Examples(RejectionReason.MissingValue));
        Assert.Equal((path, 3L, "school_urn"), (missing.File, missing.Line, missing.Column));
        Assert.Equal(1, accepted);
    }

    [Fact]
    public void Marks_BadNumber_InSchoolUrn_IsRejected()
    {
        using var t = new TestBatch();
        var (batch, _, _, path) = Run(t, $"{Pupil1},10000A,2024-09-02,AM,/");

        var r = Single(batch, RejectionReason.BadNumber);
        Assert.Equal((path, 2L, "school_urn"), (r.File, r.Line, r.Column));
    }

    [Fact]
    public void LegacyCode_IsMappedOnlyWithTheOption()
    {
        // H (holiday authorised, withdrawn in 2024) loads as C only when legacy codes are allowed.
        var rows = $"{Pupil1},100001,2024-09-02,AM,H";

        using (var strict = new TestBatch())
        {
            var (batch, _, accepted, path) = Run(strict, rows);
            var r = Single(batch, RejectionReason.UnknownCode);
            Assert.Equal((path, 2L, "code"), (r.File, r.Line, r.Column));
            Assert.Contains("pre-2024", r.Detail);
            Assert.Equal(0, accepted);
        }

        using (var legacy = new TestBatch())
        {
            var (batch, sinks, accepted, _) = Run(legacy, rows, new ReadOptions(LaCode: 319, AllowLegacyCodes: true));
            Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
            Assert.Equal(1, accepted);
            Assert.Equal(CodeCatalogue.Instance["C"].Id, Assert.Single(sinks.All).CodeId);
        }
    }

    [Fact]
    public void Marks_ForWarehousePupilsAndEnrolments_AreAccepted()
    {
        using var t = new TestBatch();
        var known = AttendanceGraph.Schema.Identifiers.Upn.Create(319, 2002, 14, 77);
        var existing = new ExistingWarehouseState(
            new Dictionary<string, int> { [known] = 41 },
            new HashSet<int> { 100009 },
            [new ExistingEnrolment(41, 100009, new DateOnly(2023, 9, 1), null)]);

        var (batch, sinks, accepted, _) = Run(t, $"""
            {known},100009,2024-09-02,AM,/
            {Pupil1},100001,2024-09-02,AM,/
            """, existing: existing);

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Equal(2, accepted);
        Assert.Contains(sinks.All, m => m.PupilId == 41 && m.Urn == 100009);
        Assert.Equal(42, batch.NewPupilIds[Pupil1]); // new ids continue after the warehouse's
    }

    [Fact]
    public void ConflictingMarks_AreDetectedAcrossTheTwoParsingThreads()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        // 200 AM marks for Pupil1, then 100 PM marks and 100 repeats of the first AM marks. All lines are the
        // same length, so the file splits in two byte ranges at row 200: the originals are parsed by thread 0
        // and the duplicates by thread 1.
        var sb = new StringBuilder(MarksHeader).Append('\n');
        var days = Weekdays(new DateOnly(2024, 9, 2), 200);
        foreach (var d in days) sb.Append($"{Pupil1},100001,{d:yyyy-MM-dd},AM,/\n");
        for (var i = 0; i < 100; i++)
        {
            sb.Append($"{Pupil1},100001,{days[100 + i]:yyyy-MM-dd},PM,\\\n");
            sb.Append($"{Pupil1},100001,{days[i]:yyyy-MM-dd},AM,I\n");
        }
        var path = t.Write("marks.csv", sb.ToString());

        var batch = t.Read(new ReadOptions(LaCode: 319, SkipInvalid: true, Threads: 2));
        var file = Assert.Single(batch.MarksFiles);
        var ranges = file.SplitRanges(2);
        Assert.Equal(file.DataStart, ranges[0].Start);
        Assert.Equal(ranges[0].End, ranges[1].Start);
        Assert.Equal(new FileInfo(path).Length, ranges[1].End);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'\n', bytes[ranges[1].Start - 1]); // split at a line boundary

        var sinks = new SinkCollector();
        var accepted = batch.StreamMarks(sinks.Create);

        Assert.Equal(2, sinks.Sinks.Count);
        Assert.All(sinks.Sinks, s => Assert.NotEmpty(s.Marks)); // both threads parsed rows
        // 100 AM sessions marked '/' by thread 0 and 'I' by thread 1: both marks of each are rejected, whichever
        // thread got there first, and the '/' the register kept is withdrawn.
        Assert.Equal(200, accepted);
        Assert.Equal(200, batch.Report.Count(RejectionReason.ConflictingMarks));
        Assert.Equal(100, batch.WithdrawnMarks.Count);
        Assert.Equal(days.Take(100), batch.WithdrawnMarks.Select(m => m.Date).Order());
        var conflict = batch.Report.Examples(RejectionReason.ConflictingMarks)[0];
        var lines = File.ReadAllLines(path);
        Assert.Equal((2L, lines[1]), (conflict.Line, conflict.RawLine));
        Assert.Contains("marks.csv line 2 ('/'), marks.csv line 203 ('I')", conflict.Detail);
    }

    [Fact]
    public void LineNumbers_InTheSecondRange_AreExact()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        var sb = new StringBuilder(MarksHeader).Append('\n');
        var days = Weekdays(new DateOnly(2024, 9, 2), 150);
        for (var i = 0; i < 300; i++)
            sb.Append($"{Pupil1},100001,{days[i / 2]:yyyy-MM-dd},{(i % 2 == 0 ? "AM" : "PM")},{(i == 250 ? "ZZ" : "/")}\n");
        var path = t.Write("marks.csv", sb.ToString());

        var batch = t.Read(new ReadOptions(LaCode: 319, SkipInvalid: true, Threads: 2));
        batch.StreamMarks(new SinkCollector().Create);

        var r = Single(batch, RejectionReason.UnknownCode);
        Assert.True(batch.MarksFiles[0].SplitRanges(2)[1].Start > batch.MarksFiles[0].DataStart); // really split
        Assert.Equal((path, 252L, "code"), (r.File, r.Line, r.Column));
    }

    [Fact]
    public void Progress_ReportsMarksRead()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        t.WriteMarks($"{Pupil1},100001,2024-09-02,AM,/\n{Pupil1},100001,2024-09-02,PM,/");
        var batch = t.Read();
        long last = 0;
        var gate = new Lock();
        // Parser threads report concurrently: the largest total must be kept under a lock (an unlocked max lost a race in CI,
        // one thread's 1 written over the other's 2).
        var progress = new SyncProgress(v =>
        {
            lock (gate) last = Math.Max(last, v);
        });

        batch.StreamMarks(new SinkCollector().Create, progress);

        lock (gate) Assert.Equal(2, last);
        Assert.Equal(2, batch.MarksRows);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

public class MarksStreamingTests
{
    [Fact]
    public void StreamMarks_HonoursCancellation()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        t.WriteMarks($"{TestBatch.Pupil1},100001,2024-09-02,AM,/");
        var batch = t.Read();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => batch.StreamMarks(new SinkCollector().Create, ct: cts.Token));
    }

    [Fact]
    public void AFileNamedTwice_IsReadOnce()
    {
        using var t = new TestBatch();
        var schools = t.WriteSchools();

        var batch = BatchReader.Read([t.Dir, schools], new ReadOptions(LaCode: 319), ExistingWarehouseState.Empty);

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Single(batch.Files);
        Assert.Equal(3, batch.Schools.Count); // the other LA's school too, kept out of the LA's figures by the warehouse
    }

    [Fact]
    public void AMissingPath_IsUnreadableFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ag-no-such-" + Guid.NewGuid().ToString("N") + ".csv");

        var batch = BatchReader.Read([missing], new ReadOptions(), ExistingWarehouseState.Empty);

        Assert.Equal(missing, Assert.Single(batch.Report.Examples(RejectionReason.UnreadableFile)).File);
    }
}

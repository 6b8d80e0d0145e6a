using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Read;

/// <summary>
/// DfE files read with their fields parsed ahead on other threads (the default) give what reading them row by row on one
/// thread gives: the same rows kept, pupils, enrolments, characteristics, schools of other LAs, and the same rejections in
/// the same order, whatever the rows' faults and wherever they fall among the batches handed between the threads.
/// </summary>
public sealed class SessionTotalsReadAheadTests : IDisposable
{
    private const string Header =
        "UPN,DOB,sex,ethnicity,english_additional_language,primary_sen_type,unique_reference_number,year_group," +
        "school_local_authority_ukprn,home_local_authority_ukprn,school_name,school_local_authority_name,phase," +
        "admission_date,leaving_date,possible_sessions,present_sessions,approved_educational_activity_sessions," +
        "authorised_absent_sessions,unauthorised_absent_sessions,absent_sessions,period_start,period_end";

    private const string Sutton = "10000319", Croydon = "10000306";
    private readonly TestBatch batch = new();

    public void Dispose() => batch.Dispose();

    private static string Row(string upn, int urn, DateOnly monday, int present = 8, int authorised = 1, int unauthorised = 1,
        string ethnicity = "WBRI", string schoolLa = Sutton, string schoolName = "", string dob = "2016-05-01",
        string admission = "2024-09-01", string leaving = "", string possible = "", string end = "") =>
        $"{upn},{dob},female,{ethnicity},no,,{urn},3,{schoolLa},{Sutton},{schoolName},{(schoolName.Length > 0 ? "Croydon" : "")}," +
        $"{(schoolName.Length > 0 ? "Primary" : "")},{admission},{leaving}," +
        $"{(possible.Length > 0 ? possible : (present + authorised + unauthorised).ToString())},{present},0,{authorised},{unauthorised}," +
        $"{authorised + unauthorised},{monday:yyyy-MM-dd},{(end.Length > 0 ? end : monday.AddDays(4).ToString("yyyy-MM-dd"))}";

    /// <summary>
    /// Three weekly files: the first with 6,000 pupils (batches are 4,096 rows, so its faults fall either side of a batch's
    /// end), faults of every kind among them; the second in another order with a repeat and a pupil at another LA's school;
    /// the third not UTF-8, skipped whole.
    /// </summary>
    private string[] WriteFiles()
    {
        var week1 = new DateOnly(2025, 9, 8);
        var week2 = week1.AddDays(7);
        var upns = Enumerable.Range(0, 6000).Select(i => Upn.Create(319, 2001 + i / 1000, 15, i % 1000)).ToList();
        var first = new List<string>();
        for (var i = 0; i < upns.Count; i++)
        {
            first.Add(i switch
            {
                7 => Row(upns[i], 100001, week1, possible: "11"),                                      // totals do not add up
                100 => Row(TestBatch.BadCheckLetter, 100001, week1),                                   // a new UPN, invalid
                4095 or 4096 => Row(upns[i], 100001, week1, dob: "2016-13-01"),                        // bad date, at a batch's end
                4097 => Row(upns[i], 100001, week1) + ",extra",                                        // a field too many
                4200 => Row(upns[i], 999999, week1),                                                   // a school nobody knows
                4300 => Row(upns[i], 100001, week1, ethnicity: "ZZZZ"),                                // unknown characteristic
                4400 => Row(upns[i], 100001, week1, end: week1.AddDays(11).ToString("yyyy-MM-dd")),   // more than a week
                4500 => Row(upns[i], 100001, week1, admission: "2025-10-01"),                          // not yet on roll
                4600 => "\"" + upns[i] + "\"" + Row(upns[i], 100002, week1)[upns[i].Length..],         // quoted, still valid
                4700 => Row(upns[i], 100001, week1, dob: "\"2016-05-01\nx\""),                         // a line break in a field
                _ => Row(upns[i], i % 2 == 0 ? 100001 : 100002, week1),
            });
        }
        var second = new List<string>();
        for (var i = upns.Count - 1; i >= 0; i -= 3) second.Add(Row(upns[i], 100001, week2, ethnicity: "WIRI"));
        second.Add(Row(upns[^1], 100001, week2));                                                      // the pupil's week again
        second.Add(Row(upns[8], 300001, week2, schoolLa: Croydon, schoolName: ""));                    // another LA's, unnamed
        second.Add(Row(upns[5], 300001, week2, schoolLa: Croydon, schoolName: "Croydon Primary"));     // …named
        second.Add(Row(upns[11], 300001, week2, schoolLa: Croydon, schoolName: "Croydon Primary"));    // known by now
        return
        [
            batch.WriteSchools(),
            batch.Write("dfe-1.csv", Header + "\n" + string.Join("\n", first) + "\n"),
            batch.Write("dfe-2.csv", Header + "\r\n" + string.Join("\r\n", second)),
            batch.WriteBytes("dfe-3.csv", [.. Encoding.UTF8.GetBytes(Header + "\n"), .. Encoding.Latin1.GetBytes(Row(upns[0], 100001, week2, schoolName: "Café") + "\n")]),
        ];
    }

    private (ReadBatch Read, string Rejects) ReadWith(string[] files, int threads)
    {
        var rejects = Path.Combine(batch.Dir, $"rejects-{threads}.csv");
        var read = BatchReader.Read(files, new ReadOptions(LaCode: 319, SkipInvalid: true, RejectsPath: rejects, Threads: threads),
            ExistingWarehouseState.Empty with { ServedLaUkprn = Sutton });
        read.Report.Flush();
        return (read, File.ReadAllText(rejects));
    }

    [Fact]
    public void ReadAhead_KeepsAndRejectsExactlyWhatOneThreadDoes()
    {
        var files = WriteFiles();
        var (alone, alonesRejects) = ReadWith(files, threads: 1);
        var (ahead, aheadsRejects) = ReadWith(files, threads: 2);

        // The faults above were found, in file and line order (a rejects row's raw line may hold a line break: the rows are
        // those starting with a file's path).
        var rejected = alonesRejects.Split('\n').Where(l => l.StartsWith(batch.Dir, StringComparison.Ordinal))
            .Select(l => Path.GetFileName(l.Split(',')[0]) + ":" + l.Split(',')[1]).ToList();
        Assert.Equal(["dfe-1.csv:9", "dfe-1.csv:102", "dfe-1.csv:4097", "dfe-1.csv:4098", "dfe-1.csv:4099", "dfe-1.csv:4202",
            "dfe-1.csv:4302", "dfe-1.csv:4402", "dfe-1.csv:4502", "dfe-1.csv:4702", "dfe-2.csv:2002", "dfe-2.csv:2003", "dfe-3.csv:2"], rejected);
        Assert.Equal(alonesRejects, aheadsRejects);

        Assert.Equal(alone.Files.Select(f => (f.Path, f.Rows)), ahead.Files.Select(f => (f.Path, f.Rows)));
        Assert.DoesNotContain(ahead.Files, f => f.Path.EndsWith("dfe-3.csv", StringComparison.Ordinal));
        Assert.Equal(alone.SessionTotals, ahead.SessionTotals);
        Assert.True(ahead.SessionTotals.Count > 7000, $"{ahead.SessionTotals.Count} rows kept");
        Assert.Equal(alone.Enrolments, ahead.Enrolments);
        Assert.Equal(alone.NewPupilIds.OrderBy(p => p.Value), ahead.NewPupilIds.OrderBy(p => p.Value));
        Assert.Equal(alone.Characteristics.OrderBy(c => c.Key, StringComparer.Ordinal), ahead.Characteristics.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(alone.LearnedSchools, ahead.LearnedSchools);
        Assert.Single(ahead.LearnedSchools);
        Assert.Equal(alone.SchoolLaUkprns.OrderBy(s => s.Key), ahead.SchoolLaUkprns.OrderBy(s => s.Key));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ARowRejectedForItsFields_ClaimsNoWeek_AndIsRejectedForItsFirstProblem(int threads)
    {
        // Fields are checked before the rules that depend on earlier rows: a row rejected for a bad code does not hold the
        // pupil's week against a corrected row after it, and a bad date is reported before the school nobody knows.
        var week = new DateOnly(2025, 9, 8);
        string[] files =
        [
            batch.WriteSchools(),
            batch.Write("dfe.csv", string.Join("\n", Header,
                Row(TestBatch.Pupil1, 100001, week, ethnicity: "ZZZZ"),
                Row(TestBatch.Pupil1, 100001, week),
                Row(TestBatch.Pupil2, 999999, week, dob: "2016-13-01")) + "\n"),
        ];
        var (read, rejects) = ReadWith(files, threads);
        Assert.Single(read.SessionTotals);
        Assert.Equal(2, read.Report.TotalRejected);
        Assert.Equal(1, read.Report.Count(RejectionReason.BadCharacteristic));
        Assert.Equal(1, read.Report.Count(RejectionReason.BadDate));
        Assert.Contains("dfe.csv,4,DOB,BadDate", rejects, StringComparison.Ordinal);
    }

    [Fact]
    public void AReaderThatFails_FailsTheRead_WithItsOwnError_AndLeavesNoReaderWaiting()
    {
        // The second reader fails on its file's first full batch, while the first is reading a file long enough to fill
        // its queue (more than 32 batches of 4,096 rows) and waits to hand over more: the read must end with the failing
        // reader's own error, not hang and not wrap it.
        var week = new DateOnly(2025, 9, 8);
        var upns = Enumerable.Range(0, 140_000).Select(i => Upn.Create(319, 2001 + i / 1000, 15, i % 1000)).ToList();
        string Rows(IEnumerable<string> pupils) => Header + "\n" + string.Join("\n", pupils.Select(u => Row(u, 100001, week))) + "\n";
        string[] files =
        [
            batch.WriteSchools(),
            batch.Write("dfe-1.csv", Rows(upns.Take(100))),
            batch.Write("dfe-2.csv", Rows(upns.Skip(100).Take(5000))),
            batch.Write("dfe-3.csv", Rows(upns)),
        ];
        var options = new ReadOptions(LaCode: 319, Threads: 2)
        {
            TotalsBatchParsed = (path, _) =>
            {
                if (path.EndsWith("dfe-2.csv", StringComparison.Ordinal)) throw new InvalidOperationException("reader failed");
            },
        };
        var read = Task.Run(() => BatchReader.Read(files, options, ExistingWarehouseState.Empty));
        Assert.Same(read, Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60))).GetAwaiter().GetResult());
        var failure = Assert.Throws<InvalidOperationException>(() => read.GetAwaiter().GetResult());
        Assert.Equal("reader failed", failure.Message);
    }
}

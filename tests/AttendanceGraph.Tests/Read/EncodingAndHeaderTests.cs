using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Validate;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

/// <summary>Files in a foreign encoding, headers naming a column twice and lines without end get rejections of their own.</summary>
public sealed class EncodingAndHeaderTests
{
    private static string MarksCsv => $"{MarksHeader}\n{Pupil1},100001,2024-09-02,AM,/\n";

    public static TheoryData<string, string> Utf16Files => new()
    {
        { "le-bom", "UTF-16 (little-endian, with a byte order mark)" },
        { "be-bom", "UTF-16 (big-endian, with a byte order mark)" },
        { "le", "UTF-16 (little-endian, without a byte order mark)" },
        { "be", "UTF-16 (big-endian, without a byte order mark)" },
    };

    [Theory]
    [MemberData(nameof(Utf16Files))]
    public void AUtf16File_IsRejectedAsWrongEncoding_NotAsAnUnrecognisedHeader(string variant, string described)
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        var encoding = variant switch
        {
            "le-bom" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "be-bom" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            "le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
            _ => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
        };
        var path = t.WriteBytes("marks.csv", [.. encoding.GetPreamble(), .. encoding.GetBytes(MarksCsv)]);

        var batch = t.Read();

        Assert.Equal(0, batch.Report.Count(RejectionReason.UnrecognisedHeader));
        var r = Assert.Single(batch.Report.Examples(RejectionReason.WrongEncoding));
        Assert.Equal((path, 1L), (r.File, r.Line));
        Assert.Equal($"the file is {described}; save it as UTF-8 (in Excel: CSV UTF-8) and load it again", r.Detail);
        Assert.DoesNotContain('\0', r.Detail);
        Assert.DoesNotContain(batch.Files, f => f.Path == path);
    }

    [Fact]
    public void AGiasExtractSavedAsUtf16_IsWrongEncoding_EvenThoughGiasMayBeWindows1252()
    {
        using var t = new TestBatch();
        var path = t.WriteSchools();
        File.WriteAllText(path, File.ReadAllText(path), Encoding.Unicode);

        var batch = t.Read();

        Assert.Contains("UTF-16 (little-endian", Assert.Single(batch.Report.Examples(RejectionReason.WrongEncoding)).Detail);
        Assert.Empty(batch.Schools);
    }

    [Fact]
    public void ADuplicateColumnWithConflictingValues_IsRejectedNamingTheColumn_AndLoadsNothing()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        // The same session with two different codes: which one was meant cannot be told, so neither loads.
        var path = t.Write("marks.csv", $"{MarksHeader},CODE\n{Pupil1},100001,2024-09-02,AM,/,N\n");

        var batch = t.Read();
        var sinks = new SinkCollector();
        batch.StreamMarks(sinks.Create);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.DuplicateColumn));
        Assert.Equal((path, 1L), (r.File, r.Line));
        Assert.Equal("the header names a column twice: 'CODE' (columns 5 and 6); keep one of each and load the file again", r.Detail);
        Assert.Empty(sinks.All);
        Assert.Empty(batch.MarksFiles);
    }

    [Fact]
    public void RepeatedUnnamedColumns_FromTrailingCommas_AreNotDuplicates()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        t.Write("marks.csv", $"{MarksHeader},,\n{Pupil1},100001,2024-09-02,AM,/,,\n");

        var batch = t.Read();

        Assert.Equal(0, batch.Report.TotalRejected);
        Assert.Equal(1, batch.StreamMarks(new SinkCollector().Create));
    }

    [Fact]
    public void AFileWithoutANewline_GivesAShortMessage_NotTheWholeFile()
    {
        using var t = new TestBatch();
        // 66 KB on one line: the header is the whole file.
        var path = t.Write("export.csv", string.Join(",", Enumerable.Range(0, 7500).Select(i => $"col{i:D5}")));
        Assert.True(new FileInfo(path).Length > 60_000);

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.UnrecognisedHeader));
        Assert.True(r.Detail.Length < 1000, r.Detail);
        Assert.True(r.RawLine.Length <= LineExcerpt.MessageLength + 30, $"{r.RawLine.Length} characters");
        Assert.True(batch.Report.ToSummary().Length < 1200, $"{batch.Report.ToSummary().Length} characters");
    }

    [Fact]
    public void ALongBadValue_IsQuotedAsAnExcerpt()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        var longDate = new string('9', 5000);
        t.WriteMarks($"{Pupil1},100001,{longDate},AM,/");

        var batch = t.Read();
        batch.StreamMarks(new SinkCollector().Create);

        var r = Assert.Single(batch.Report.Examples(RejectionReason.BadDate));
        Assert.StartsWith($"'{new string('9', LineExcerpt.MessageLength)}… (", r.Detail);
        Assert.True(r.Detail.Length < 250, $"{r.Detail.Length} characters");
    }
}

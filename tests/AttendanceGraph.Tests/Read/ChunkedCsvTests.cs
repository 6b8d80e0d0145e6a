using System.Text;
using AttendanceGraph.Etl.Read;

namespace AttendanceGraph.Tests.Read;

/// <summary>
/// The row-by-row inputs are read from disk a chunk at a time (a year of DfE files is 500 MB, once a 1 GB string). Whatever
/// the chunk size, the records, their fields, raw text and line numbers must be exactly those of reading the whole text,
/// including quoted line breaks, CRLF, blank lines and multi-byte characters across chunk boundaries; and a file that is
/// not UTF-8 must be found at the same line and byte offset as decoding it whole.
/// </summary>
public sealed class ChunkedCsvTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("chunked-csv-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const string Text =
        "a,b,c\r\n" +
        "1,\"two, with a comma\",3\r\n" +
        "\r\n\n" +
        "4,\"a quoted\nline break, and \"\"quotes\"\"\",café\n" +
        "5, padded ,\"ends\r\nwith CRLF inside\"\n" +
        "6,😀 emoji,Ünïcödé\n" +
        "\"7\",\"\",\n" +
        "8,\"unterminated quote at the end, line\nbreak";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChunksOfAnySize_GiveTheRecordsOfTheWholeText(bool bom)
    {
        var path = Path.Combine(dir, "f.csv");
        var bytes = Encoding.UTF8.GetBytes(Text);
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        var whole = Records(new CsvRecordReader(Text));
        Assert.Equal(7, whole.Count);
        Assert.Contains(whole, r => r.Contains("a quoted\nline break, and \"quotes\"") && r.StartsWith("5|"));
        foreach (var block in new[] { 1, 2, 3, 5, 7, 16, 31, 64, 1 << 20 })
        {
            using var chunks = new Utf8Chunks(path, block);
            Assert.Equal(whole, Records(new CsvRecordReader(chunks)));
        }
    }

    [Fact]
    public void LinesWithoutQuotes_AreSplitAtEveryComma_WhereverItFallsInTheLine()
    {
        // Unquoted lines are split eight characters at a time: commas at the edges of those blocks, fields longer than one,
        // empty fields, a trailing comma, a lone CR ending, and a quote inside a field (which the quoting reader keeps).
        const string text =
            "1234567,9,abcdefgh,,x\n" +
            ",,,,,,,,\r" +
            "a,b,\r\n" +
            "no\"quote\"here,12345678901234567,z\n" +
            " padded , x ";
        var csv = new CsvRecordReader(text);
        var records = new List<(long Line, string Fields, string Raw)>();
        while (csv.Next()) records.Add((csv.Line, string.Join("|", csv.AllFields()), csv.RawRecord));
        Assert.Equal(5, records.Count);
        Assert.Equal((1L, "1234567|9|abcdefgh||x", "1234567,9,abcdefgh,,x"), records[0]);
        Assert.Equal((2L, "||||||||", ",,,,,,,,"), records[1]);
        Assert.Equal((2L, "a|b|", "a,b,"), records[2]); // after a lone CR, still line 2
        Assert.Equal((3L, "no\"quote\"here|12345678901234567|z", "no\"quote\"here,12345678901234567,z"), records[3]);
        Assert.Equal((4L, "padded|x", " padded , x "), records[4]);

        // And the same records when a chunk ends anywhere in those lines.
        var path = Path.Combine(dir, "unquoted.csv");
        File.WriteAllText(path, text);
        foreach (var block in new[] { 1, 2, 3, 7, 8, 9, 16, 1 << 20 })
        {
            using var chunks = new Utf8Chunks(path, block);
            Assert.Equal(Records(new CsvRecordReader(text)), Records(new CsvRecordReader(chunks)));
        }
    }

    private static List<string> Records(CsvRecordReader csv)
    {
        var records = new List<string>();
        while (csv.Next())
            records.Add($"{csv.Line}|{string.Join("¦", csv.AllFields())}|{csv.RawRecord}|{csv.Value(1).ToString()}");
        return records;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AByteThatIsNotUtf8_IsFoundWhereDecodingTheWholeFileFindsIt(bool bom)
    {
        var path = Path.Combine(dir, "bad.csv");
        var good = Encoding.UTF8.GetBytes("a,b\n1,café\n2,x\n3,");
        byte[] bytes = [.. bom ? new byte[] { 0xEF, 0xBB, 0xBF } : [], .. good, 0xE9, (byte)'\n', .. Encoding.UTF8.GetBytes("4,y\n")];
        File.WriteAllBytes(path, bytes);
        Assert.Null(TextDecoding.DecodeUtf8(bytes, out var line, out var offset));
        Assert.Equal(4L, line);
        foreach (var block in new[] { 1, 3, 8, 1 << 20 })
            Assert.Equal((line, offset), Utf8Chunks.FirstInvalid(path, block));

        File.WriteAllBytes(path, good);
        Assert.Null(Utf8Chunks.FirstInvalid(path, 4));
    }
}

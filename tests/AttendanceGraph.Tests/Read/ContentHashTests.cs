using System.IO.Hashing;
using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Tests.Totals;

namespace AttendanceGraph.Tests.Read;

/// <summary>
/// The batch's fingerprint is made of each accepted file's hash, which the reader makes in a read it makes anyway (the
/// UTF-8 check, the marks' pass, the GIAS decoding): each must be the hash of the file's every byte, BOM included, and a
/// file skipped has none.
/// </summary>
public sealed class ContentHashTests : IDisposable
{
    private readonly TestBatch batch = new();

    public void Dispose() => batch.Dispose();

    private static string HashOfBytes(string path) => Convert.ToHexString(XxHash128.Hash(File.ReadAllBytes(path)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryFileRead_HasTheHashOfItsBytes_AndASkippedFileNone(int threads)
    {
        var withBom = new UTF8Encoding(true);
        var monday = new DateOnly(2024, 9, 9);
        string[] files =
        [
            batch.WriteSchools(),
            batch.WriteEnrolments(),
            batch.Write("cohorts.csv", $"{TestBatch.CohortHeader}\n{TestBatch.Pupil1},FSM,2024-09-01,\n", withBom),
            batch.Write("marks.csv", $"{TestBatch.MarksHeader}\n{TestBatch.Pupil1},100001,2024-09-09,AM,/\n", withBom),
            batch.Write("dfe.csv", SessionTotalsFiles.Header + "\n" + SessionTotalsFiles.Row(TestBatch.Pupil3, 100002, monday, 8, 0, 1, 1, admission: "2024-09-01") + "\n"),
            batch.WriteBytes("latin1.csv", [.. Encoding.UTF8.GetBytes(TestBatch.CohortHeader + "\n"), .. Encoding.Latin1.GetBytes($"{TestBatch.Pupil2},Caf\u00e9,2024-09-01,\n")]),
        ];
        var read = BatchReader.Read(files, new ReadOptions(Threads: threads), ExistingWarehouseState.Empty);

        Assert.Equal(5, read.Files.Count);
        Assert.Equal(files[..5].Select(Path.GetFullPath).Order(), read.ContentHashes.Keys.Order());
        foreach (var f in files[..5]) Assert.Equal(HashOfBytes(f), read.ContentHashes[Path.GetFullPath(f)]);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 3)]
    [InlineData(true, 4096)]
    public void TheUtf8Check_HashesEveryByte_InPiecesOfAnySize(bool bom, int blockBytes)
    {
        // A line longer than a block grows the buffer; pieces end at line feeds, and the last has none.
        var text = "a,b\n" + new string('x', 10_000) + "\nlast,line";
        var path = batch.Write($"pieces-{bom}-{blockBytes}.csv", text, new UTF8Encoding(bom));
        var (invalid, hash) = Utf8Chunks.Check(path, blockBytes);
        Assert.Null(invalid);
        Assert.Equal(HashOfBytes(path), hash);
    }

    [Fact]
    public void TheMarksPass_HashesEveryByte_WhenALineIsLongerThanItsBuffer()
    {
        // The pass reads 4 MB at a time and doubles its buffer for a longer line: carried and grown bytes are hashed once.
        var path = batch.Write("marks.csv", TestBatch.MarksHeader + "\n" + new string('1', 9 << 20) + "\n" +
            $"{TestBatch.Pupil1},100001,2024-09-09,AM,/\n", new UTF8Encoding(true));
        var report = new AttendanceGraph.Etl.Validate.ValidationReport();
        var marks = MarksFile.Open(path, TestBatch.MarksHeader.Split(','), report);
        Assert.NotNull(marks);
        Assert.Equal(2, marks.Rows);
        Assert.Equal(HashOfBytes(path), marks.ContentHash);
    }
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Validate;

/// <summary>Every --skip-invalid load gets a rejects file of its own, and none is ever overwritten.</summary>
public sealed class RejectsFileTests
{
    [Fact]
    public void NamesMadeInTheSameSecond_AreAllDifferent()
    {
        using var dir = new TempDirectory();
        var names = Enumerable.Range(0, 200).Select(_ => RejectsFileName.NewPath(dir.Path)).ToList();

        Assert.Equal(200, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches(@"^rejects-\d{8}-\d{6}-\d+-[0-9a-f]{8}\.csv$", Path.GetFileName(n)));
    }

    [Fact]
    public void AnExistingRejectsFile_IsNeverOverwritten()
    {
        using var dir = new TempDirectory();
        var path = dir.Sub("rejects.csv");
        var first = new ValidationReport(path);
        first.Add(new Rejection("marks.csv", 2, "code", RejectionReason.UnknownCode, "unknown code 'QQ'", "row"));
        first.Flush();

        var second = new ValidationReport(path);

        Assert.Throws<IOException>(() => second.Add(new Rejection("marks.csv", 3, "code", RejectionReason.UnknownCode, "x", "other")));
        Assert.Contains("marks.csv,2,code,UnknownCode", File.ReadAllText(path));
    }
}

using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>Loading the same content again is recognised and changes nothing, whatever the files are called.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public void LoadingTheSameFilesTwice_ReportsAlreadyLoaded_AndChangesNoTable()
    {
        using var w = new EtlWarehouse();
        var first = w.Load(w.HandChecked);
        Assert.False(first.AlreadyLoaded);
        Assert.Equal(1, first.BatchId);
        var before = w.Dump();
        var current = w.Current;

        var second = w.Load(w.HandChecked);

        Assert.True(second.AlreadyLoaded);
        Assert.Equal(1, second.BatchId);
        Assert.Equal(0, second.Marks);
        Assert.Equal(current, w.Current);
        var after = w.Dump();
        foreach (var table in EtlWarehouse.Tables) Assert.Equal(before[table], after[table]);
        Assert.Equal(128, after["marks"].Count); // 8 pupils × 8 days × AM/PM (P6 split across two schools)
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameContentUnderOtherFileNames_IsRecognised()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = w.Dump();

        // Every file renamed so that their name order changes too (marks first, GIAS last).
        var renamed = w.NewFolder("renamed");
        foreach (var f in Directory.GetFiles(w.HandChecked))
        {
            var name = Path.GetFileName(f);
            var newName = name.StartsWith("edubase", StringComparison.Ordinal) ? "zz-gias.csv" : "a-" + name.Replace(".csv", "-copy.csv");
            File.Copy(f, Path.Combine(renamed, newName));
        }
        var again = w.Load(renamed);

        Assert.True(again.AlreadyLoaded);
        Assert.Equal(1, again.BatchId);
        var after = w.Dump();
        foreach (var table in EtlWarehouse.Tables) Assert.Equal(before[table], after[table]);
    }

    [Fact]
    public void ASingleFileLoadedAgainUnderAnotherName_IsRecognised()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var extra = w.WriteMarks(Path.Combine(w.NewFolder("day"), "marks-2025-09-15.csv"),
            [(HandCheckedAuthority.P1, HandCheckedAuthority.Alpha, new DateOnly(2025, 9, 15), "AM", "/")]);
        Assert.Equal(2, w.Load(extra).BatchId);
        var before = w.Dump();

        var copy = Path.Combine(w.NewFolder("again"), "resent.csv");
        File.Copy(extra, copy);
        var again = w.Load(copy);

        Assert.True(again.AlreadyLoaded);
        Assert.Equal(2, again.BatchId);
        Assert.Equal(before["marks"], w.Dump()["marks"]);
    }
}

using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>A bad row rejects the whole batch unless --skip-invalid; validate checks without loading.</summary>
public sealed class ValidationTests
{
    /// <summary>The hand-checked LA with one mark whose code does not exist, on line 130 of marks.csv (header + 128 rows + 1).</summary>
    private static string WithBadMark(EtlWarehouse w)
    {
        var dir = w.NewFolder("bad");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(dir, "marks.csv"), $"{P1},{Alpha},2025-09-15,AM,QQ\n");
        return dir;
    }

    [Fact]
    public void ABadMark_RejectsTheWholeBatch_WithFileLineColumnAndReason()
    {
        using var w = new EtlWarehouse();
        var (code, output, _) = EtlWarehouse.Cli("load", WithBadMark(w), "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(1, code);
        Assert.Contains("nothing was loaded", output);
        Assert.Contains("UnknownCode: 1", output);
        Assert.Contains("marks.csv line 130, column code: unknown code 'QQ'", output);
        Assert.Null(w.Current);
        Assert.Empty(w.SnapshotFiles());
    }

    [Fact]
    public void ABadMarkInALaterBatch_LeavesThePublishedWarehouseUnchanged()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = w.Dump();
        var dir = w.NewFolder("day");
        w.WriteMarks(Path.Combine(dir, "marks.csv"), [(P1, Alpha, new DateOnly(2025, 9, 15), "AM", "/"), (P1, Alpha, new DateOnly(2025, 9, 15), "PM", "QQ")]);

        var (code, output, _) = EtlWarehouse.Cli("load", dir, "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(1, code);
        Assert.Contains("marks.csv line 3, column code: unknown code 'QQ'", output);
        var after = w.Dump();
        foreach (var table in EtlWarehouse.Tables) Assert.Equal(before[table], after[table]);
    }

    [Fact]
    public void SkipInvalid_LoadsTheValidRows_AndWritesTheRejectWithItsReason()
    {
        using var w = new EtlWarehouse();
        var (code, output, _) = EtlWarehouse.Cli("load", WithBadMark(w), "--la", "319", "--skip-invalid", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.LoadedWithSkips, code); // loaded, but not everything given: not 0
        Assert.Contains("batch 1 loaded", output);
        Assert.Contains("some input was skipped", output);
        using (var c = w.Open())
        {
            Assert.Equal(128, c.Scalar<long>("SELECT count(*) FROM marks"));
            Assert.Equal(0, c.Scalar<long>("SELECT count(*) FROM marks WHERE date = DATE '2025-09-15'"));
            Assert.Equal(1, c.Scalar<long>("SELECT rejected FROM batches WHERE batch_id = 1"));
        }
        var rejects = Assert.Single(Directory.GetFiles(w.Paths.RejectsDir));
        var lines = File.ReadAllLines(rejects);
        Assert.Equal("file,line,column,reason,detail,raw_line", lines[0]);
        var reject = Assert.Single(lines.Skip(1));
        Assert.Contains("marks.csv,130,code,UnknownCode,unknown code 'QQ',", reject);
        Assert.EndsWith($"\"{P1},{Alpha},2025-09-15,AM,QQ\"", reject); // the raw line, quoted (it has commas)
    }

    [Fact]
    public void Validate_ExitsOneOnErrors_ZeroOnCleanInput_AndNeverCreatesASnapshot()
    {
        using var w = new EtlWarehouse();
        var bad = EtlWarehouse.Cli("validate", WithBadMark(w), "--la", "319", "--warehouse", w.Paths.Root);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("marks.csv line 130, column code: unknown code 'QQ'", bad.Output);

        var clean = EtlWarehouse.Cli("validate", w.HandChecked, "--la", "319", "--warehouse", w.Paths.Root);
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("128 marks", clean.Output);
        Assert.Contains("no errors", clean.Output);

        Assert.Null(w.Current);
        Assert.Empty(w.SnapshotFiles());
    }
}

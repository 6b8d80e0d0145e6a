using System.Text;
using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// Every load says exactly what it did: exit 0 only when every file given was loaded or recognised as already
/// loaded; a rejected file fails the load (1) or, with --skip-invalid, is listed and the load exits 4; nothing is
/// published when nothing valid remains.
/// </summary>
public sealed class LoadOutcomeTests
{
    /// <summary>Ways a marks file given to a load cannot be read, each made for real in <paramref name="dir"/>.</summary>
    public static TheoryData<string> UnreadableKinds => ["broken-symlink", "symlink-loop", "not-utf8", "missing"];

    private static (string Path, string Expected) MakeUnreadable(string kind, string dir)
    {
        var path = Path.Combine(dir, "marks-today.csv");
        switch (kind)
        {
            case "broken-symlink":
                File.CreateSymbolicLink(path, Path.Combine(dir, "moved-away.csv"));
                return (path, "marks-today.csv: broken symbolic link");
            case "symlink-loop":
                var other = Path.Combine(dir, "loop-b.csv");
                File.CreateSymbolicLink(path, other);
                File.CreateSymbolicLink(other, path);
                return (path, "marks-today.csv: symbolic link loop");
            case "not-utf8":
                File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes($"upn,school_urn,date,session,code\n{P1},{Alpha},2025-09-15,AM,"), 0xE9, (byte)'\n']);
                return (path, "marks-today.csv line 2: not valid UTF-8 at line 2");
            default:
                return (path, "marks-today.csv: no such file or folder");
        }
    }

    [Theory]
    [MemberData(nameof(UnreadableKinds))]
    public void AnAlreadyLoadedBatch_PlusAnUnreadableFile_FailsNamingTheFile_InsteadOfNothingToDo(string kind)
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var current = w.Current;
        var (bad, expected) = MakeUnreadable(kind, w.NewFolder("today"));

        var (code, output, _) = EtlWarehouse.Cli("load", w.HandChecked, bad, "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.DoesNotContain("nothing to do", output);
        Assert.Contains("nothing was loaded", output);
        Assert.Contains(expected, output);
        Assert.Equal(current, w.Current);
    }

    [Fact]
    public void WithSkipInvalid_AnAlreadyLoadedBatch_PlusABrokenSymlink_ListsTheSkippedFile_AndExitsFour()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var current = w.Current;
        var (bad, _) = MakeUnreadable("broken-symlink", w.NewFolder("today"));

        var (code, output, _) = EtlWarehouse.Cli("load", w.HandChecked, bad, "--la", "319", "--skip-invalid", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.LoadedWithSkips, code);
        Assert.Contains("already loaded as batch 1", output);
        Assert.Contains("marks-today.csv: broken symbolic link", output);
        Assert.Contains("some input was skipped (exit code 4)", output);
        Assert.Equal(current, w.Current);
    }

    [Fact]
    public void WithSkipInvalid_WhenEveryRowIsRejected_NothingIsPublished_AndTheLoadSaysSo()
    {
        using var w = new EtlWarehouse();
        // Marks for a pupil nobody enrolled: into an empty warehouse every row is NoEnrolment.
        var marks = w.WriteMarks(Path.Combine(w.NewFolder("orphans"), "marks.csv"),
            [(P1, Alpha, new DateOnly(2025, 9, 15), "AM", "/"), (P1, Alpha, new DateOnly(2025, 9, 15), "PM", "/")]);

        var (code, output, _) = EtlWarehouse.Cli("load", marks, "--la", "319", "--skip-invalid", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("nothing valid remains", output);
        Assert.Contains("NoEnrolment: 2", output);
        Assert.Null(w.Current);
        Assert.Empty(w.SnapshotFiles());
    }

    [Fact]
    public void WithSkipInvalid_WhenEveryFileIsRejected_NothingIsPublished()
    {
        using var w = new EtlWarehouse();
        var (bad, _) = MakeUnreadable("not-utf8", w.NewFolder("today"));

        var (code, output, _) = EtlWarehouse.Cli("load", bad, "--la", "319", "--skip-invalid", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("nothing valid remains", output);
        Assert.Null(w.Current);
    }

    [Fact]
    public void AFolderWithoutCsvFiles_IsReported_NotSilentlySkipped()
    {
        using var w = new EtlWarehouse();
        var empty = w.NewFolder("empty");

        var (code, output, _) = EtlWarehouse.Cli("load", w.HandChecked, empty, "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("empty: the folder holds no *.csv file", output);
        Assert.Null(w.Current);
    }
}

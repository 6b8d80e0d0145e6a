using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>What a writer killed mid-step leaves behind is not damage, and the next writer removes it.</summary>
public sealed class WriterLeftoversTests
{
    // Any id will do: whoever holds the writer lock is the only live writer, so every leftover is a dead one's.
    private const int DeadProcessId = 999_999;

    [Fact]
    public void ACurrentTmpAndABuildingSnapshotOfADeadWriter_AreRemovedByTheNextLoad_AndStatusIsNotDisturbedByThem()
    {
        using var w = DamagedWarehouseTests.TwoBatches();
        // Killed between writing the new pointer and renaming it: the temp names a snapshot it never published.
        var tmp = Path.Combine(w.Paths.Root, $"{SnapshotPointer.TempPrefix}{DeadProcessId}");
        File.WriteAllText(tmp, "warehouse-000003.duckdb\n");
        // Killed while copying (disk full): a partial working snapshot and its WAL, which would keep the disk full.
        var building = w.Paths.SnapshotPath($"building-20261129170000000-{DeadProcessId}.duckdb");
        File.WriteAllBytes(building, new byte[4 << 20]);
        File.WriteAllBytes(building + ".wal", new byte[4096]);

        var status = EtlWarehouse.Cli("status", "--warehouse", w.Paths.Root);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("snapshot warehouse-000002.duckdb", status.Output);

        var load = EtlWarehouse.Cli("load", DamagedWarehouseTests.Correction(w, "batch3"), "--la", "319", "--force", "--warehouse", w.Paths.Root);

        Assert.True(load.ExitCode == 0, load.Output + load.Error);
        Assert.False(File.Exists(tmp));
        Assert.False(File.Exists(building));
        Assert.False(File.Exists(building + ".wal"));
        Assert.Equal(["warehouse-000001.duckdb", "warehouse-000002.duckdb", "warehouse-000003.duckdb"], w.SnapshotFiles());
    }

    [Fact]
    public void SwitchingThePointer_LeavesNoTemporaryFile_AndReadsBackTheName()
    {
        using var w = DamagedWarehouseTests.TwoBatches();

        SnapshotPointer.Switch(w.Paths, "warehouse-000001.duckdb");

        Assert.Equal(new PointerReading.Names("warehouse-000001.duckdb"), SnapshotPointer.Read(w.Paths));
        Assert.Empty(Directory.GetFiles(w.Paths.Root, SnapshotPointer.TempPrefix + "*"));
    }

    [Fact]
    public void FlushingADirectory_CallsTheOperatingSystem_AndAMissingDirectoryIsAnError()
    {
        using var dir = new TempDirectory();
        DirectorySync.Flush(dir.Path);

        var missing = Assert.Throws<IOException>(() => DirectorySync.Flush(dir.Sub("gone")));
        Assert.Contains("errno 2", missing.Message); // ENOENT from libc's open: the call really went to the OS
    }
}

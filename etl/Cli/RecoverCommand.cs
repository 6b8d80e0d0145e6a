using AttendanceGraph.Etl.Pipeline;
using System.CommandLine;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// Points CURRENT at a snapshot the operator chose (or the newest that opens), after checking it opens. The only way
/// out of a damaged warehouse: a load never guesses which snapshot to continue from. Damaged snapshots are left in
/// place for investigation, and the next load numbers its batch after them, so nothing is overwritten.
/// </summary>
public static class RecoverCommand
{
    public static Command Create()
    {
        var warehouse = CliOptions.Warehouse();
        var from = CliOptions.Text("--from", $"The snapshot to make current, by name ({SnapshotName.For(1)}) or path inside the warehouse's snapshots folder", "SNAPSHOT");
        var latest = CliOptions.Flag("--latest-intact", "Make current the newest snapshot that opens");
        var command = new Command("recover",
            "Points CURRENT at a snapshot after checking it opens: the repair for a damaged warehouse, which load refuses. " +
            "Give either --from or --latest-intact. Later snapshots are left in place, and the next load numbers its batch after them.")
        {
            from, latest, warehouse,
        };
        command.SetAction(r => Run(WarehousePaths.Resolve(r.GetValue(warehouse)), r.GetValue(from), r.GetValue(latest), r.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(WarehousePaths paths, string? from, bool latest, TextWriter output)
    {
        if ((from is null) == !latest) throw new UsageException("recover needs either --from <snapshot name> or --latest-intact");

        using var writerLock = WriterLock.Acquire(paths, TimeSpan.FromSeconds(30));
        var state = WarehouseState.Inspect(paths);
        var chosen = from is null ? state.IntactSnapshots.LastOrDefault() : SnapshotIn(paths, from);
        if (chosen is null)
        {
            output.WriteLine(WarehouseDamagedException.Report(state));
            return ExitCodes.WarehouseDamaged;
        }
        var problem = SnapshotProbe.Problem(paths, chosen);
        if (problem is not null)
        {
            output.WriteLine($"cannot recover from {chosen}: {problem}; CURRENT is unchanged");
            output.WriteLine(WarehouseDamagedException.Report(state));
            return ExitCodes.WarehouseDamaged;
        }
        if (state.Condition == WarehouseCondition.Intact && state.Current == chosen)
        {
            output.WriteLine($"{chosen} is already current and intact; nothing changed");
            return ExitCodes.Success;
        }

        SnapshotPointer.Switch(paths, chosen);
        output.WriteLine($"CURRENT now names {chosen} (before: {state.Problem ?? state.Current})");
        var later = state.Snapshots.Where(s => SnapshotName.Number(s.Name) > SnapshotName.Number(chosen)).Select(s => s.Name).ToList();
        if (later.Count > 0)
            output.WriteLine($"left in place: {string.Join(", ", later)}; batches after {chosen} are not served: load their files again " +
                             "(new batches are numbered after every snapshot on disk)");
        return ExitCodes.Success;
    }

    /// <summary>A snapshot name, or a path to one inside this warehouse's snapshots folder: CURRENT may only name those.</summary>
    private static string SnapshotIn(WarehousePaths paths, string from)
    {
        var name = Path.GetFileName(from);
        var folder = Path.GetDirectoryName(from);
        var inside = string.IsNullOrEmpty(folder) || Path.GetFullPath(folder) == paths.SnapshotsDir;
        if (!inside || !SnapshotName.IsValid(name))
            throw new UsageException($"--from must name a snapshot in {paths.SnapshotsDir}, like {SnapshotName.For(1)}; got '{from}'");
        return name;
    }
}

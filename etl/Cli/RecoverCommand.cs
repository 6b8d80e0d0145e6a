using AttendanceGraph.Etl.Pipeline;
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
    public static int Run(CommandLine cl, TextWriter output)
    {
        var paths = WarehousePaths.Resolve(cl.Value("warehouse"));
        var from = cl.Value("from");
        var latest = cl.Flag("latest-intact");
        cl.RejectUnknown();
        if ((from is null) == !latest) throw new UsageException("recover needs either --from <snapshot name> or --latest-intact");
        if (cl.Positional.Count > 0) throw new UsageException("recover takes no files; name the snapshot with --from");

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

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Raised instead of treating a damaged warehouse as empty. The message is the operator's whole repair note: the
/// folder, what is wrong, each snapshot and whether it opens, and the command that continues from the newest intact one.
/// </summary>
public sealed class WarehouseDamagedException(WarehouseState state) : Exception(Report(state))
{
    public WarehouseState State { get; } = state;

    public static string Report(WarehouseState state)
    {
        var lines = new List<string> { $"the warehouse in {state.Root} is damaged: {state.Problem}" };
        lines.Add(state.Snapshots.Count == 0 ? "it holds no snapshots" : "snapshots:");
        lines.AddRange(state.Snapshots.Select(s => $"  {s.Name}: {s.Problem ?? "intact"}"));
        lines.Add(RepairAdvice(state));
        return string.Join("\n", lines);
    }

    public static string RepairAdvice(WarehouseState state)
    {
        var newest = state.IntactSnapshots.LastOrDefault();
        return newest is null
            ? state.Snapshots.Count == 0
                ? $"no snapshot exists: if nothing was ever loaded here, delete {Path.Combine(state.Root, "CURRENT")}; otherwise restore the folder from a backup"
                : "no snapshot can be opened: restore the warehouse folder from a backup, or move it aside and load every batch again"
            : $"to continue from the newest intact snapshot, run: dotnet run --project etl/Cli -- recover --from {newest} --warehouse {state.Root}";
    }
}

using AttendanceGraph.Etl.Pipeline;
using System.CommandLine;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>What the warehouse holds; a damaged warehouse is reported (with the repair command) and exits 5.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var warehouse = CliOptions.Warehouse();
        var command = new Command("status",
            "What the warehouse holds: batches, rows, date range, last load. A damaged warehouse (CURRENT empty, unreadable, " +
            "dangling or naming a snapshot that does not open) is reported with its repair and exits 5.")
        {
            warehouse,
        };
        command.SetAction(r => Run(WarehousePaths.Resolve(r.GetValue(warehouse)), r.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(WarehousePaths paths, TextWriter output)
    {
        var state = WarehouseState.Inspect(paths);
        switch (state.Condition)
        {
            case WarehouseCondition.Empty:
                output.WriteLine($"warehouse {paths.Root} is empty: no batch has been loaded");
                return ExitCodes.Success;
            case WarehouseCondition.Damaged:
                output.WriteLine(WarehouseDamagedException.Report(state));
                return ExitCodes.WarehouseDamaged;
        }
        using var c = CurrentSnapshot.TryOpenReadOnly(paths)!;
        output.WriteLine($"warehouse {paths.Root}, snapshot {state.Current}");
        foreach (var r in c.Rows("""
            SELECT (SELECT count(*) FROM schools), (SELECT count(*) FROM pupils), (SELECT count(*) FROM enrolments),
                   (SELECT count(*) FROM marks), (SELECT count(*) FROM cohort_memberships), (SELECT count(*) FROM benchmarks),
                   (SELECT min(date) FROM marks), (SELECT max(date) FROM marks), (SELECT count(*) FROM agg_enrolment_week)
            """))
        {
            output.WriteLine($"rows: {r.GetInt64(0):N0} schools, {r.GetInt64(1):N0} pupils, {r.GetInt64(2):N0} enrolments, " +
                             $"{r.GetInt64(3):N0} marks, {r.GetInt64(4):N0} cohort memberships, {r.GetInt64(5):N0} benchmark rows");
            output.WriteLine(r.IsDBNull(6) ? "marks: none" : $"marks from {r.GetFieldValue<DateOnly>(6):yyyy-MM-dd} to {r.GetFieldValue<DateOnly>(7):yyyy-MM-dd}; " +
                             $"{r.GetInt64(8):N0} enrolment-week aggregate rows");
        }
        output.WriteLine("batches:");
        foreach (var r in c.Rows("SELECT batch_id, loaded_at, marks, enrolments, schools, cohort_memberships, rejected, files FROM batches ORDER BY batch_id"))
            output.WriteLine($"  {r.GetInt32(0),4}  {r.GetDateTime(1):yyyy-MM-dd HH:mm:ss} UTC  {r.GetInt64(2),12:N0} marks  {r.GetInt64(3),8:N0} enrolments  " +
                             $"{r.GetInt64(4),4:N0} schools  {r.GetInt64(5),6:N0} memberships  {r.GetInt64(6),6:N0} rejected  {r.GetString(7)}");
        return ExitCodes.Success;
    }
}

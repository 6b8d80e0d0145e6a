using System.CommandLine;
using AttendanceGraph.Etl.Export;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>The published snapshot as Parquet partitioned by LA and academic year (<see cref="ParquetExport"/>).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var warehouse = CliOptions.Warehouse();
        var output = new Option<string>("--out")
        {
            Description = "The folder exports go in: the snapshot is written to OUT/<snapshot>/ (built under a temporary name, " +
                          "then renamed); a snapshot already exported there is left as it is",
            HelpName = "DIR",
            Required = true,
        };
        var command = new Command("export",
            "Exports the published snapshot's tables as Parquet, partitioned by LA and academic year (hive-style folders), " +
            "with a manifest of every partition's rows, a DuckDB script that reads it back as the warehouse, and a README. " +
            "Read-only on the warehouse. Pupil-level: keep the export where the warehouse is kept.")
        {
            output,
            warehouse,
        };
        command.SetAction(r => Run(WarehousePaths.Resolve(r.GetValue(warehouse)), r.GetValue(output)!, r.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(WarehousePaths paths, string outDir, TextWriter output)
    {
        // A damaged warehouse throws WarehouseDamagedException on opening (exit 5); an empty one is a failure (exit 3).
        var result = ParquetExport.Export(paths, outDir);
        var m = result.Manifest;
        if (result.AlreadyExported)
        {
            output.WriteLine($"snapshot {m.Snapshot} is already exported to {result.Folder}: nothing written");
            return ExitCodes.Success;
        }
        output.WriteLine($"exported snapshot {m.Snapshot} of LA {m.La} to {result.Folder}: {m.Tables.Count} tables, " +
                         $"{m.Tables.Sum(t => t.Rows):N0} rows in {m.Tables.Sum(t => t.Partitions.Count):N0} partitions, {result.Elapsed.TotalSeconds:N1} s");
        foreach (var t in m.Tables.Where(t => t.Rows > 0))
            output.WriteLine($"  {t.Name,-28} {t.Rows,14:N0} rows  {t.Partitions.Count,3} partition(s)");
        return ExitCodes.Success;
    }
}

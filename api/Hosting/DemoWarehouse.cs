using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// A fresh clone has no data: generate the demo local authority (the ETL's own generator, in the published
/// input formats) and load it through the ETL's own pipeline, so the first run shows what a real LA would see.
/// Development only (<see cref="WarehouseStartup"/>), and only into a folder that holds no snapshot and no CURRENT.
/// </summary>
public static class DemoWarehouse
{
    public static void EnsureLoaded(WarehousePaths paths, ILogger logger)
    {
        if (WarehouseState.Inspect(paths).Condition != WarehouseCondition.Empty) return;
        var input = Path.Combine(paths.Root, "demo-input");
        logger.LogInformation("The warehouse in {Root} is empty: generating and loading the demo local authority (about a minute)…", paths.Root);
        var progress = new ImmediateProgress<string>(m => logger.LogInformation("{Message}", m));
        try
        {
            new DemoAuthorityGenerator().Generate(new GeneratorOptions(), input, progress);
            var result = new BatchLoader(paths, progress).Load([input], new LoadOptions(LaCode: new GeneratorOptions().LaCode) { OnlyIntoEmptyWarehouse = true });
            using var ops = OperationalDb.Open(paths.OperationalStore);
            OperationalStoreSync.UpsertSchools(ops, result.SchoolRecords);
            logger.LogInformation("Demo loaded: batch {Batch}, {Marks:N0} marks in {Seconds:N1} s", result.BatchId, result.Marks, result.Elapsed.TotalSeconds);
        }
        catch (WarehouseNotEmptyException e)
        {
            logger.LogWarning("Demo not loaded: {Reason}", e.Message); // the ETL published real data first; serve that
        }
        finally
        {
            if (Directory.Exists(input)) Directory.Delete(input, recursive: true);
        }
    }
}

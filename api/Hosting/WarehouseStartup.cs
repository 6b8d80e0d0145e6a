using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// What the API does with the warehouse it finds at start. A damaged warehouse stops it, with the repair note and no
/// stack trace, rather than serving the newest intact snapshot: that snapshot may be several batches old, nobody
/// would notice the missing registers in a dashboard, and choosing what to continue from is the operator's decision
/// (`etl recover`), made once for the ETL and the API alike. An empty warehouse gets the demo LA in Development only.
/// </summary>
public static class WarehouseStartup
{
    /// <summary>The API's exit code for a damaged warehouse: the ETL's (status, load) for the same state.</summary>
    public const int DamagedExitCode = AttendanceGraph.Etl.Pipeline.ExitCodes.WarehouseDamaged;

    /// <summary>False when the API must not start (the reason has been logged).</summary>
    public static bool Prepare(WebApplication app)
    {
        var paths = app.Services.GetRequiredService<WarehousePaths>();
        var state = WarehouseState.Inspect(paths);
        if (state.Condition == WarehouseCondition.Damaged)
        {
            app.Logger.LogCritical("The API will not start: {Report}", WarehouseDamagedException.Report(state));
            ((IDisposable)app).Dispose(); // flushes the console logger, whose queue would otherwise die with the process
            return false;
        }
        if (state.Condition == WarehouseCondition.Empty && GenerateDemo(app))
            DemoWarehouse.EnsureLoaded(paths, app.Logger);
        else if (state.Condition == WarehouseCondition.Empty)
            app.Logger.LogWarning("The warehouse in {Root} is empty: every query will fail until the ETL loads a batch", paths.Root);
        app.Services.GetRequiredService<WarehouseReader>().Refresh(); // open the snapshot now, not on the first request
        PrepareOperationalStore(app, paths);
        return true;
    }

    /// <summary>
    /// The operational store is opened once now too: EF Core builds its model and checks the file's tables on the first open
    /// in a process (1.7 s on a loaded 2-core machine), which would otherwise fall on the first pupil-level read (its audit
    /// entry, a TSM pack's agreed actions). So is what EF Core compiles on a query's or an insert's first use: the agreed
    /// actions' query and the audit entry's insert (rolled back) run once now, not in the first visitor's pack. A store that
    /// cannot be opened is left to the readiness check to report.
    /// </summary>
    private static void PrepareOperationalStore(WebApplication app, WarehousePaths paths)
    {
        if (!Directory.Exists(paths.Root)) return;
        try
        {
            using var db = AttendanceGraph.Schema.Operational.OperationalDb.Open(paths.OperationalStore);
            AttendanceGraph.Api.Tsm.AgreedActionFollowUps.Actions(db, urn: 0, end: DateOnly.MinValue);
        }
        catch (Exception e)
        {
            app.Logger.LogWarning("The operational store could not be opened at start: {Error}", e.GetType().Name);
            return;
        }
        // The insert needs SQLite's write lock, which an ETL run or another API process may hold for a while: prepared in
        // the background, so that start-up never waits for it; failing only costs the first audited read the time it saves.
        _ = Task.Run(() =>
        {
            try
            {
                using var db = AttendanceGraph.Schema.Operational.OperationalDb.Open(paths.OperationalStore);
                AttendanceGraph.Api.Audit.OperationalStorePupilAccessAudit.Prepare(db);
            }
            catch (Exception e)
            {
                app.Logger.LogWarning("The audit's insert could not be prepared at start (the first audited read will build it): {Error}", e.GetType().Name);
            }
        });
    }

    private static bool GenerateDemo(WebApplication app)
    {
        var configured = app.Configuration.GetValue<bool?>("Warehouse:GenerateDemoWhenEmpty");
        if (app.Environment.IsDevelopment()) return configured ?? true;
        if (configured == true)
            app.Logger.LogWarning("Warehouse:GenerateDemoWhenEmpty is ignored outside Development: demo data never goes into a real warehouse");
        return false;
    }
}

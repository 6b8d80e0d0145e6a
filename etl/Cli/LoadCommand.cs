using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

public static class LoadCommand
{
    /// <summary>
    /// TEST HOOK, never set in production: when this environment variable names a load step (see
    /// <see cref="LoadOptions.StepReached"/>, e.g. "before-publish"), the load prints "paused at STEP" and waits
    /// there until the process is killed. Tests use it to kill a real ETL process at a chosen moment.
    /// </summary>
    public const string TestPauseVariable = "ATTENDANCEGRAPH_TEST_PAUSE_AT";

    /// <summary>Loads one batch; the exit code is one of <see cref="ExitCodes"/> (0, 1 or 4; failures throw → 3).</summary>
    public static int Run(CommandLine cl, TextWriter output)
    {
        var paths = WarehousePaths.Resolve(cl.Value("warehouse"));
        var options = new LoadOptions(cl.Int("la"), cl.Flag("legacy-codes"), cl.Flag("skip-invalid"), cl.Flag("force"), cl.Int("threads") ?? 2);
        options = options with { Dates = DateOptions.Read(cl, TimeProvider.System), TotalsSpan = TotalsSpanOption.Read(cl) };
        if (Environment.GetEnvironmentVariable(TestPauseVariable) is { Length: > 0 } pauseAt)
        {
            options = options with
            {
                StepReached = step =>
                {
                    if (step != pauseAt) return;
                    output.WriteLine($"paused at {step}");
                    output.Flush();
                    Thread.Sleep(Timeout.Infinite);
                },
            };
        }
        cl.RejectUnknown();
        if (cl.Positional.Count == 0) throw new UsageException("load needs at least one file or folder");

        paths.EnsureCreated();
        using var runLog = LoadRunLog.Open(paths.OperationalStore, cl.Positional);
        options = options with { WriterLockTaken = runLog.Begin };
        int exitCode;
        try
        {
            var result = new BatchLoader(paths, new ImmediateProgress<string>(output.WriteLine)).Load(cl.Positional, options);
            if (!result.AlreadyLoaded) runLog.SyncSchools(result.SchoolRecords);
            runLog.Finish("loaded", result.BatchId, result.Marks + result.Enrolments, result.Report.TotalRejected,
                (result.AlreadyLoaded ? "already loaded; " : "") + result.Report.ToCountsSummary());
            output.WriteLine(LoadOutcome.Describe(result));
            exitCode = result.SkippedInput ? ExitCodes.LoadedWithSkips : ExitCodes.Success;
        }
        catch (BatchRejectedException e)
        {
            runLog.Finish("rejected", null, 0, e.Report.TotalRejected, e.Report.ToCountsSummary());
            output.WriteLine(e.Message);
            exitCode = ExitCodes.Rejected;
        }
        catch (LaScopeException e)
        {
            runLog.Finish("rejected", null, 0, 0, e.Message);
            output.WriteLine($"{BatchRejectedException.InvalidInput}: {e.Message}");
            exitCode = ExitCodes.Rejected;
        }
        catch (Exception e) when (e is not UsageException)
        {
            // The load's own failure is the message; the run log's, if recording it fails too, comes after it.
            runLog.Finish("failed", null, 0, 0, e.Message);
            throw new LoadFailedException(e, runLog.Problem);
        }
        if (runLog.Problem is not null) output.WriteLine($"warning: {runLog.Problem}");
        return exitCode;
    }
}

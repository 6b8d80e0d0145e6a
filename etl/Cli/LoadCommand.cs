using System.CommandLine;
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

    public static Command Create()
    {
        var files = CliOptions.FilesArgument("load");
        var warehouse = CliOptions.Warehouse();
        var la = CliOptions.La();
        var legacy = CliOptions.LegacyCodes();
        var skipInvalid = CliOptions.Flag("--skip-invalid",
            "Load the valid rows and skip the rejected ones, listed and written with reasons to " +
            "<warehouse>/rejects/rejects-<time>-<pid>-<random>.csv (exit 4); nothing is published if nothing valid remains");
        var force = CliOptions.Flag("--force", "Load the files again even if exactly these were loaded before");
        var threads = CliOptions.Threads();
        var dates = new DateOptions();
        var span = new TotalsSpanOption();
        var command = new Command("load",
            "Validates and loads one batch atomically (all or nothing): any rejected file or row rejects the batch, unless " +
            "--skip-invalid. Marks may be dated up to --future-days after today (or --as-of). DfE pupil-level attendance " +
            "files (weekly session totals) are recognised by their header; each row covers one school week, from its " +
            "period_start/period_end columns or, when the file has none, --period-start and --period-end. Other LAs' " +
            "schools are kept but never counted in the LA's figures. Exit codes: 0 loaded (or already loaded unchanged), " +
            "1 rejected, 2 usage, 3 failed, 4 loaded with input skipped, 5 damaged warehouse.")
        {
            files, warehouse, la, legacy, skipInvalid, force, threads,
        };
        dates.AddTo(command);
        span.AddTo(command);
        command.SetAction(r =>
        {
            var options = new LoadOptions(r.GetValue(la), r.GetValue(legacy), r.GetValue(skipInvalid), r.GetValue(force), r.GetValue(threads) ?? 2)
            {
                Dates = dates.Read(r, TimeProvider.System),
                TotalsSpan = span.Read(r),
            };
            return Run(WarehousePaths.Resolve(r.GetValue(warehouse)), r.GetRequiredValue(files), options, r.InvocationConfiguration.Output);
        });
        return command;
    }

    /// <summary>Loads one batch; the exit code is one of <see cref="ExitCodes"/> (0, 1 or 4; failures throw → 3).</summary>
    private static int Run(WarehousePaths paths, IReadOnlyList<string> files, LoadOptions options, TextWriter output)
    {
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

        paths.EnsureCreated();
        using var runLog = LoadRunLog.Open(paths.OperationalStore, files);
        options = options with { WriterLockTaken = runLog.Begin };
        int exitCode;
        try
        {
            var result = ConsoleProgress.Run(output, "marks read", (progress, advance) =>
                new BatchLoader(paths, progress).Load(files, options with { MarksRead = advance }));
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

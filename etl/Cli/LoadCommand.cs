using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Operational;
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

    public static int Run(CommandLine cl, TextWriter output)
    {
        var paths = WarehousePaths.Resolve(cl.Value("warehouse"));
        var options = new LoadOptions(cl.Int("la"), cl.Flag("legacy-codes"), cl.Flag("skip-invalid"), cl.Flag("force"), cl.Int("threads") ?? 2);
        options = options with { Dates = DateOptions.Read(cl, TimeProvider.System) };
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
        using var ops = OperationalDb.Open(paths.OperationalStore);
        var run = EtlRunLog.Start(ops, "load", cl.Positional);
        try
        {
            var result = new BatchLoader(paths, new ImmediateProgress<string>(output.WriteLine)).Load(cl.Positional, options);
            if (!result.AlreadyLoaded) OperationalStoreSync.UpsertSchools(ops, result.SchoolRecords);
            EtlRunLog.Finish(ops, run, "loaded", result.BatchId, result.Marks + result.Enrolments, result.Report.TotalRejected,
                result.AlreadyLoaded ? "already loaded" : null);
            output.WriteLine(Describe(result));
            if (result.Report.TotalRejected > 0) output.WriteLine(result.Report.ToSummary());
            return 0;
        }
        catch (BatchRejectedException e)
        {
            EtlRunLog.Finish(ops, run, "rejected", null, 0, e.Report.TotalRejected, e.Report.ToSummary());
            output.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is not UsageException)
        {
            EtlRunLog.Finish(ops, run, "failed", null, 0, 0, e.Message);
            throw;
        }
    }

    private static string Describe(LoadResult r) => r.AlreadyLoaded
        ? $"nothing to do: these files were already loaded as batch {r.BatchId}"
        : $"batch {r.BatchId} loaded in {r.Elapsed.TotalSeconds:N1} s: {r.Marks:N0} marks " +
          $"({r.Marks / Math.Max(r.Elapsed.TotalSeconds, 0.001):N0}/s), {r.Schools:N0} schools, {r.Enrolments:N0} enrolments, " +
          $"{r.CohortMemberships:N0} cohort memberships, {r.Benchmarks:N0} benchmark rows; {r.Report.TotalRejected:N0} rejected";
}

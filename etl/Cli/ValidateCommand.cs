using System.CommandLine;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>The load's checks against the current warehouse, loading nothing; exit code 1 on any error.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = CliOptions.FilesArgument("validate");
        var warehouse = CliOptions.Warehouse();
        var la = CliOptions.La();
        var legacy = CliOptions.LegacyCodes();
        var threads = CliOptions.Threads();
        var dates = new DateOptions();
        var span = new TotalsSpanOption();
        var command = new Command("validate",
            "The same checks as load, against the current warehouse; loads nothing. Exit codes: 0 no errors, 1 errors " +
            "(listed), 2 usage, 3 failed, 5 damaged warehouse.")
        {
            files, warehouse, la, legacy, threads,
        };
        dates.AddTo(command);
        span.AddTo(command);
        command.SetAction(r =>
        {
            var options = new ReadOptions(r.GetValue(la), r.GetValue(legacy), Threads: r.GetValue(threads) ?? 2)
            {
                Dates = dates.Read(r, TimeProvider.System),
                TotalsSpan = span.Read(r),
            };
            return Run(WarehousePaths.Resolve(r.GetValue(warehouse)), r.GetRequiredValue(files), options, r.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(WarehousePaths paths, IReadOnlyList<string> files, ReadOptions options, TextWriter output)
    {
        var existing = ExistingWarehouseState.Empty;
        using (var current = CurrentSnapshot.TryOpenReadOnly(paths))
            if (current is not null) existing = ExistingStateLoader.Load(current);

        int? la;
        try
        {
            la = LaScope.Known(options.LaCode, existing);
        }
        catch (LaScopeException e)
        {
            output.WriteLine(e.Message);
            return ExitCodes.Rejected;
        }
        var batch = BatchReader.Read(files, options with { LaCode = la }, existing);
        var marks = batch.StreamMarks(() => NullMarkSink.Instance);
        output.WriteLine($"{batch.Files.Count} files: {string.Join(", ", batch.Files.Select(f => $"{Path.GetFileName(f.Path)} ({f.Kind})"))}");
        output.WriteLine($"{marks:N0} marks, {batch.Enrolments.Count:N0} enrolments, {batch.Schools.Count:N0} schools, " +
                         $"{batch.CohortDefinitions.Count:N0} LA cohorts declared, {batch.CohortMemberships.Count:N0} cohort memberships, {batch.Benchmarks.Count:N0} benchmark rows, " +
                         $"{batch.InYearBenchmarks.Count:N0} in-year benchmark rows, " +
                         $"{batch.SessionTotals.Count:N0} weekly session totals valid");
        try
        {
            LaScope.Decide(la, existing, batch.Schools);
        }
        catch (LaScopeException e)
        {
            output.WriteLine(e.Message);
            return ExitCodes.Rejected;
        }
        output.WriteLine(batch.Report.HasErrors ? batch.Report.ToSummary() : "no errors");
        return batch.Report.HasErrors ? ExitCodes.Rejected : ExitCodes.Success;
    }
}

using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>The load's checks against the current warehouse, loading nothing; exit code 1 on any error.</summary>
public static class ValidateCommand
{
    public static int Run(CommandLine cl, TextWriter output)
    {
        var paths = WarehousePaths.Resolve(cl.Value("warehouse"));
        var options = new ReadOptions(cl.Int("la"), cl.Flag("legacy-codes"), Threads: cl.Int("threads") ?? 2)
        {
            Dates = DateOptions.Read(cl, TimeProvider.System),
            TotalsSpan = TotalsSpanOption.Read(cl),
        };
        cl.RejectUnknown();
        if (cl.Positional.Count == 0) throw new UsageException("validate needs at least one file or folder");

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
        var batch = BatchReader.Read(cl.Positional, options with { LaCode = la }, existing);
        var marks = batch.StreamMarks(() => NullMarkSink.Instance);
        output.WriteLine($"{batch.Files.Count} files: {string.Join(", ", batch.Files.Select(f => $"{Path.GetFileName(f.Path)} ({f.Kind})"))}");
        output.WriteLine($"{marks:N0} marks, {batch.Enrolments.Count:N0} enrolments, {batch.Schools.Count:N0} schools, " +
                         $"{batch.CohortDefinitions.Count:N0} LA cohorts declared, {batch.CohortMemberships.Count:N0} cohort memberships, {batch.Benchmarks.Count:N0} benchmark rows, " +
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

using AttendanceGraph.Etl.Pipeline;

namespace AttendanceGraph.Etl.Cli;

/// <summary>What a finished load prints: what it loaded (or that it was a repeat) and, if any, what it skipped.</summary>
internal static class LoadOutcome
{
    public static string Describe(LoadResult r)
    {
        var what = r.AlreadyLoaded
            ? $"nothing to do: these files were already loaded as batch {r.BatchId}" +
              (r.EarlierRejected > 0 ? $" (that load skipped {r.EarlierRejected:N0} rejected rows with --skip-invalid)" : "")
            : $"batch {r.BatchId} loaded in {r.Elapsed.TotalSeconds:N1} s: {r.Marks:N0} marks " +
              $"({r.Marks / Math.Max(r.Elapsed.TotalSeconds, 0.001):N0}/s), {r.Schools:N0} schools, {r.Enrolments:N0} enrolments, " +
              $"{r.CohortMemberships:N0} cohort memberships, {r.Benchmarks:N0} benchmark rows; {r.Report.TotalRejected:N0} rejected";
        if (!r.SkippedInput) return what;
        var skipped = r.Report.HasErrors ? "\n" + r.Report.ToSummary().TrimEnd() : "";
        return $"{what}{skipped}\nsome input was skipped (exit code {ExitCodes.LoadedWithSkips}): the files and rows above were not loaded";
    }
}

using AttendanceGraph.Etl.Pipeline;
using Spectre.Console;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// How a long verb (load, generate) shows its progress. On a terminal: a Spectre.Console progress bar (marks read of
/// the batch's marks, schools simulated of all), with the step lines printed above it. Otherwise (redirected output:
/// CI logs, schedulers, tests) the same step lines, plain, one per report, exactly as before the bar existed.
/// </summary>
internal static class ConsoleProgress
{
    /// <param name="work">Runs the verb with the step lines to report and, on a terminal only, the bar's (done, total).</param>
    public static T Run<T>(TextWriter output, string counting, Func<IProgress<string>, Action<long, long>?, T> work)
    {
        if (!IsTerminal(output)) return work(new ImmediateProgress<string>(output.WriteLine), null);
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(counting);
                task.IsIndeterminate = true;
                var lines = new ImmediateProgress<string>(line => AnsiConsole.MarkupLine(Markup.Escape(line)));
                var result = work(lines, (done, total) =>
                {
                    if (total <= 0) return;
                    task.IsIndeterminate = false;
                    task.MaxValue = total;
                    task.Value = Math.Min(done, total);
                });
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }

    /// <summary>Only the process's own stdout, and only when it is an interactive terminal, gets the bar.</summary>
    private static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}

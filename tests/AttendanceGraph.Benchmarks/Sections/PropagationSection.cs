using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Tests.Disclosure.Propagation;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// The fourth cold attack (bounds propagation over the identities one school's day publishes) at a larger size than the
/// suite runs it: counts of 1–5 pinned with certainty on simulated school-days (<see cref="SimulatedSchoolDay"/>), under
/// the ptable now and the one the attack broke. Fails if the solver's model is ever wrong, or if it pins anything now.
/// </summary>
public sealed class PropagationSection : ISection
{
    public string Name => "propagation";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var days = context.Options.Smoke ? 300 : 20000;
        var table = report.Table($"Counts of 1–5 pinned by bounds propagation, {days:N0} simulated school-days (everyone, 9 cohorts and their rests)",
            "ptable", "cells", "enrolments pinned", "PA pinned", "pins per 1,000 school-days");
        foreach (var rule in new[] { CountRules.Now, CountRules.Before })
        {
            var result = PropagationAttack.Run(rule, days);
            table.Add(rule.Name, result.Cells, result.EnrolmentPins, result.PaPins, 1000.0 * result.Pins / days);
            report.Figures[rule.Name] = new { days, result.Cells, result.EnrolmentPins, result.PaPins };
            if (rule == CountRules.Now && result.Pins > 0)
            {
                report.Status = "failed";
                report.FailsRun = true;
                report.Message = $"the ptable now lets propagation pin {result.Pins} counts of 1–5";
            }
        }
        report.Notes.Add("Every cell draws fresh keys, as cells of different periods or members do; a real cohort's enrolment key repeats from day to day " +
            "while its members do not change, so enrolment pins here overstate the real rate (the cold attack pinned 23 PA/SA counts and no enrolment " +
            "count in 4,714 school-days under the ±2 ptable).");
    }
}

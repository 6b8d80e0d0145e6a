using AttendanceGraph.Benchmarks.Disclosure;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Schema.Disclosure;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// How often the fourth cold attack (bounds propagation over the identities one school's day publishes) recovers a
/// count of 1–5 with certainty, on simulated school-days (<see cref="SimulatedSchoolDay"/>), under the ptable as it is
/// and under a candidate rule. A measurement of a known hole (docs/security.md, "Open hole"), not a pass/fail test:
/// the section fails only if the solver's model is ever wrong about the truth, since then its pins mean nothing.
/// </summary>
public sealed class PropagationSection : ISection
{
    public string Name => "propagation";

    private sealed record Rule(string Name, int ZeroPaKeysPublishingSix);

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var days = context.Options.Smoke ? 300 : 6000;
        var rules = new[] { new Rule("ptable now", 0), new Rule("candidate: a PA count of 0 publishes 6 on 32 of 256 keys", 32) };
        var table = report.Table($"Counts of 1–5 pinned by bounds propagation, {days:N0} simulated school-days (everyone, 9 cohorts and their rests)",
            "rule", "cells", "enrolments pinned", "PA pinned", "pins per 1,000 school-days");
        foreach (var rule in rules)
        {
            var schoolDays = new Random(16);
            var keys = new Random(42);
            long cells = 0, enrolmentPins = 0, paPins = 0;
            for (var d = 0; d < days; d++)
            {
                var day = SimulatedSchoolDay.Draw(schoolDays);
                var solver = new IntervalPropagation();
                foreach (var (cell, (n, pa)) in day.Cells)
                {
                    var publishedN = PerturbationTable.Publish(n, keys.Next(256));
                    var publishedPa = pa == 0
                        ? publishedN >= PerturbationTable.SmallestPublished && keys.Next(256) < rule.ZeroPaKeysPublishingSix ? PerturbationTable.SmallestPublished : 0
                        : Math.Min(publishedN, PerturbationTable.Publish(pa, keys.Next(256)));
                    var (nLow, nHigh) = PerturbationTable.Preimage(publishedN);
                    solver.Known(cell + "|n", nLow, nHigh);
                    var (paLow, paHigh) = PaBounds(publishedPa, publishedN, rule);
                    solver.Known(cell + "|pa", paLow, paHigh);
                    solver.AtMost(cell + "|pa", cell + "|n");
                    cells++;
                }
                foreach (var cohort in SimulatedSchoolDay.Cohorts)
                    foreach (var f in new[] { "|n", "|pa" })
                        if (solver.Has(cohort + f) && solver.Has("REST:" + cohort + f)) solver.Sum("ALL" + f, cohort + f, "REST:" + cohort + f);
                foreach (var (whole, parts) in SimulatedSchoolDay.Nestings)
                    foreach (var part in parts)
                        foreach (var f in new[] { "|n", "|pa" })
                        {
                            if (solver.Has(part + f) && solver.Has(whole + f)) solver.AtMost(part + f, whole + f);
                            if (solver.Has("REST:" + whole + f) && solver.Has("REST:" + part + f)) solver.AtMost("REST:" + whole + f, "REST:" + part + f);
                        }
                solver.Run();
                foreach (var (cell, (n, pa)) in day.Cells)
                    foreach (var (f, truth) in new[] { ("|n", n), ("|pa", pa) })
                    {
                        var (low, high) = solver.Bounds[cell + f];
                        if (truth < low || truth > high)
                            throw new InvalidOperationException($"the solver's model is wrong: {cell}{f} is {truth}, bounded {low}–{high}");
                        if (low == high && low is >= 1 and <= 5)
                        {
                            if (f == "|n") enrolmentPins++;
                            else paPins++;
                        }
                    }
            }
            table.Add(rule.Name, cells, enrolmentPins, paPins, 1000.0 * (enrolmentPins + paPins) / days);
            report.Figures[rule.Name] = new { days, cells, enrolmentPins, paPins };
        }
        report.Notes.Add("Every cell draws fresh keys, as cells of different periods or members do; a real cohort's enrolment key repeats from day to day " +
            "while its members do not change, so the enrolment pins here overstate the real rate (the cold attack pinned no enrolment count in 4,714 school-days, " +
            "and 23 PA/SA counts: about 3–5 per 1,000).");
    }

    /// <summary>What the attacker knows of a PA count from its published value (capped at the published enrolments).</summary>
    private static (long Low, long High) PaBounds(long publishedPa, long publishedN, Rule rule)
    {
        var six = PerturbationTable.SmallestPublished;
        if (publishedN > 0 && publishedPa >= publishedN) // capped: only that the ptable gave at least this much
            return (publishedPa == 0 ? 0 : publishedPa == six ? (rule.ZeroPaKeysPublishingSix > 0 ? 0 : 1) : publishedPa <= 8 ? six : publishedPa - 2, long.MaxValue / 4);
        var (low, high) = PerturbationTable.Preimage(publishedPa);
        return (publishedPa == six && rule.ZeroPaKeysPublishingSix > 0 ? 0 : low, high);
    }
}

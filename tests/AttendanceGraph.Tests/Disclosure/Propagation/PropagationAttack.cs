namespace AttendanceGraph.Tests.Disclosure.Propagation;

/// <summary>A ptable as the attacker knows it: how a count is published, and which true counts a published value allows.</summary>
public sealed record CountRule(string Name, Func<long, int, long> Publish, Func<long, (long Low, long High)> Preimage, long SmallestPublished = 6);

/// <summary>What one run of the attack pinned.</summary>
public sealed record PropagationResult(long Cells, long EnrolmentPins, long PaPins)
{
    public long Pins => EnrolmentPins + PaPins;
}

/// <summary>
/// The fourth cold attack over simulated school-days: each cell's enrolments and PA count published by
/// <see cref="CountRule"/> with fresh keys (PA capped at the published enrolments, as the API does), every count's
/// preimage an interval, then <see cref="IntervalPropagation"/> over everyone = cohort + rest for every cohort, the
/// nestings and PA ≤ enrolments. Counts the counts of 1–5 pinned; throws if the solver's model is ever wrong.
/// </summary>
public static class PropagationAttack
{
    public static PropagationResult Run(CountRule rule, int days, int seed = 16)
    {
        var schoolDays = new Random(seed);
        var keys = new Random(seed + 1);
        long cells = 0, enrolmentPins = 0, paPins = 0;
        for (var d = 0; d < days; d++)
        {
            var day = SimulatedSchoolDay.Draw(schoolDays);
            var solver = new IntervalPropagation();
            foreach (var (cell, (n, pa)) in day.Cells)
            {
                var publishedN = rule.Publish(n, keys.Next(256));
                var publishedPa = pa == 0 ? 0 : Math.Min(publishedN, rule.Publish(pa, keys.Next(256)));
                var (nLow, nHigh) = rule.Preimage(publishedN);
                solver.Known(cell + "|n", nLow, nHigh);
                var (paLow, paHigh) = rule.Preimage(publishedPa);
                // Capped at the published enrolments: all the attacker knows is that the ptable gave at least this much.
                if (publishedN > 0 && publishedPa >= publishedN) paHigh = long.MaxValue / 4;
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
                    if (low != high || low is < 1 or > 5) continue;
                    if (f == "|n") enrolmentPins++;
                    else paPins++;
                }
        }
        return new PropagationResult(cells, enrolmentPins, paPins);
    }
}

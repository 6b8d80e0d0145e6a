using System.Diagnostics;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// What disclosure control costs in accuracy: every cell a BI reader can ask for — the LA, each phase and each school,
/// for all pupils and each cohort, over the latest academic year, each term, each half term and each month, compulsory
/// age — measured exactly and as published (<see cref="CellKeyPerturbation"/>), with mean absolute and relative error by
/// cell size for enrolments, PA enrolments and the headline rates; and what computing cell keys adds to a query.
/// </summary>
public sealed class ProtectionSection : ISection
{
    private static readonly (string Name, long Low, long High)[] Bands =
        [("1–5", 1, 5), ("6–10", 6, 10), ("11–20", 11, 20), ("21–50", 21, 50), ("51–100", 51, 100), ("101+", 101, long.MaxValue)];

    public string Name => "protection";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        report.DataDescription = dataset.Describe();
        using var c = CurrentSnapshot.TryOpenReadOnly(paths, "2GB") ?? throw new InvalidOperationException("no snapshot");
        var year = AcademicYear.Containing(DateOnly.Parse(c.Scalar<string>("SELECT max(date)::VARCHAR FROM marks")!));
        var calendar = SchoolCalendar.For(year);
        var periods = new List<Period> { Period.Year(year) };
        periods.AddRange(new[] { Term.Autumn, Term.Spring, Term.Summer }.Select(t => Period.ForTerm(year, t)));
        periods.AddRange(calendar.HalfTerms.Select(h => Period.ForHalfTerm(year, h.Term, h.Half)));
        periods.AddRange(Enumerable.Range(0, 12).Select(i => new DateOnly(year.StartYear, 9, 1).AddMonths(i)).Select(m => Period.ForMonth(m.Year, m.Month)));

        var cells = new List<(MeasureValues True, MeasureValues Published, MeasureField Withheld)>();
        var plain = new Stopwatch();
        var keyed = new Stopwatch();
        foreach (var period in periods)
            foreach (var grouping in new[] { MeasureGrouping.None, MeasureGrouping.Phase, MeasureGrouping.School })
                foreach (var population in new[] { Population.AllPupils, Population.Cohort })
                {
                    var request = new MeasureRequest(period)
                    {
                        GroupBy = grouping, Population = population,
                        Cohorts = population == Population.Cohort ? ReportingCohort.All.Select(k => k.Key).ToList() : [],
                    };
                    plain.Start();
                    MeasureQuery.Run(c, request);
                    plain.Stop();
                    keyed.Start();
                    var rows = MeasureQuery.Run(c, request with { CellKeys = true });
                    keyed.Stop();
                    foreach (var r in rows)
                    {
                        var published = CellKeyPerturbation.Publish(r.Values, r.Keys!);
                        cells.Add((r.Values, published.Values, published.Withheld));
                    }
                }

        var t = report.Table($"Published vs true, {cells.Count:N0} cells (LA, phases, schools × all pupils and 9 cohorts × {periods.Count} periods of {year.Label}); error by true size",
            "measure", "size band", "cells", "mean abs error", "mean rel error %", "withheld %");
        var figures = new List<object>();
        void Count(string name, Func<MeasureValues, long> of)
        {
            foreach (var (band, low, high) in Bands)
            {
                var inBand = cells.Where(x => of(x.True) >= low && of(x.True) <= high).ToList();
                if (inBand.Count == 0) continue;
                var abs = inBand.Average(x => (double)Math.Abs(of(x.Published) - of(x.True)));
                var rel = 100 * inBand.Average(x => Math.Abs(of(x.Published) - of(x.True)) / (double)of(x.True));
                t.Add(name, band, inBand.Count, abs, rel, 0.0);
                figures.Add(new { measure = name, band, cells = inBand.Count, meanAbsError = abs, meanRelErrorPercent = rel, withheldPercent = 0.0 });
            }
        }
        void Rate(string name, RateMeasure rate)
        {
            foreach (var (band, low, high) in Bands)
            {
                var inBand = cells.Where(x => x.True.Enrolments >= low && x.True.Enrolments <= high && rate.Of(x.True) is not null).ToList();
                if (inBand.Count == 0) continue;
                var shown = inBand.Where(x => (x.Withheld & (rate.Numerator.Field | rate.Denominator.Field)) == 0 && rate.Of(x.Published) is not null).ToList();
                var withheld = 100.0 * (inBand.Count - shown.Count) / inBand.Count;
                double abs = double.NaN, rel = double.NaN;
                if (shown.Count > 0)
                {
                    abs = shown.Average(x => Math.Abs(rate.Of(x.Published)!.Value - rate.Of(x.True)!.Value));
                    var positive = shown.Where(x => rate.Of(x.True) > 0).ToList();
                    rel = positive.Count == 0 ? double.NaN : 100 * positive.Average(x => Math.Abs(rate.Of(x.Published)!.Value - rate.Of(x.True)!.Value) / rate.Of(x.True)!.Value);
                }
                t.Add(name + " (pp)", band, inBand.Count, abs, rel, withheld);
                figures.Add(new { measure = name, band, cells = inBand.Count, meanAbsErrorPoints = abs, meanRelErrorPercent = rel, withheldPercent = withheld });
            }
        }
        Count("enrolments", v => v.Enrolments);
        Count("PA enrolments", v => v.PersistentAbsenceEnrolments);
        Rate("attendance rate", MeasureCatalogue.AttendanceRate);
        Rate("overall absence rate", MeasureCatalogue.OverallAbsenceRate);
        Rate("PA rate", MeasureCatalogue.PersistentAbsenceRate);

        var cost = report.Table("Cost of computing cell keys (the same requests, run one after the other)", "queries", "without keys, s", "with keys, s", "ratio");
        var requests = periods.Count * 6;
        cost.Add(requests, plain.Elapsed.TotalSeconds, keyed.Elapsed.TotalSeconds, keyed.Elapsed.TotalSeconds / plain.Elapsed.TotalSeconds);
        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["cells"] = cells.Count;
        report.Figures["accuracy"] = figures;
        report.Figures["queries"] = new { count = requests, plainSeconds = plain.Elapsed.TotalSeconds, keyedSeconds = keyed.Elapsed.TotalSeconds };
        report.Notes.Add("Counts are banded by their own true value, rates by the cell's true enrolments. Relative errors leave out true zeros. " +
            "Withheld: session rates (attendance/absence) of cells published with under 10 enrolments; a PA rate is null only when 0 enrolments are published. " +
            "Published session rates are the true rates plus the cell-key noise (up to half a pupil's share either way), rounded to one decimal place " +
            "(session counts are never published under disclosure control).");
    }
}

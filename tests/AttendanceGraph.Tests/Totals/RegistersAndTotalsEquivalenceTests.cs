using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// The promise of the DfE pupil-level file as an input: an LA loaded from its schools' registers and the same LA
/// loaded from the DfE files those registers add up to give the same measures for every whole-week period, at LA,
/// phase and school level, for every cohort and the rest of the pupils, per enrolment and per pupil (Virtual
/// School), and broken down by every characteristic. Late sessions and counts by code are register-level and not compared (totals have none).
/// Cohort memberships are moved to week boundaries in both loads: totals cannot say which days of a week a pupil
/// spent in a cohort (a membership overlapping a week counts the whole week, as DfE's flags do).
/// </summary>
public sealed class RegistersAndTotalsEquivalenceTests
{
    private static readonly DateOnly AsOf = new(2026, 2, 27);

    [Fact]
    public void AnLaLoadedFromRegisters_AndFromTheDfeFilesTheyAddUpTo_HasTheSameMeasuresForWholeWeekPeriods()
    {
        using var registers = new EtlWarehouse();
        using var totals = new EtlWarehouse();
        var generated = registers.NewFolder("generated");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 5, Pupils = 700, Years = 1, Seed = 5, AsOf = AsOf }, generated);
        AlignCohortFilesToWeeks(generated);

        var dfe = totals.NewFolder("dfe");
        foreach (var f in Directory.GetFiles(generated).Where(f => !f.EndsWith(PupilsFileWriter.FileName) && !f.EndsWith(DemoAuthorityGenerator.MarksFileName)))
            File.Copy(f, Path.Combine(dfe, Path.GetFileName(f)));
        SessionTotalsFileWriter.Write(Path.Combine(generated, DemoAuthorityGenerator.MarksFileName),
            Path.Combine(generated, PupilsFileWriter.FileName), Path.Combine(dfe, SessionTotalsFileWriter.FileName), 319);

        registers.Load(generated);
        var loaded = totals.Load(dfe);
        Assert.False(loaded.Report.HasErrors, loaded.Report.ToSummary());

        using var a = registers.Open();
        using var b = totals.Open();
        Assert.Equal(0L, b.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.True(b.Scalar<long>("SELECT count(*) FROM session_totals") > 10_000);
        EtlWarehouse.AssertAggregatesEqualFullRebuild(b);

        var year = new AcademicYear(2025);
        var cal = SchoolCalendar.For(year);
        var periods = new List<Period> { Period.Year(year), Period.ForTerm(year, Term.Autumn) };
        periods.AddRange(cal.HalfTerms.Where(h => h.Start < AsOf).Select(h => Period.ForHalfTerm(year, h.Term, h.Half)));
        periods.Add(Period.ForWeek(new DateOnly(2025, 9, 29)));  // straddles September/October: two register fragments, one totals row
        periods.Add(Period.ForWeek(new DateOnly(2025, 12, 1)));
        periods.Add(Period.Range(new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 7)));   // Monday to Friday: an edge, not aligned
        periods.Add(Period.Range(new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 30)));    // four weeks ending on a Friday
        var cohorts = ReportingCohort.All.Select(c => c.Key).ToList();
        var compared = 0;
        foreach (var period in periods)
        foreach (var grouping in new[] { MeasureGrouping.None, MeasureGrouping.Phase, MeasureGrouping.School })
        foreach (var population in Enum.GetValues<Population>())
        foreach (var unit in Enum.GetValues<MeasureUnit>())
        {
            var request = new MeasureRequest(period)
            {
                GroupBy = grouping, Population = population, Unit = unit,
                Cohorts = population == Population.AllPupils ? [] : cohorts,
                Grain = period.Kind == PeriodKind.AcademicYear && grouping == MeasureGrouping.None ? TimeGrain.Week : TimeGrain.None,
            };
            var expected = Comparable(a, request);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Comparable(b, request));
            compared += expected.Count;
        }
        Assert.True(compared > 1000, $"{compared} rows compared");

        // Characteristics: the pupils file's columns and the DfE file's give every pupil the same groups, so every breakdown
        // (and every filter, its row) is the same at every level, for everyone, a cohort and the rest.
        // (The totals load knows only the pupils with a week of totals.)
        var fromTotals = EtlWarehouse.Rows(b, "SELECT upn, ethnicity, eal, sen_need, resident FROM pupils ORDER BY upn");
        var upns = fromTotals.Select(r => r.Split('|')[0]).ToHashSet();
        Assert.Equal(EtlWarehouse.Rows(a, "SELECT upn, ethnicity, eal, sen_need, resident FROM pupils ORDER BY upn").Where(r => upns.Contains(r.Split('|')[0])), fromTotals);
        Assert.Contains(fromTotals, r => r.EndsWith("|False", StringComparison.Ordinal)); // some pupils live in another LA
        var broken = 0;
        foreach (var period in new[] { Period.ForTerm(year, Term.Autumn), Period.ForHalfTerm(year, Term.Spring, 1), Period.ForWeek(new DateOnly(2025, 12, 1)) })
        foreach (var characteristic in Enum.GetValues<Characteristic>())
        foreach (var grouping in new[] { MeasureGrouping.None, MeasureGrouping.Phase, MeasureGrouping.School })
        foreach (var population in Enum.GetValues<Population>())
        {
            var request = new MeasureRequest(period)
            {
                GroupBy = grouping, Population = population, Breakdown = characteristic,
                Cohorts = population == Population.AllPupils ? [] : [ReportingCohort.All[0].Key, "LOOKED_AFTER"],
            };
            var expected = Comparable(a, request);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Comparable(b, request));
            broken += expected.Count;
        }
        Assert.True(broken > 1000, $"{broken} breakdown rows compared");
    }

    private static List<string> Comparable(DuckDBConnection c, MeasureRequest request) =>
        MeasureQuery.Run(c, request).Select(r =>
        {
            var v = r.Values;
            return $"{r.Urn}|{r.Phase}|{r.BucketStart:yyyy-MM-dd}|{r.Cohort}|{r.Group}|{v.Enrolments}|{v.PossibleSessions}|{v.AttendanceSessions}|" +
                   $"{v.AuthorisedAbsenceSessions}|{v.UnauthorisedAbsenceSessions}|{v.OverallAbsenceSessions}|" +
                   $"{v.PersistentAbsenceEnrolments}|{v.SevereAbsenceEnrolments}";
        }).ToList();

    /// <summary>Every cohort file's memberships from the Monday of their first week to the Sunday of their last.</summary>
    internal static void AlignCohortFilesToWeeks(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            if (lines.Length == 0 || lines[0] != "upn,cohort,start_date,end_date") continue;
            var seen = new HashSet<string>();
            var output = new List<string> { lines[0] };
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                var start = SchoolCalendar.MondayOf(DateOnly.Parse(f[2]));
                var end = f[3].Length == 0 ? "" : SchoolCalendar.MondayOf(DateOnly.Parse(f[3])).AddDays(6).ToString("yyyy-MM-dd");
                if (seen.Add($"{f[0]},{f[1]},{start:yyyy-MM-dd}")) output.Add($"{f[0]},{f[1]},{start:yyyy-MM-dd},{end}");
            }
            File.WriteAllLines(file, output);
        }
    }
}

using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Rollups;

/// <summary>
/// On a generated LA (24 schools, 2,400 pupils, September to March, cohorts with real membership dates), every named
/// period's figures and cell keys from the school rollup equal those from the enrolment aggregates it summarises, for
/// the request shapes the dashboards and disclosure control use.
/// </summary>
public sealed class SchoolRollupGeneratedTests(BatchingTests.GeneratedLa la) : IClassFixture<BatchingTests.GeneratedLa>
{
    private static readonly AcademicYear Year = new(2025);

    public static TheoryData<string> Kinds => [RollupBucket.Year, RollupBucket.Term, RollupBucket.HalfTerm, RollupBucket.Month, RollupBucket.Week, RollupBucket.WeekPart];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryPeriodOfAKind_EqualsTheEnrolmentAggregates(string kind)
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var buckets = RollupBucket.For(Year).Where(b => b.Kind == kind && b.From <= new DateOnly(2026, 3, 31)).ToList();
        // Weeks: every fourth, which still crosses month ends and the half-term holidays.
        if (kind == RollupBucket.Week) buckets = buckets.Where((_, i) => i % 4 == 1).ToList();
        var compared = 0;
        foreach (var b in buckets)
        {
            var period = new Period(PeriodKind.DateRange, b.From, b.To, b.Kind);
            foreach (var request in Shapes(period))
            {
                Assert.NotNull(RollupMeasureQuery.Scope(request));
                var expected = MeasureQuery.Run(c, request, fromRollup: false);
                Assert.Equal(expected, MeasureQuery.Run(c, request));
                compared += expected.Count;
            }
        }
        Assert.True(compared > 100, $"only {compared} rows compared");
    }

    /// <summary>
    /// What the school rollup cannot answer over a year or a term — breakdowns and filters by a characteristic, the live
    /// method, residency — reads the enrolments' kept units (one row each) instead of their fragments: the same rows and
    /// cell keys as the enrolment aggregates.
    /// </summary>
    [Fact]
    public void YearsAndTermsBeyondTheRollup_ReadFromTheKeptUnits_EqualTheEnrolmentAggregates()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        Assert.True(RollupUnits.Readable(c));
        var compared = 0;
        foreach (var period in new[] { Period.Year(Year), Period.ForTerm(Year, Term.Autumn), Period.ForTerm(Year, Term.Spring) })
            foreach (var request in new[]
            {
                new MeasureRequest(period) { Breakdown = Characteristic.EthnicityMajor, CellKeys = true },
                new MeasureRequest(period) { Breakdown = Characteristic.SenNeed, GroupBy = MeasureGrouping.Phase, Population = Population.Cohort, Cohorts = ["FSM", "SEND"] },
                new MeasureRequest(period) { Breakdown = Characteristic.Sex, Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER", "SEN_SUPPORT"], CellKeys = true },
                new MeasureRequest(period) { Filter = new CharacteristicFilter(Characteristic.Eal, "OTHER_THAN_ENGLISH"), GroupBy = MeasureGrouping.School, IncludeAllAges = true },
                new MeasureRequest(period) { Methodology = Methodology.Live, GroupBy = MeasureGrouping.School, CellKeys = true },
                new MeasureRequest(period) { LaPopulation = LaPopulation.Residents, Population = Population.Cohort, Cohorts = ["SOCIAL_WORKER"] },
            })
            {
                Assert.NotNull(MeasureQuery.UnitsBucket(request));
                var expected = MeasureQuery.Run(c, request, fromRollup: false);
                Assert.Equal(expected, MeasureQuery.Run(c, request));
                compared += expected.Count;
            }
        Assert.True(compared > 100, $"only {compared} rows compared");
    }

    [Fact]
    public void TheYearsWeeklyAndMonthlyTrends_EqualTheEnrolmentAggregates()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        foreach (var grain in new[] { TimeGrain.Week, TimeGrain.Month })
            foreach (var request in new[]
            {
                new MeasureRequest(Period.Year(Year)) { Grain = grain, CellKeys = true },
                new MeasureRequest(Period.Year(Year)) { Grain = grain, Population = Population.Cohort, Cohorts = ["FSM", "SEND"], Phase = "Primary" },
                new MeasureRequest(Period.ForTerm(Year, Term.Spring)) { Grain = grain, Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER"], CellKeys = true },
            })
            {
                if (RollupMeasureQuery.Scope(request) is null) continue; // a term's monthly trend cuts months
                Assert.Equal(MeasureQuery.Run(c, request, fromRollup: false), MeasureQuery.Run(c, request));
            }
    }

    [Fact]
    public void EveryMonthsWeeklyTrend_ReadsWeekParts_AndEqualsTheEnrolmentAggregates()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var withParts = 0;
        for (var month = Year.Start; month <= new DateOnly(2026, 3, 1); month = month.AddMonths(1))
            foreach (var shape in Shapes(Period.ForMonth(month.Year, month.Month)))
            {
                var request = shape with { Grain = TimeGrain.Week };
                var scope = RollupMeasureQuery.Scope(request);
                Assert.NotNull(scope);
                if (scope.WeekParts.Count > 0) withParts++;
                Assert.Equal(MeasureQuery.Run(c, request, fromRollup: false), MeasureQuery.Run(c, request));
            }
        Assert.True(withParts > 20, $"only {withParts} requests read week parts");
    }

    /// <summary>
    /// A school's cells of one named period at compulsory age, for all pupils or each asked cohort, are one rollup row each:
    /// selected, not summed (no GROUP BY), they are the summed statement's rows, cell keys included, for every bucket of the
    /// year so far; so are the parts a school's cohorts and the rest beside them are read from. Where a group is several rows
    /// (every age, the rest beside a cohort read alone, a phase) the statement still sums.
    /// </summary>
    [Fact]
    public void ASchoolsCellsOfOneNamedPeriod_SelectedOneRowEach_AreTheSummedStatementsRows()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var twoSchools = EtlRows(c, "SELECT urn FROM schools ORDER BY urn LIMIT 2").Select(int.Parse).ToList();
        var compared = 0;
        foreach (var b in RollupBucket.For(Year).Where(b => b.From <= new DateOnly(2026, 3, 31)))
        {
            var all = new MeasureRequest(new Period(PeriodKind.DateRange, b.From, b.To, b.Kind)) { GroupBy = MeasureGrouping.School, CellKeys = true };
            foreach (var request in new[]
            {
                all,
                all with { CellKeys = false, Urns = twoSchools },
                all with { Phase = "Primary", Population = Population.Cohort, Cohorts = ["FSM", "SEND", "LOOKED_AFTER"] },
            })
            {
                var selected = RollupMeasureQuery.TryBuild(request)!.Value;
                var summed = RollupMeasureQuery.TryBuild(request, alwaysGroup: true)!.Value;
                Assert.DoesNotContain("GROUP BY", selected.Sql);
                Assert.Contains("GROUP BY", summed.Sql);
                var rows = Read(c, selected);
                Assert.Equal(Read(c, summed), rows);
                compared += rows.Count;
            }
            // A school's cohorts and the rest beside them are read as parts (MeasureQuery.RunTogether): one row each too.
            var cohorts = all with { Urns = twoSchools, Population = Population.Cohort, Cohorts = ["FSM", "SEND", "LOOKED_AFTER"] };
            var selectedParts = RollupMeasureQuery.TryBuildCohortParts(cohorts, true, "q0_")!.Value;
            var summedParts = RollupMeasureQuery.TryBuildCohortParts(cohorts, true, "q0_", alwaysGroup: true)!.Value;
            Assert.DoesNotContain("GROUP BY", selectedParts.Sql);
            Assert.Contains("GROUP BY", summedParts.Sql);
            var parts = Read(c, selectedParts).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Read(c, summedParts).Order(StringComparer.Ordinal), parts);
            compared += parts.Count;
            foreach (var severalRows in new[]
            {
                all with { IncludeAllAges = true },
                all with { Population = Population.RestOfPupils, Cohorts = ["FSM"] },
                all with { GroupBy = MeasureGrouping.Phase },
            })
                Assert.Contains("GROUP BY", RollupMeasureQuery.TryBuild(severalRows)!.Value.Sql);
        }
        Assert.True(compared > 1000, $"only {compared} rows compared");

        static List<string> Read(DuckDB.NET.Data.DuckDBConnection c, (string Sql, List<(string Name, object? Value)> Parameters) plan) =>
            c.Rows(plan.Sql, plan.Parameters.ToArray())
                .Select(r => string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => $"{r.GetName(i)}={r.GetValue(i)}")))
                .ToList();

        static List<string> EtlRows(DuckDB.NET.Data.DuckDBConnection c, string sql) => c.Rows(sql).Select(r => r.GetValue(0).ToString()!).ToList();
    }

    private static IEnumerable<MeasureRequest> Shapes(Period period)
    {
        var all = new MeasureRequest(period) { CellKeys = true };
        string[] cohorts = ["FSM", "SEND", "SEN_SUPPORT", "LOOKED_AFTER", "SOCIAL_WORKER"];
        yield return all;
        yield return all with { GroupBy = MeasureGrouping.School };
        yield return all with { GroupBy = MeasureGrouping.Phase, IncludeAllAges = true };
        yield return all with { Phase = "Secondary", GroupBy = MeasureGrouping.School, Population = Population.Cohort, Cohorts = ["FSM", "SEND"] };
        yield return all with { Population = Population.RestOfPupils, Cohorts = cohorts, GroupBy = MeasureGrouping.School };
        yield return all with { Population = Population.RestOfPupils, Cohorts = cohorts, Phase = "Primary" };
    }
}

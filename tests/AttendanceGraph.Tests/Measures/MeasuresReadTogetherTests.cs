using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// Requests read together (one statement for those the school rollup answers) give each request exactly the rows it
/// gives read alone: the same cells, values, cell keys and order, whatever mix of groupings, cohorts, grains and
/// sources is asked for at once.
/// </summary>
public sealed class MeasuresReadTogetherTests(BatchingTests.GeneratedLa la) : IClassFixture<BatchingTests.GeneratedLa>
{
    private static readonly AcademicYear Year = new(2025);
    private static readonly string[] Cohorts = ["FSM", "SEND", "SEN_SUPPORT", "LOOKED_AFTER", "SOCIAL_WORKER"];

    [Fact]
    public void ASchoolsCohortsAndTheRestBesideThem_ReadTogether_EqualEachReadAlone()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var urn = MeasureQuery.Run(c, new MeasureRequest(Period.Year(Year)) { GroupBy = MeasureGrouping.School }).MaxBy(r => r.Values.Enrolments)!.Urn!.Value;
        var shape = new MeasureRequest(Period.Year(Year)) { Cohorts = Cohorts, Urns = [urn], GroupBy = MeasureGrouping.School, CellKeys = true };
        AssertTogetherEqualsAlone(c, [shape with { Population = Population.Cohort }, shape with { Population = Population.RestOfPupils }], minimumRows: 6, reads: 1);
    }

    /// <summary>
    /// A cohort and the rest beside it are read from one statement over their common parts (the all-pupils row, the cohort's
    /// row, its rest correction): the LA's, a phase's and every school's, as a trend, with and without cell keys or pupils
    /// outside compulsory school age, each equal to the request read alone.
    /// </summary>
    [Fact]
    public void CohortsAndTheRestBesideThem_InEveryScope_ReadFromTheirCommonParts_EqualEachReadAlone()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var year = new MeasureRequest(Period.Year(Year)) { Cohorts = Cohorts };
        MeasureRequest[] shapes =
        [
            year with { CellKeys = true },
            year with { GroupBy = MeasureGrouping.Phase, IncludeAllAges = true },
            year with { GroupBy = MeasureGrouping.School, CellKeys = true },
            year with { Phase = "Primary", Grain = TimeGrain.Month, CellKeys = true },
            new MeasureRequest(Period.ForTerm(Year, Term.Spring)) { Cohorts = ["LOOKED_AFTER", "FSM", "FSM"], Grain = TimeGrain.Week, GroupBy = MeasureGrouping.School },
        ];
        foreach (var shape in shapes)
            AssertTogetherEqualsAlone(c, [shape with { Population = Population.RestOfPupils }, shape with { Population = Population.Cohort }], minimumRows: 10, reads: 1);
    }

    [Fact]
    public void APhasesSchoolsAndThePhaseAsAWhole_ReadTogether_EqualEachReadAlone()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var phase = new MeasureRequest(Period.ForTerm(Year, Term.Autumn)) { Phase = "Primary" };
        AssertTogetherEqualsAlone(c, [phase with { GroupBy = MeasureGrouping.School }, phase], minimumRows: 10, reads: 1);
    }

    /// <summary>
    /// Requests the rollup cannot answer (a breakdown, a day range's weekly series, a cut month) are read on their own
    /// between fused ones, and requests with and without cell keys, grains and groupings share the one statement.
    /// </summary>
    [Fact]
    public void AMixOfRollupAndOtherRequests_ReadTogether_EqualEachReadAlone()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var year = new MeasureRequest(Period.Year(Year));
        MeasureRequest[] requests =
        [
            year with { Grain = TimeGrain.Week, CellKeys = true },
            year with { Breakdown = Characteristic.Sex },
            year with { GroupBy = MeasureGrouping.Phase, Population = Population.Cohort, Cohorts = Cohorts, IncludeAllAges = true },
            year with { GroupBy = MeasureGrouping.Phase, Population = Population.RestOfPupils, Cohorts = Cohorts, IncludeAllAges = true },
            year with { GroupBy = MeasureGrouping.Phase, Population = Population.RestOfPupils, Cohorts = ["SEND"] },
            new MeasureRequest(Period.Range(new DateOnly(2025, 10, 8), new DateOnly(2025, 11, 19))) { Grain = TimeGrain.Week },
            year with { Grain = TimeGrain.Month, Population = Population.RestOfPupils, Cohorts = ["FSM"], Phase = "Secondary", CellKeys = true },
            new MeasureRequest(Period.ForMonth(2025, 10)) { Grain = TimeGrain.Week, GroupBy = MeasureGrouping.School },
            year,
            year,
            year with { Urns = [], GroupBy = MeasureGrouping.School },
        ];
        // The cohort-and-rest pair 1, the breakdown 1, the day range's weekly series 1, the rest fused 1.
        AssertTogetherEqualsAlone(c, requests, minimumRows: 100, reads: 4);
    }

    private static void AssertTogetherEqualsAlone(DuckDB.NET.Data.DuckDBConnection c, IReadOnlyList<MeasureRequest> requests, int minimumRows, int reads)
    {
        var read = 0;
        var together = MeasureQuery.RunTogether(c, requests, () => read++);
        Assert.Equal(reads, read);
        Assert.Equal(requests.Count, together.Count);
        for (var i = 0; i < requests.Count; i++) Assert.Equal(MeasureQuery.Run(c, requests[i]), together[i]);
        // Measured from the enrolment aggregates too, so a fused statement that broke both the same way would still fail.
        for (var i = 0; i < requests.Count; i++) Assert.Equal(MeasureQuery.Run(c, requests[i], fromRollup: false), together[i]);
        var compared = together.Sum(rows => rows.Count);
        Assert.True(compared >= minimumRows, $"only {compared} rows compared");
    }
}

using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Rollups;

/// <summary>
/// The school rollup on <see cref="HandCheckedAuthority"/> (figures worked out in MeasureQueryTests' header): Autumn 1
/// of 2025/26 is a rolled-up period, so these requests are answered from school rows, and must give the hand-checked
/// figures and cell keys that are the sum of the members' record keys mod 256.
/// </summary>
[Collection(HandCheckedCollection.Name)]
public sealed class SchoolRollupHandCheckedTests(HandCheckedWarehouse warehouse)
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    [Fact]
    public void TheLa_IsTheSumOfItsSchoolRows()
    {
        var request = new MeasureRequest(Autumn1) { CellKeys = true };
        Assert.NotNull(RollupMeasureQuery.Scope(request));
        using var c = warehouse.Open();
        var row = Assert.Single(MeasureQuery.Run(c, request));
        // 7 compulsory-age enrolments, 90 possible, 74 attended, 3 authorised, 13 unauthorised, 16 absent, 2 late; PA 5, SA 1.
        Assert.Equal(new MeasureValues(7, 90, 74, 3, 13, 16, 2, 5, 1), row.Values with { CodeSessions = null });
        // P6 is two enrolments (Beta, Gamma), each counting its record key once.
        var keys = Keys(c);
        Assert.Equal((keys[P1] + keys[P2] + keys[P4] + keys[P5] + 2 * keys[P6] + keys[P7]) % 256, row.Keys!.Enrolments);
        Assert.Equal((keys[P2] + keys[P4] + keys[P5] + keys[P6] + keys[P7]) % 256, row.Keys.PersistentAbsence);
        Assert.Equal(keys[P4] % 256, row.Keys.SevereAbsence);
    }

    [Fact]
    public void RestOfPupils_IsAllPupilsPlusTheCohortsCorrection()
    {
        // P6 entered care on 8 Sep, so the rest beside LOOKED_AFTER keeps P6's Gamma sessions before the 8th; P7 has been
        // FSM throughout, so beside FSM P7 has no sessions left and drops out.
        var rest = new MeasureRequest(Autumn1) { Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER", "FSM"], GroupBy = MeasureGrouping.School, CellKeys = true };
        var cohort = rest with { Population = Population.Cohort };
        Assert.NotNull(RollupMeasureQuery.Scope(rest));
        using var c = warehouse.Open();
        Assert.Equal(MeasureQuery.Run(c, rest, fromRollup: false), MeasureQuery.Run(c, rest));
        Assert.Equal(MeasureQuery.Run(c, cohort, fromRollup: false), MeasureQuery.Run(c, cohort));
        // Gamma is P6 (12 possible, 1 U) and P7 (16 possible, 3 N): the rest beside FSM is P6's enrolment alone.
        var gammaRest = MeasureQuery.Run(c, rest).Single(r => r.Urn == Gamma && r.Cohort == "FSM").Values;
        Assert.Equal((1L, 12L, 1L), (gammaRest.Enrolments, gammaRest.PossibleSessions, gammaRest.UnauthorisedAbsenceSessions));
    }

    [Fact]
    public void WeeklyTrend_AndAllAges_MatchTheEnrolmentAggregates()
    {
        using var c = warehouse.Open();
        foreach (var request in new[]
        {
            new MeasureRequest(Autumn1) { Grain = TimeGrain.Week, CellKeys = true },
            new MeasureRequest(Autumn1) { IncludeAllAges = true, GroupBy = MeasureGrouping.Phase, CellKeys = true },
            new MeasureRequest(Period.ForMonth(2025, 9)) { GroupBy = MeasureGrouping.School, Urns = [Beta, Merton] },
            // September's weekly trend: its whole weeks, then 29-30 Sep as the part of the week of 29 Sep in September.
            new MeasureRequest(Period.ForMonth(2025, 9)) { Grain = TimeGrain.Week, CellKeys = true },
            new MeasureRequest(Period.ForMonth(2025, 10)) { Grain = TimeGrain.Week, Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER", "FSM"], CellKeys = true },
        })
        {
            Assert.NotNull(RollupMeasureQuery.Scope(request));
            Assert.Equal(MeasureQuery.Run(c, request, fromRollup: false), MeasureQuery.Run(c, request));
        }
    }

    [Fact]
    public void RequestsTheRollupCannotAnswerExactly_AreLeftToTheAggregates()
    {
        Assert.Null(RollupMeasureQuery.Scope(new MeasureRequest(Autumn1) { Unit = MeasureUnit.Pupil }));
        Assert.Null(RollupMeasureQuery.Scope(new MeasureRequest(Autumn1) { IncludeCodes = true }));
        Assert.Null(RollupMeasureQuery.Scope(new MeasureRequest(Autumn1) { WithinCohort = "FSM", Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"] }));
        Assert.Null(RollupMeasureQuery.Scope(new MeasureRequest(Period.Range(new DateOnly(2025, 9, 8), new DateOnly(2025, 9, 21)))));
        // Autumn 1's monthly trend would cut October at its end (months have no parts).
        Assert.Null(RollupMeasureQuery.Scope(new MeasureRequest(Autumn1) { Grain = TimeGrain.Month }));
        Assert.Null(RollupMeasureQuery.Scope(new MeasureRequest(Period.Year(new AcademicYear(2025))) { Grain = TimeGrain.HalfTerm }));
    }

    private static Dictionary<string, int> Keys(DuckDB.NET.Data.DuckDBConnection c) =>
        c.Rows($"SELECT p.upn, k.record_key FROM pupils p JOIN {RecordKeys.Table} k USING (pupil_id)")
            .ToDictionary(r => r.GetString(0), r => (int)r.GetByte(1));
}

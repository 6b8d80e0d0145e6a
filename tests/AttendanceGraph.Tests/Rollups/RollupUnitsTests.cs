using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Rollups;

/// <summary>
/// The kept units (<see cref="RollupUnits"/>): each enrolment's year and term totals, which a daily load brings up to
/// date by difference. P4 at Beta (hand-checked): 8 days, 16 possible sessions, every morning O (8 unauthorised).
/// </summary>
public sealed class RollupUnitsTests
{
    [Fact]
    public void AfterAFirstLoad_EachEnrolmentsYearAndTermTotals_AreKept_AndNothingFiner()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using var c = w.Open();
        Assert.Equal([RollupBucket.Term, RollupBucket.Year], EtlWarehouse.Rows(c, $"SELECT DISTINCT kind FROM {RollupUnits.Table} ORDER BY kind"));
        Assert.Equal(["term|16|8", "year|16|8"], P4AtBeta(c));
    }

    [Fact]
    public void ACorrectedMark_MovesTheKeptTotalsByTheDifference()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(P4, Beta, Days[7], "AM", "/")]));
        using var c = w.Open();
        Assert.Equal(["term|16|7", "year|16|7"], P4AtBeta(c));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void ADailyLoad_ReadsTheKeptUnits_NotTheYearsFragments()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // A kept total no fragment agrees with: a load that summed the year's fragments again would put it right.
        Edit(w, $"UPDATE {RollupUnits.Table} SET possibleSessions = possibleSessions + 100 WHERE kind = 'year' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P1}')");
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(P4, Beta, Days[7], "AM", "/")]));
        using var c = w.Open();
        Assert.Equal(["116"], EtlWarehouse.Rows(c, $"SELECT possibleSessions FROM {RollupUnits.Table} WHERE kind = 'year' AND cohort = '' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P1}')"));
        Assert.Equal(["term|16|7", "year|16|7"], P4AtBeta(c));
    }

    [Fact]
    public void AWarehouseWithoutKeptUnits_GetsThemWhole_OnItsNextLoad()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        Edit(w, $"DELETE FROM {RollupUnits.Table}"); // as a warehouse written before they were kept
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(P4, Beta, Days[7], "AM", "/")]));
        using var c = w.Open();
        Assert.Equal(["term|16|7", "year|16|7"], P4AtBeta(c));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void KeptUnitsTheLastLoadDidNotKeep_AreRebuiltWhole()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // As if a build that does not keep them had loaded since: the marker names an earlier batch, and a total is stale.
        Edit(w, $"UPDATE {RollupUnits.Table} SET possibleSessions = possibleSessions + 100 WHERE kind = 'year' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P1}')");
        Edit(w, $"UPDATE warehouse_info SET value = '0' WHERE key = '{RollupUnits.CurrentToKey}'");
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(P4, Beta, Days[7], "AM", "/")]));
        using var c = w.Open();
        Assert.Equal("2", c.Scalar<string>($"SELECT value FROM warehouse_info WHERE key = '{RollupUnits.CurrentToKey}'"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void UnitsWhoseKeyMoves_AndLoadsAcrossTwoAcademicYears_StayEqualToAFullRebuild()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // P3 (reception, not of compulsory age) given an earlier date of birth: every one of P3's units moves to compulsory.
        var dob = Path.Combine(w.NewFolder("dob"), "pupils.csv");
        File.WriteAllText(dob, $"upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n{P3},{Alpha},2025-09-01,,2019-01-15,F,R\n");
        w.Load(dob);
        using (var c = w.Open())
        {
            Assert.Equal(["True"], EtlWarehouse.Rows(c, $"SELECT DISTINCT compulsory FROM {RollupUnits.Table} WHERE pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P3}')"));
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
        // One file with a day of each academic year: the first marks of 2026/27, and a later day of 2025/26.
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("two-years"), "marks.csv"),
            [(P1, Alpha, new DateOnly(2026, 7, 15), "AM", "/"), (P1, Alpha, new DateOnly(2026, 9, 7), "AM", "I")]));
        using (var c = w.Open())
        {
            Assert.Equal(["2025-08-01|17", "2026-08-01|1"], EtlWarehouse.Rows(c,
                $"SELECT b_from::VARCHAR, possibleSessions FROM {RollupUnits.Table} WHERE kind = 'year' AND cohort = '' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P1}') ORDER BY b_from"));
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
    }

    private static List<string> P4AtBeta(DuckDBConnection c) => EtlWarehouse.Rows(c, $"""
        SELECT kind, possibleSessions, unauthorisedAbsenceSessions FROM {RollupUnits.Table}
        WHERE urn = {Beta} AND cohort = '' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P4}') ORDER BY kind
        """);

    private static void Edit(EtlWarehouse w, string sql) => w.EditCurrent(c => c.Execute(sql));
}

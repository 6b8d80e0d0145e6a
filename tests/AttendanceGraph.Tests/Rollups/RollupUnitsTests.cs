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

    private static List<string> P4AtBeta(DuckDBConnection c) => EtlWarehouse.Rows(c, $"""
        SELECT kind, possibleSessions, unauthorisedAbsenceSessions FROM {RollupUnits.Table}
        WHERE urn = {Beta} AND cohort = '' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P4}') ORDER BY kind
        """);

    private static void Edit(EtlWarehouse w, string sql)
    {
        using var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!)));
        c.Open();
        c.Execute(sql);
    }
}

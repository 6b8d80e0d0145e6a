using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Rollups;

/// <summary>
/// The schools' positions among their phase (<see cref="PeerPositions"/>): ranked by hand-checked rules, and kept equal to
/// every phase ranked again as loads change the rollup or the schools' phases.
/// </summary>
public sealed class PeerPositionsTests
{
    private static readonly int Attendance = Index(MeasureCatalogue.AttendanceRate), OverallAbsence = Index(MeasureCatalogue.OverallAbsenceRate);

    private static int Index(RateMeasure m) => PeerPositions.Measures.ToList().IndexOf(m);

    /// <summary>Three pupils each, 100 possible sessions (no possible session for D), attending 90, 95, 95.</summary>
    private static PeerPositions.Cell Cell(int urn, long possible, long attended) =>
        new(urn, new MeasureValues(3, possible, attended, 0, possible - attended, possible - attended, 0, 0, 0), new CellKeys(1, 2, 3, 4));

    [Fact]
    public void TiesShareARank_AndASchoolWithoutAValueIsNeitherRankedNorAPeer()
    {
        var ranked = PeerPositions.Rank([Cell(1, 100, 90), Cell(2, 100, 95), Cell(3, 100, 95), Cell(4, 0, 0)]);
        Assert.Equal(3, ranked.PeersExact[Attendance]);
        Assert.Equal([3, 1, 1, 0], ranked.Schools.Select(s => s.Exact[Attendance]));
        // Higher is worse for absence: 10 %, 5 %, 5 %.
        Assert.Equal([3, 1, 1, 0], ranked.Schools.Select(s => s.Exact[OverallAbsence]));
    }

    /// <summary>
    /// Three pupils publish no session rate (fewer than 10 enrolments), so the protected form has no peers, and a school
    /// shown its own exact rate is alone among the others' withheld ones: rank 1 of 1.
    /// </summary>
    [Fact]
    public void AmongWithheldPeers_ASchoolsOwnExactRateIsFirstOfOne()
    {
        var ranked = PeerPositions.Rank([Cell(1, 100, 90), Cell(2, 100, 95)]);
        Assert.Equal(0, ranked.PeersProtected[Attendance]);
        Assert.All(ranked.Schools, s => Assert.Equal(0, s.Protected[Attendance]));
        Assert.All(ranked.Schools, s => Assert.Equal(1, s.Own[Attendance]));
        Assert.All(ranked.Schools, s => Assert.Equal(1, PeerPositions.OwnPeers(ranked.PeersProtected[Attendance], s.Protected[Attendance], s.Exact[Attendance])));
    }

    /// <summary>
    /// Every rank, in every form, is 1 + the peers strictly better, counted one by one: over phases of random small cells,
    /// so that rates tie, cells are withheld (fewer than 10 enrolments) and some schools have no possible session.
    /// </summary>
    [Fact]
    public void EveryRank_IsOnePlusThePeersStrictlyBetter_CountedOneByOne()
    {
        var random = new Random(20261201);
        for (var phase = 0; phase < 200; phase++)
        {
            var cells = Enumerable.Range(1, random.Next(1, 40)).Select(urn =>
            {
                long enrolments = random.Next(0, 30), possible = random.Next(0, 4) == 0 ? 0 : random.Next(1, 21) * 10, absent = possible * random.Next(0, 5) / 10;
                return new PeerPositions.Cell(urn, new MeasureValues(enrolments, possible, possible - absent, absent / 2, absent - absent / 2, absent, 0,
                    enrolments * random.Next(0, 3) / 4, 0), new CellKeys(random.Next(256), random.Next(256), random.Next(256), random.Next(256)));
            }).ToList();
            var ranked = PeerPositions.Rank(cells);
            for (var m = 0; m < PeerPositions.Measures.Count; m++)
            {
                var measure = PeerPositions.Measures[m];
                var exact = cells.Select(c => measure.Of(c.Values)).ToList();
                var shown = cells.Select(c => CellKeyPerturbation.Publish(c.Values, c.Keys) is var p ? measure.Of(p.Values, p.Withheld) : null).ToList();
                int Rank(double? value, IEnumerable<double?> peers) =>
                    value is { } v ? 1 + peers.Count(p => p is { } x && PeerPositions.IsBetter(x, v, measure.HigherIsWorse)) : 0;
                Assert.Equal(exact.Count(v => v is not null), ranked.PeersExact[m]);
                Assert.Equal(shown.Count(v => v is not null), ranked.PeersProtected[m]);
                for (var i = 0; i < cells.Count; i++)
                {
                    Assert.Equal(Rank(exact[i], exact), ranked.Schools[i].Exact[m]);
                    Assert.Equal(Rank(shown[i], shown), ranked.Schools[i].Protected[m]);
                    Assert.Equal(Rank(exact[i], shown.Where((_, j) => j != i)), ranked.Schools[i].Own[m]);
                }
            }
        }
    }

    [Fact]
    public void ASchoolsFileMovingASchoolToAnotherPhase_RanksEveryPhaseAgain()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using (var c = w.Open())
            Assert.Equal(["Primary", "Secondary"], EtlWarehouse.Rows(c, $"SELECT DISTINCT phase FROM {PeerPositions.PhasesTable} ORDER BY 1"));
        var gias = Path.Combine(w.NewFolder("gias"), "edubasealldata20251001.csv");
        File.WriteAllText(gias, File.ReadAllText(Path.Combine(w.HandChecked, "edubasealldata20250901.csv"), System.Text.Encoding.Latin1)
            .Replace("Open,Primary,01-09-2012", "Open,Secondary,01-09-2012"), System.Text.Encoding.Latin1);
        w.Load(gias);
        using var after = w.Open();
        Assert.Equal(["Secondary"], EtlWarehouse.Rows(after, $"SELECT phase FROM schools WHERE urn = {Beta}"));
        // Beta now ranks among Gamma's phase: the year's secondary phase has two schools with an attendance rate.
        Assert.Equal(["2"], EtlWarehouse.Rows(after,
            $"SELECT {PeerPositions.PeersColumn(MeasureCatalogue.AttendanceRate, exact: true)} FROM {PeerPositions.PhasesTable} WHERE kind = 'year' AND cohort = '' AND phase = 'Secondary'"));
        EtlWarehouse.AssertPeerPositionsEqualFullRanking(after);
    }

    [Fact]
    public void ACorrectedMark_RanksItsPeriodsAgain_AndTheRestStay()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // A mark put right on 12 September: the first week of September is none of the periods ranked again, so a rank
        // altered there stays; put back, every position equals a full ranking.
        var before = 0;
        w.EditCurrent(c => before = AlterFirstWeeksRank(c, 77));
        w.Load(CorrectedMark(w));
        w.EditCurrent(c => Assert.Equal(77, AlterFirstWeeksRank(c, before)));
        using var after = w.Open();
        EtlWarehouse.AssertPeerPositionsEqualFullRanking(after);
    }

    [Fact]
    public void PositionsRankedUnderOtherDisclosureRules_AreAllRankedAgain_ByTheNextLoad()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        w.EditCurrent(c =>
        {
            AlterFirstWeeksRank(c, 77);
            Assert.Equal(1, c.Execute($"UPDATE warehouse_info SET value = 'v0-' || value WHERE key = '{PeerPositions.FingerprintKey}'"));
        });
        w.Load(CorrectedMark(w));
        using var c = w.Open();
        Assert.NotEqual(77, c.Scalar<int>($"SELECT {FirstWeeksRank} FROM {PeerPositions.Table} WHERE {FirstWeek}"));
        EtlWarehouse.AssertPeerPositionsEqualFullRanking(c);
        Assert.True(PeerPositions.Available(c));
    }

    [Fact]
    public void PositionsRecordedWithoutTheirTable_AreNotServed_AndAllRankedAgain_ByTheNextLoad()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // As a build of the earlier table, rolled back to, leaves it: this table untouched (its cells stale), the same rules
        // and schools recorded, without the table's name.
        var enrolments = PeerPositions.CellColumns[0];
        w.EditCurrent(c =>
        {
            Assert.True(c.Execute($"UPDATE {PeerPositions.Table} SET {enrolments} = {enrolments} + 1 WHERE {FirstWeek}") > 0);
            Assert.Equal(1, c.Execute($"UPDATE warehouse_info SET value = replace(value, '|{PeerPositions.Table}|', '|') WHERE key = '{PeerPositions.FingerprintKey}'"));
        });
        using (var c = w.Open()) Assert.False(PeerPositions.Available(c));
        w.Load(CorrectedMark(w));
        using var check = w.Open();
        EtlWarehouse.AssertPeerPositionsEqualFullRanking(check);
        Assert.True(PeerPositions.Available(check));
    }

    [Fact]
    public void ATableOfPositionsMissing_IsRankedWhole_NotOnlyForTheLoadsOwnPeriods()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // As a build that kept the phases' counts under another name left it.
        w.EditCurrent(c => c.Execute($"ALTER TABLE {PeerPositions.PhasesTable} RENAME TO {PeerPositions.PreviousTables[0]}"));
        w.Load(CorrectedMark(w));
        using var c = w.Open();
        EtlWarehouse.AssertPeerPositionsEqualFullRanking(c);
        Assert.False(WarehouseTables.Has(c, PeerPositions.PreviousTables[0]));
    }

    private static string CorrectedMark(EtlWarehouse w) =>
        w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(P4, Beta, Days[7], "AM", "/")]);

    // Alpha's exact attendance rank in the first week of September, all pupils: no period a mark of 12 September is in.
    private static readonly string FirstWeeksRank = PeerPositions.RankColumn(MeasureCatalogue.AttendanceRate, PeerForm.Exact);
    private static readonly string FirstWeek = $"kind = 'week' AND b_from = DATE '2025-09-01' AND cohort = '' AND urn = {Alpha}";

    /// <summary>Sets that rank to <paramref name="value"/>, returning what it was.</summary>
    private static int AlterFirstWeeksRank(DuckDB.NET.Data.DuckDBConnection c, int value)
    {
        var was = c.Scalar<int>($"SELECT {FirstWeeksRank} FROM {PeerPositions.Table} WHERE {FirstWeek}");
        Assert.Equal(1, c.Execute($"UPDATE {PeerPositions.Table} SET {FirstWeeksRank} = {value} WHERE {FirstWeek}"));
        return was;
    }
}

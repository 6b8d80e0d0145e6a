using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Cohorts;

/// <summary>
/// An LA-declared cohort is stored as reference data, measured exactly like a statutory one (aggregates, rollup, rest of
/// the pupils) and served after the next load into a warehouse built before it existed. Figures in <see cref="YoungCarers"/>.
/// </summary>
public sealed class LaCohortLoadTests
{
    private static readonly Period Year = Period.Year(new AcademicYear(2025));

    private static MeasureValues Measure(DuckDBConnection c, Population population, int? urn = null, bool fromRollup = true)
    {
        var request = new MeasureRequest(Year)
        {
            Population = population, Cohorts = [YoungCarers.Key], Urns = urn is { } u ? [u] : null,
        };
        var rows = MeasureQuery.Run(c, request, fromRollup: fromRollup);
        Assert.True(rows.Count <= 1);
        return rows.FirstOrDefault()?.Values ?? MeasureValues.Empty;
    }

    private static (long, long, long, long, long, long, long, long) Figures(MeasureValues v) =>
        (v.Enrolments, v.PossibleSessions, v.AttendanceSessions, v.AuthorisedAbsenceSessions, v.UnauthorisedAbsenceSessions,
         v.OverallAbsenceSessions, v.PersistentAbsenceEnrolments, v.SevereAbsenceEnrolments);

    private static void AssertHandChecked(DuckDBConnection c)
    {
        foreach (var fromRollup in new[] { true, false })
        {
            var la = Measure(c, Population.Cohort, fromRollup: fromRollup);
            Assert.Equal((2L, 22L, 17L, 0L, 5L, 5L, 1L, 1L), Figures(la));
            Assert.Equal(5.0 / 22 * 100, la.OverallAbsenceRate!.Value, 4); // rates are kept to 4 decimal places
            Assert.Equal((1L, 12L, 12L, 0L, 0L, 0L, 0L, 0L), Figures(Measure(c, Population.Cohort, Gamma, fromRollup)));
            Assert.Equal((2L, 16L, 12L, 0L, 4L, 4L, 1L, 1L), Figures(Measure(c, Population.RestOfPupils, Gamma, fromRollup)));
        }
        Assert.True(RollupMeasureQuery.Available(c)); // the first path above was the rollup's
    }

    [Fact]
    public void AnLaCohortLoadedWithTheRegisters_MeasuresTheHandCheckedFigures_InEveryPath()
    {
        using var w = new EtlWarehouse();
        var cohortFiles = YoungCarers.Write(w.NewFolder("cohorts"));
        w.Load(w.HandChecked, cohortFiles);

        using var c = w.Open();
        AssertHandChecked(c);
        var row = Assert.Single(EtlWarehouse.Rows(c, "SELECT cohort, name, description, statutory FROM cohorts WHERE NOT statutory"));
        Assert.Equal($"{YoungCarers.Key}|{YoungCarers.Name}|{YoungCarers.Description}|False", row);
        Assert.Equal([YoungCarers.Key], EtlWarehouse.Rows(c, "SELECT membership_cohort FROM reporting_cohorts WHERE cohort = 'YOUNG_CARERS'"));
        // Statutory cohorts first, in their order, then the LA's.
        Assert.Equal([.. ReportingCohort.All.Select(k => k.Key), YoungCarers.Key], CohortCatalogue.Read(c).Select(k => k.Key));
    }

    [Fact]
    public void AWarehouseBuiltBeforeTheCohort_MeasuresIt_AfterTheLoadThatDeclaresIt()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using (var c = w.Open())
        {
            Assert.Equal(0L, Measure(c, Population.Cohort).Enrolments);
            Assert.DoesNotContain(YoungCarers.Key, CohortCatalogue.Read(c).Select(k => k.Key));
        }

        w.Load(YoungCarers.Write(w.NewFolder("cohorts")));

        using (var c = w.Open())
        {
            AssertHandChecked(c);
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
    }

    [Fact]
    public void DefinitionsFirst_MembershipsInALaterLoad_AreMeasured()
    {
        using var w = new EtlWarehouse();
        var files = YoungCarers.Write(w.NewFolder("cohorts"));
        w.Load(w.HandChecked, Path.Combine(files, "la_cohorts.csv"));
        w.Load(Path.Combine(files, "young_carers.csv")); // names the cohort an earlier load declared

        using var c = w.Open();
        AssertHandChecked(c);
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void LoadingTheSameCohortFilesTwice_ChangesNothing()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var files = YoungCarers.Write(w.NewFolder("cohorts"));
        w.Load(files);
        var before = w.Dump();

        Assert.True(w.Load(files).AlreadyLoaded);
        Assert.Equal(before, w.Dump());

        // Forced, the same rows are written again: only the batch log (and each batch's coverage) and the memberships'
        // batch numbers change.
        w.Load(new LoadOptions(LaCode: 319, Force: true), files);
        var after = w.Dump();
        foreach (var table in EtlWarehouse.Tables.Where(t => t is not ("batches" or "batch_coverage" or "cohort_memberships"))) Assert.Equal(before[table], after[table]);
        using var c = w.Open();
        AssertHandChecked(c);
    }

    /// <summary>
    /// The bug the rewrite fixes: reporting cohorts were written only into a new warehouse, so one added to the statutory
    /// list later was advertised and measured empty. Simulated by removing SEND from a published warehouse's reference
    /// rows and aggregates, as a warehouse built before SEND existed would be; the next load (one unrelated mark) serves it.
    /// </summary>
    [Fact]
    public void AStatutoryCohortMissingFromAnOlderWarehouse_IsMeasuredAfterTheNextLoad()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        MeasureValues send;
        var request = new MeasureRequest(Year) { Population = Population.Cohort, Cohorts = [ReportingCohort.Send.Key] };
        using (var c = w.Open()) send = Assert.Single(MeasureQuery.Run(c, request)).Values;
        Assert.Equal(1L, send.Enrolments); // P2: SEN support, then an EHC plan

        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!))))
        {
            c.Open();
            c.ExecuteAll(
            [
                "DELETE FROM reporting_cohorts WHERE cohort = 'SEND'",
                "DELETE FROM cohort_enrolment_week_counts WHERE cohort = 'SEND'",
                $"DELETE FROM {SchoolRollup.Table} WHERE cohort = 'SEND'",
                $"DELETE FROM {RollupUnits.Table} WHERE cohort = 'SEND'",
            ]);
        }
        using (var c = w.Open()) Assert.Empty(MeasureQuery.Run(c, request));

        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("next"), "marks.csv"), [(P1, Alpha, Days[0], "AM", "/")]));

        using (var c = w.Open())
        {
            Assert.Equal(send, Assert.Single(MeasureQuery.Run(c, request)).Values);
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
    }

    /// <summary>
    /// A daily marks file changes no membership, pupil or reporting cohort, so the cohort intervals are kept; a table written by
    /// another definition (an older release, simulated by its marker) is rewritten by the next load whatever the batch holds.
    /// </summary>
    [Fact]
    public void CohortIntervals_AreKeptByAMarksOnlyLoad_AndRewrittenWhenWrittenByAnotherDefinition()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        string Intervals() { using var c = w.Open(); return string.Join(";", EtlWarehouse.Rows(c, $"SELECT * FROM {CohortIntervals.Table} ORDER BY ALL")); }
        var written = Intervals();
        Assert.NotEmpty(written);
        void Tamper(params string[] sql)
        {
            using var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!)));
            c.Open();
            c.ExecuteAll(sql);
        }
        var marks = 0;
        string NextMarks() => w.WriteMarks(Path.Combine(w.NewFolder($"next{++marks}"), "marks.csv"), [(P1, Alpha, Days[0], "AM", marks % 2 == 0 ? "/" : "L")]);

        // A row only the table has: a marks-only load that rewrote the table would drop it.
        Tamper($"INSERT INTO {CohortIntervals.Table} VALUES ('FSM', 999999, DATE '2025-09-01', DATE '2025-09-02')");
        w.Load(NextMarks());
        Assert.Contains("FSM|999999", Intervals());

        Tamper($"UPDATE warehouse_info SET value = 'an older definition' WHERE key = '{CohortIntervals.DefinitionKey}'");
        w.Load(NextMarks());
        Assert.Equal(written, Intervals());
    }
}

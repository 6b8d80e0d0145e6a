using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// A snapshot published before session totals, the school rollup and the materialised cohort intervals existed has none
/// of those tables; until the next load writes them the API must still answer from it (the benchmark's cached warehouse
/// found that it did not).
/// </summary>
public sealed class WarehouseBeforeTotalsTests
{
    [Fact]
    public void ASnapshotWithoutTotalsOrRollupTables_AnswersMeasuresAsBefore() =>
        AnswersAsBeforeWithoutNewerTables(new MeasureRequest(Period.Year(new AcademicYear(2025))) { GroupBy = MeasureGrouping.School });

    [Fact]
    public void ASnapshotWithoutCohortIntervals_AnswersACohortDayRangeAsBefore() =>
        // Mid-week to mid-week: the edge days are read from the marks through the cohort intervals.
        AnswersAsBeforeWithoutNewerTables(new MeasureRequest(Period.Range(new DateOnly(2025, 9, 3), new DateOnly(2025, 10, 15)))
        {
            Population = Population.Cohort,
            Cohorts = AttendanceGraph.Schema.Cohorts.ReportingCohort.All.Select(k => k.Key).ToList(),
            GroupBy = MeasureGrouping.School,
        });

    private static void AnswersAsBeforeWithoutNewerTables(MeasureRequest request)
    {
        using var warehouse = new EtlWarehouse();
        warehouse.Load(warehouse.HandChecked);
        IReadOnlyList<MeasureRow> expected;
        string file;
        using (var c = warehouse.Open())
        {
            expected = MeasureQuery.Run(c, request);
            file = c.DataSource;
        }
        var old = Path.Combine(warehouse.NewFolder("old"), "snapshot.duckdb");
        File.Copy(file, old);
        using var connection = new DuckDBConnection($"Data Source={old}");
        connection.Open();
        foreach (var table in new[] { "session_total_spans", "session_totals", AttendanceGraph.Schema.Rollups.SchoolRollup.Table, CohortIntervals.Table })
            using (var drop = connection.CreateCommand())
            {
                drop.CommandText = $"DROP TABLE IF EXISTS {table}";
                drop.ExecuteNonQuery();
            }
        var actual = MeasureQuery.Run(connection, request);
        Assert.Equal(expected.Select(r => (r.Urn, r.Cohort, r.Values with { CodeSessions = null })), actual.Select(r => (r.Urn, r.Cohort, r.Values with { CodeSessions = null })));
        Assert.NotEmpty(actual);
    }
}

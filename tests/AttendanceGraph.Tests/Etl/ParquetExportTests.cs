using AttendanceGraph.Etl.Export;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// <c>attendancegraph-etl export</c> on the hand-checked LA (319, with a school of LA 315 among its enrolments): the
/// partitions are the warehouse's rows by LA and academic year, the Parquet read back answers the same measures as the
/// warehouse (MeasureQueryTests' hand-worked figures: 7 enrolments, 90 possible sessions in autumn 1), the export is
/// atomic and written once per snapshot, and disclosure control's keys stay behind.
/// </summary>
public sealed class ParquetExportTests : IDisposable
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);
    private readonly EtlWarehouse warehouse = new();
    private readonly string exports;

    public ParquetExportTests()
    {
        warehouse.Load(warehouse.HandChecked);
        exports = warehouse.NewFolder("exports");
    }

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public void EveryPartition_HoldsTheWarehousesRowsOfItsLaAndYear()
    {
        var result = ParquetExport.Export(warehouse.Paths, exports);
        using var w = warehouse.Open();
        using var p = Memory();

        Assert.Equal(Path.Combine(exports, warehouse.Current!.Replace(".duckdb", "")), result.Folder);
        Assert.True(File.Exists(Path.Combine(result.Folder, "marks", "la=319", "academic_year=2025", "data_0.parquet")));
        Assert.True(File.Exists(Path.Combine(result.Folder, "schools", "la=319", "data_0.parquet")));
        var tables = result.Manifest.Tables.ToDictionary(t => t.Name);
        Assert.Equal("date", tables["marks"].YearFrom);
        Assert.Null(tables["schools"].YearFrom);
        foreach (var t in result.Manifest.Tables)
        {
            var year = t.YearFrom is null ? "NULL" : WarehouseSchema.AcademicYearSql(t.YearFrom);
            var secret = t.Name == "warehouse_info" ? $"WHERE key <> '{RecordKeys.SecretKey}'" : "";
            var expected = EtlWarehouse.Rows(w, $"SELECT 319, {year}, count(*) FROM {t.Name} {secret} GROUP BY ALL ORDER BY ALL");
            if (t.Rows == 0)
            {
                Assert.Equal(0, w.Scalar<long>($"SELECT count(*) FROM {t.Name}"));
                Assert.False(Directory.Exists(Path.Combine(result.Folder, t.Name)));
                continue;
            }
            // Read the files themselves, by their folders, not the manifest the export wrote.
            var files = Path.Combine(result.Folder, t.Name, t.YearFrom is null ? "*/*.parquet" : "*/*/*.parquet");
            var actual = EtlWarehouse.Rows(p, $"SELECT la, {(t.YearFrom is null ? "NULL" : "academic_year")}, count(*) FROM read_parquet('{files}', hive_partitioning = true) GROUP BY ALL ORDER BY ALL");
            Assert.True(expected.SequenceEqual(actual), $"{t.Name}: warehouse {string.Join(", ", expected)}; export {string.Join(", ", actual)}");
            Assert.Equal(t.Partitions.Select(x => x.Rows), actual.Select(r => long.Parse(r.Split('|')[2])));
        }
        // The other LA's school is in the export too, under the LA whose warehouse it is.
        Assert.Contains("100004|315", EtlWarehouse.Rows(p, $"SELECT urn, la_code FROM read_parquet('{Path.Combine(result.Folder, "schools", "*", "*.parquet")}')"));
    }

    [Fact]
    public void TheParquetReadBack_AnswersTheWarehousesMeasures()
    {
        var result = ParquetExport.Export(warehouse.Paths, exports);
        using var w = warehouse.Open();
        using var p = Memory();
        p.ExecuteAll([ParquetExport.ReaderSql(result.Manifest, result.Folder)]);

        var year = Period.Year(new AcademicYear(2025));
        MeasureRequest[] requests =
        [
            new(Autumn1),
            new(Autumn1) { GroupBy = MeasureGrouping.School, IncludeCodes = true },
            new(year) { GroupBy = MeasureGrouping.School, Grain = TimeGrain.Week },
            new(Period.Range(new DateOnly(2025, 9, 4), new DateOnly(2025, 9, 9))) { GroupBy = MeasureGrouping.School }, // cuts through weeks
            new(Autumn1) { Population = Population.Cohort, Cohorts = EtlWarehouse.Rows(w, "SELECT cohort FROM reporting_cohorts ORDER BY 1") },
            new(Autumn1) { Urns = [Beta], CellKeys = false },
        ];
        foreach (var request in requests)
            Assert.Equal(Text(MeasureQuery.Run(w, request)), Text(MeasureQuery.Run(p, request)));
        // MeasureQueryTests' hand-worked autumn 1: 7 compulsory-age enrolments, 90 possible sessions, 16 absent.
        var la = Assert.Single(MeasureQuery.Run(p, new MeasureRequest(Autumn1))).Values;
        Assert.Equal((7L, 90L, 16L), (la.Enrolments, la.PossibleSessions, la.OverallAbsenceSessions));
    }

    [Fact]
    public void TheExport_IsWrittenOncePerSnapshot_AndLeavesNoTemporaryFolder()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(exports, ".warehouse-000001.tmp-999999999")).FullName; // a killed export's

        var first = ParquetExport.Export(warehouse.Paths, exports);
        var written = File.ReadAllText(Path.Combine(first.Folder, ParquetExport.ManifestFile));
        var again = ParquetExport.Export(warehouse.Paths, exports);

        Assert.False(first.AlreadyExported);
        Assert.True(again.AlreadyExported);
        Assert.Equal(written, File.ReadAllText(Path.Combine(first.Folder, ParquetExport.ManifestFile)));
        Assert.False(Directory.Exists(leftover));
        Assert.Equal([Path.GetFileName(first.Folder)], Directory.GetFileSystemEntries(exports).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(first.Folder, ParquetExport.ReadmeFile)));
        Assert.True(File.Exists(Path.Combine(first.Folder, ParquetExport.ReaderScriptFile)));
    }

    [Fact]
    public void DisclosureControlsKeys_AreNotExported()
    {
        var result = ParquetExport.Export(warehouse.Paths, exports);
        using var p = Memory();

        Assert.DoesNotContain(result.Manifest.Tables, t => t.Name == RecordKeys.Table);
        Assert.False(Directory.Exists(Path.Combine(result.Folder, RecordKeys.Table)));
        var keys = EtlWarehouse.Rows(p, $"SELECT key FROM read_parquet('{Path.Combine(result.Folder, "warehouse_info", "*", "*.parquet")}')");
        Assert.Contains(ServedLocalAuthority.Key, keys);
        Assert.DoesNotContain(RecordKeys.SecretKey, keys);
    }

    [Fact]
    public void TheCommand_ExportsThePublishedSnapshot_AndAnEmptyWarehouseFails()
    {
        var (code, output, error) = EtlWarehouse.Cli("export", "--warehouse", warehouse.Paths.Root, "--out", exports);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("exported snapshot warehouse-000001 of LA 319", output);
        Assert.Contains("marks", output);

        (code, output, _) = EtlWarehouse.Cli("export", "--warehouse", warehouse.Paths.Root, "--out", exports);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("already exported", output);

        (code, _, error) = EtlWarehouse.Cli("export", "--warehouse", warehouse.NewFolder("empty"), "--out", exports);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("empty", error);
    }

    private static DuckDBConnection Memory()
    {
        var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        return c;
    }

    private static List<string> Text(IReadOnlyList<MeasureRow> rows) =>
        rows.Select(r => $"{r.Urn}|{r.Phase}|{r.BucketStart}|{r.Cohort}|{r.Values with { CodeSessions = null }}|{string.Join(",", r.Values.CodeSessions?.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}") ?? [])}")
            .Order().ToList();
}

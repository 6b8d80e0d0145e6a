using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Export;

/// <summary>
/// The published snapshot as Parquet, partitioned by LA and academic year in hive-style folders
/// (<c>marks/la=319/academic_year=2025/data_0.parquet</c>): what DfE's and LAs' data platforms read, and the road past
/// one machine (docs/scaling.md). Read-only on the snapshot; the export is built in a temporary folder beside its
/// target and renamed into place, so a reader sees the whole export or none. Snapshots are immutable, so an export is
/// named after its snapshot and never rewritten: exporting the same snapshot again does nothing.
/// </summary>
/// <remarks>
/// <para><c>la</c> is the LA the warehouse serves (every row of the snapshot is its data, including any school of another
/// LA it holds); <c>academic_year</c> is the start year (2025 = 2025/26) of the row's date column (<see cref="YearColumns"/>).
/// Tables with no such column are partitioned by LA only. An empty table has no folder: its columns are in the manifest
/// and the reader script creates it empty.</para>
/// <para>Pupil-level tables are exported: this is an operator's command on the LA's own machine, and whoever can read the
/// warehouse file already has everything in it. Disclosure control's keys are not: the record-key secret and the
/// per-pupil record keys stay in the warehouse (docs/security.md).</para>
/// </remarks>
public static class ParquetExport
{
    public const string LaColumn = "la";
    public const string YearColumn = "academic_year";
    public const string ManifestFile = "manifest.json";
    public const string ReaderScriptFile = "duckdb.sql";
    public const string ReadmeFile = "README.md";
    private const string TempMarker = ".tmp-";

    /// <summary>The date column whose academic year partitions a table, in order of preference.</summary>
    public static readonly IReadOnlyList<string> YearColumns = ["date", "span_start", "frag_start", "b_from"];

    /// <summary>Tables never exported: the cell-key method's per-pupil keys (the secret is also left out of warehouse_info).</summary>
    public static readonly IReadOnlyList<string> Withheld = [RecordKeys.Table];

    public sealed record Column(string Name, string Type);
    public sealed record Partition(string Path, long Rows);
    public sealed record Table(string Name, string? YearFrom, IReadOnlyList<Column> Columns, long Rows, IReadOnlyList<Partition> Partitions);
    public sealed record View(string Name, string Sql);
    public sealed record Manifest(string Snapshot, int La, DateTime ExportedUtc, IReadOnlyList<Table> Tables, IReadOnlyList<View> Views);
    public sealed record Result(string Folder, Manifest Manifest, bool AlreadyExported, TimeSpan Elapsed);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Result Export(WarehousePaths paths, string outDir, string memoryLimit = "1GB")
    {
        var clock = Stopwatch.StartNew();
        using var c = CurrentSnapshot.TryOpenReadOnly(paths, memoryLimit)
            ?? throw new InvalidOperationException($"warehouse {paths.Root} is empty: nothing to export");
        // The snapshot this connection holds open: a load publishing meanwhile changes CURRENT, not this file.
        var snapshot = Path.GetFileNameWithoutExtension(c.DataSource);
        Directory.CreateDirectory(outDir);
        var target = Path.Combine(outDir, snapshot);
        if (Directory.Exists(target))
            return new Result(target, ReadManifest(target), AlreadyExported: true, clock.Elapsed);

        RemoveLeftovers(outDir);
        var temp = Path.Combine(outDir, $".{snapshot}{TempMarker}{Environment.ProcessId}");
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        try
        {
            var la = ServedLa(c);
            var tables = TableNames(c).Select(t => ExportTable(c, t, la, temp)).ToList();
            var views = c.Rows("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND NOT temporary AND schema_name = 'main' ORDER BY view_oid")
                .Select(r => new View(r.GetString(0), r.GetString(1))).ToList();
            var manifest = new Manifest(snapshot, la, DateTime.UtcNow, tables, views);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, Json));
            File.WriteAllText(Path.Combine(temp, ReaderScriptFile), ReaderSql(manifest, "."));
            File.WriteAllText(Path.Combine(temp, ReadmeFile), ParquetExportReadme.Text(manifest));
            try
            {
                Directory.Move(temp, target); // atomic within one folder: the export appears whole
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another export of the same snapshot finished first: its export is this one.
                Directory.Delete(temp, recursive: true);
                return new Result(target, ReadManifest(target), AlreadyExported: true, clock.Elapsed);
            }
            DirectorySync.Flush(outDir);
            return new Result(target, manifest, AlreadyExported: false, clock.Elapsed);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    public static Manifest ReadManifest(string exportFolder) =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(exportFolder, ManifestFile)), Json)
        ?? throw new InvalidDataException($"{exportFolder} has no readable {ManifestFile}");

    /// <summary>
    /// DuckDB statements that make a connection read the export as the warehouse: a view per table over its Parquet
    /// files (partition columns dropped), an empty table for a table with no rows, then the warehouse's own views.
    /// <paramref name="root"/> is the export folder as the reader sees it ("." when run from inside it).
    /// </summary>
    public static string ReaderSql(Manifest manifest, string root)
    {
        var lines = new List<string> { $"-- The warehouse snapshot {manifest.Snapshot} of LA {manifest.La}, read from its Parquet export." };
        foreach (var t in manifest.Tables)
        {
            if (t.Rows == 0)
            {
                lines.Add($"CREATE TABLE {Quote(t.Name)} ({string.Join(", ", t.Columns.Select(col => $"{Quote(col.Name)} {col.Type}"))});");
                continue;
            }
            var partitionColumns = t.YearFrom is null ? LaColumn : $"{LaColumn}, {YearColumn}";
            var files = t.YearFrom is null ? "*/*.parquet" : "*/*/*.parquet";
            lines.Add($"CREATE VIEW {Quote(t.Name)} AS SELECT * EXCLUDE ({partitionColumns}) FROM read_parquet('{Literal(Path.Combine(root, t.Name, files))}', hive_partitioning = true);");
        }
        foreach (var v in manifest.Views) lines.Add(v.Sql.TrimEnd().TrimEnd(';') + ";");
        return string.Join("\n", lines) + "\n";
    }

    private static Table ExportTable(DuckDBConnection c, string table, int la, string folder)
    {
        var columns = c.Rows("SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $t ORDER BY column_index", ("t", table))
            .Select(r => new Column(r.GetString(0), r.GetString(1))).ToList();
        if (columns.FirstOrDefault(col => col.Name is LaColumn or YearColumn) is { } clash)
            throw new InvalidOperationException($"table {table} has a column named {clash.Name}, one of the export's partition columns");
        var yearFrom = YearColumns.FirstOrDefault(y => columns.Any(col => col.Name == y));
        var select = $"SELECT *, {la}::SMALLINT AS {LaColumn}"
            + (yearFrom is null ? "" : $", {WarehouseSchema.AcademicYearSql(Quote(yearFrom))} AS {YearColumn}")
            + $" FROM {Quote(table)}" + (table == "warehouse_info" ? $" WHERE key <> '{RecordKeys.SecretKey}'" : "");
        var rows = c.Scalar<long>($"SELECT count(*) FROM ({select})");
        if (rows == 0) return new Table(table, yearFrom, columns, 0, []);

        var dir = Path.Combine(folder, table);
        var partitionBy = yearFrom is null ? LaColumn : $"{LaColumn}, {YearColumn}";
        c.Execute($"COPY ({select}) TO '{Literal(dir)}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({partitionBy}))");

        // Read the files back: every partition's rows, and together exactly the snapshot's (else the export fails).
        var glob = Literal(Path.Combine(dir, yearFrom is null ? "*/*.parquet" : "*/*/*.parquet"));
        var partitions = c.Rows($"""
            SELECT {partitionBy}, count(*) FROM read_parquet('{glob}', hive_partitioning = true) GROUP BY ALL ORDER BY ALL
            """).Select(r => new Partition(
                yearFrom is null ? $"{LaColumn}={r.GetValue(0)}" : $"{LaColumn}={r.GetValue(0)}/{YearColumn}={r.GetValue(1)}",
                r.GetInt64(yearFrom is null ? 1 : 2))).ToList();
        var written = partitions.Sum(p => p.Rows);
        if (written != rows)
            throw new InvalidOperationException($"the export of {table} holds {written:N0} rows where the snapshot has {rows:N0}");
        return new Table(table, yearFrom, columns, rows, partitions);
    }

    private static IReadOnlyList<string> TableNames(DuckDBConnection c) =>
        c.Rows("SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY table_name")
            .Select(r => r.GetString(0)).Where(t => !Withheld.Contains(t)).ToList();

    /// <summary>The LA the warehouse serves; a warehouse loaded before it was recorded has it from its one LA of enrolled schools.</summary>
    private static int ServedLa(DuckDBConnection c)
    {
        if (ServedLocalAuthority.Read(c) is { } la) return la;
        var las = c.Rows("SELECT DISTINCT s.la_code FROM schools s WHERE s.urn IN (SELECT urn FROM enrolments) ORDER BY 1").Select(r => (int)r.GetInt16(0)).ToList();
        return las.Count == 1 ? las[0]
            : throw new InvalidOperationException($"the warehouse records no LA and its pupils are at schools of {las.Count} LAs: load it once with --la first");
    }

    /// <summary>Temporary folders of exports whose process is gone (killed mid-export).</summary>
    private static void RemoveLeftovers(string outDir)
    {
        foreach (var dir in Directory.GetDirectories(outDir, "." + "*" + TempMarker + "*"))
        {
            var pid = Path.GetFileName(dir).Split(TempMarker)[^1];
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && id != Environment.ProcessId && !Alive(id))
                Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Alive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string text) => text.Replace("'", "''");
}

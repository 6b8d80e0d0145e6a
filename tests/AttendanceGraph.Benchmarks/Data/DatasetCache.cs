using System.Text.Json;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Data;

/// <summary>
/// Generated authorities, cached by seed and size under the cache folder (gitignored): generated once with the
/// ETL's own <see cref="DemoAuthorityGenerator"/>, and a loaded warehouse of each kept beside it for the query sections.
/// </summary>
public sealed class DatasetCache(string root, int seed)
{
    private const string Manifest = "dataset.json";

    public string Root { get; } = root;

    public Dataset Get(int pupils, int schools, int years)
    {
        // f2: pupils.csv has the characteristic columns (a cache generated before them would not fit PeerSql's pupils_raw).
        var key = $"seed{seed}-p{pupils}-s{schools}-y{years}-{BenchmarkCalendar.AsOf:yyyyMMdd}-f2";
        var folder = Path.Combine(Root, key);
        var manifest = Path.Combine(folder, Manifest);
        if (File.Exists(manifest))
            return JsonSerializer.Deserialize<Dataset>(File.ReadAllText(manifest))! with { Folder = folder };

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var options = new GeneratorOptions { Pupils = pupils, Schools = schools, Years = years, Seed = seed, AsOf = BenchmarkCalendar.AsOf };
        Console.Error.WriteLine($"[cache] generating {key} …");
        var result = new DemoAuthorityGenerator().Generate(options, Path.Combine(folder, "input"));
        var dataset = new Dataset(key, folder, result.Pupils, result.Schools, years, result.Marks,
            new FileInfo(Path.Combine(folder, "input", DemoAuthorityGenerator.MarksFileName)).Length, result.Elapsed.TotalSeconds);
        File.WriteAllText(manifest, JsonSerializer.Serialize(dataset));
        return dataset;
    }

    /// <summary>The dataset loaded once into its own warehouse (in process), for the API, overhead and peer sections.</summary>
    public WarehousePaths Warehouse(Dataset dataset)
    {
        var paths = new WarehousePaths(dataset.WarehouseDir);
        if (SnapshotPointer.ReadName(paths) is not null && IsCurrent(paths)) return paths;
        if (Directory.Exists(paths.Root)) Directory.Delete(paths.Root, recursive: true);
        paths.EnsureCreated();
        Console.Error.WriteLine($"[cache] loading {dataset.Key} into its query warehouse …");
        new BatchLoader(paths).Load([dataset.InputDir], new LoadOptions(LaCode: new GeneratorOptions().LaCode));
        return paths;
    }

    /// <summary>
    /// The query warehouse with the next school day loaded into it as a second batch (<see cref="IncrementalDayWriter"/>):
    /// the warehouse a team opens each morning, after the night's daily load. The dashboard's needs-attention page
    /// compares the latest load with the one before it, which a warehouse of one batch does not have (its list is then
    /// empty at no cost, and the page measured fast for that reason). Kept beside the query warehouse, as a copy of it.
    /// </summary>
    public WarehousePaths WarehouseAfterADailyLoad(Dataset dataset)
    {
        var paths = new WarehousePaths(Path.Combine(dataset.Folder, "warehouse-after-daily-load"));
        if (SnapshotPointer.ReadName(paths) is not null && IsCurrent(paths) && Batches(paths) == 2) return paths;
        var source = Warehouse(dataset);
        if (Directory.Exists(paths.Root)) Directory.Delete(paths.Root, recursive: true);
        Console.Error.WriteLine($"[cache] copying {dataset.Key}'s query warehouse and loading {BenchmarkCalendar.IncrementalDay:yyyy-MM-dd} into it …");
        CopyFolder(source.Root, paths.Root);
        var day = Path.Combine(dataset.Folder, "scratch", "daily-load");
        try
        {
            var (folder, _) = IncrementalDayWriter.Write(dataset, BenchmarkCalendar.IncrementalDay, day);
            new BatchLoader(paths).Load([folder], new LoadOptions(LaCode: new GeneratorOptions().LaCode));
        }
        finally
        {
            if (Directory.Exists(day)) Directory.Delete(day, recursive: true);
        }
        return paths;
    }

    private static int Batches(WarehousePaths paths)
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(paths);
        return c is null ? 0 : BatchCoverage.Latest(c, 2).Count;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>
    /// Whether the cached warehouse was built by the current loader: one built before a rollup change (a new table
    /// version), before the cohort intervals were materialised (which came with marks clustered by week) or by an older
    /// schema version (before school_open_days, pupil pages read every mark's day) would answer from slower paths and
    /// measure the wrong thing, so it is rebuilt.
    /// </summary>
    private static bool IsCurrent(WarehousePaths paths)
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(paths);
        // Every table a query reads when the build has it: a warehouse from before one would serve an older path (the scale
        // section measured the school benchmark from a cached warehouse without the peer positions for two runs).
        return c is not null && Schema.Rollups.RollupMeasureQuery.Available(c) && WarehouseTables.Has(c, CohortIntervals.Table) && Schema.Rollups.PeerPositions.Available(c)
            && c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = 'schema_version'") == WarehouseSchema.Version.ToString();
    }

    /// <summary>A fresh scratch folder under the dataset, for measured loads; deleted by the caller.</summary>
    public string Scratch(Dataset dataset, string name)
    {
        var dir = Path.Combine(dataset.Folder, "scratch", name);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }
}

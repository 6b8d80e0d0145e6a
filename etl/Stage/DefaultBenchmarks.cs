using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Schema.Benchmarks;

namespace AttendanceGraph.Etl.Stage;

/// <summary>The shipped national benchmark, read through the same reader as any benchmark file an LA loads.</summary>
public static class DefaultBenchmarks
{
    public static IReadOnlyList<BenchmarkRecord> Read() =>
        ReadShipped(PublishedBenchmarks.FileName, PublishedBenchmarks.WriteTo).Benchmarks;

    /// <summary>The shipped in-year figures (weeks and years to date), read as an LA's EES in-year file would be.</summary>
    public static IReadOnlyList<InYearBenchmarkRecord> ReadInYear() =>
        ReadShipped(PublishedBenchmarks.InYearFileName, PublishedBenchmarks.WriteInYearTo).InYearBenchmarks;

    private static ReadBatch ReadShipped(string fileName, Action<string> write)
    {
        var dir = Directory.CreateTempSubdirectory("attendancegraph-benchmarks-");
        try
        {
            var path = Path.Combine(dir.FullName, fileName);
            write(path);
            var batch = BatchReader.Read([path], new ReadOptions(), ExistingWarehouseState.Empty);
            if (batch.Report.HasErrors) throw new InvalidDataException($"the shipped benchmark file {fileName} is invalid:\n{batch.Report.ToSummary()}");
            return batch;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

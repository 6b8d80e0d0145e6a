using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Schema.Benchmarks;

namespace AttendanceGraph.Etl.Stage;

/// <summary>The shipped national benchmark, read through the same reader as any benchmark file an LA loads.</summary>
public static class DefaultBenchmarks
{
    public static IReadOnlyList<BenchmarkRecord> Read()
    {
        var dir = Directory.CreateTempSubdirectory("attendancegraph-benchmarks-");
        try
        {
            var path = Path.Combine(dir.FullName, PublishedBenchmarks.FileName);
            PublishedBenchmarks.WriteTo(path);
            var batch = BatchReader.Read([path], new ReadOptions(), ExistingWarehouseState.Empty);
            if (batch.Report.HasErrors) throw new InvalidDataException($"the shipped benchmark file is invalid:\n{batch.Report.ToSummary()}");
            return batch.Benchmarks;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

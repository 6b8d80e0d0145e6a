using System.Reflection;

namespace AttendanceGraph.Schema.Benchmarks;

/// <summary>
/// The national (and three LAs') published absence figures shipped with the product (from
/// shared/domain/published-benchmarks.csv, EES column conventions), loaded into every new warehouse.
/// </summary>
public static class PublishedBenchmarks
{
    public const string FileName = "published-benchmarks.csv";

    public static void WriteTo(string path)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"embedded resource {FileName} missing");
        using var file = File.Create(path);
        stream.CopyTo(file);
    }
}

using System.Reflection;

namespace AttendanceGraph.Schema.Benchmarks;

/// <summary>
/// The national (and three LAs') published absence figures shipped with the product (from
/// shared/domain/published-benchmarks.csv, EES column conventions), loaded into every new warehouse.
/// </summary>
public static class PublishedBenchmarks
{
    public const string FileName = "published-benchmarks.csv";

    /// <summary>
    /// DfE's in-year figures shipped with the product (weeks and years to date of 2024/25 and 2025/26, EES "Pupil attendance
    /// in schools" columns; where each was read: its source column and docs/input-contracts.md), in every warehouse.
    /// </summary>
    public const string InYearFileName = "in-year-benchmarks.csv";

    public static void WriteTo(string path) => WriteTo(FileName, path);

    public static void WriteInYearTo(string path) => WriteTo(InYearFileName, path);

    private static void WriteTo(string resource, string path)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} missing");
        using var file = File.Create(path);
        stream.CopyTo(file);
    }
}

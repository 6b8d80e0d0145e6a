using System.Globalization;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>The CLI verbs end to end on a very small generated LA.</summary>
public sealed class GenerateLoadStatusTests
{
    [Fact]
    public void GenerateThenLoadThenStatus_ReportsTheBatchRowCountsAndDateRange()
    {
        using var w = new EtlWarehouse();
        var input = w.NewFolder("generated");
        var gen = EtlWarehouse.Cli("generate", "--out", input, "--schools", "3", "--pupils", "300", "--years", "1", "--seed", "7", "--as-of", "2025-10-10");
        Assert.True(gen.ExitCode == 0, gen.Error);

        // Expected counts straight from the generated files.
        var marksLines = File.ReadLines(Path.Combine(input, "marks.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var firstDate = marksLines.Select(f => f[2]).Min(StringComparer.Ordinal);
        var lastDate = marksLines.Select(f => f[2]).Max(StringComparer.Ordinal);
        // The pupils file's, and the resident-pupil download's (the LA's residents at neighbouring LAs' schools).
        var enrolments = File.ReadLines(Path.Combine(input, "pupils.csv")).Count() - 1 +
                         File.ReadLines(Path.Combine(input, "dfe-resident-pupils.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[1], l.Split(',')[5])).Distinct().Count();

        var load = EtlWarehouse.Cli("load", input, "--la", "319", "--warehouse", w.Paths.Root);
        Assert.True(load.ExitCode == 0, load.Output + load.Error);
        Assert.Contains($"batch 1 loaded", load.Output);
        Assert.Contains($"{marksLines.Count.ToString("N0", CultureInfo.CurrentCulture)} marks", load.Output);
        Assert.Contains($"{enrolments.ToString("N0", CultureInfo.CurrentCulture)} enrolments", load.Output);
        Assert.Contains("; 0 rejected", load.Output);

        var status = EtlWarehouse.Cli("status", "--warehouse", w.Paths.Root);
        using var c = w.Open();
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("snapshot warehouse-000001.duckdb", status.Output);
        Assert.Contains($"{marksLines.Count.ToString("N0", CultureInfo.CurrentCulture)} marks", status.Output);
        Assert.Contains($"{enrolments.ToString("N0", CultureInfo.CurrentCulture)} enrolments", status.Output);
        Assert.Contains($"marks from {firstDate} to {lastDate}", status.Output);
        var schools = c.Scalar<long>("SELECT count(*) FROM schools");
        Assert.Contains($"rows: {schools.ToString("N0", CultureInfo.CurrentCulture)} schools", status.Output);
        Assert.Contains($"{schools} schools", load.Output);
        var batchLine = Assert.Single(status.Output.Split('\n'), l => l.TrimStart().StartsWith("1  ", StringComparison.Ordinal));
        Assert.Contains($"{marksLines.Count.ToString("N0", CultureInfo.CurrentCulture)} marks", batchLine);

        Assert.Equal(marksLines.Count, c.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(marksLines.Count, c.Scalar<long>("SELECT marks FROM batches WHERE batch_id = 1"));
    }
}

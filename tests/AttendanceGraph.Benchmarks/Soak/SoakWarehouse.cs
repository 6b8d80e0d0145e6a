using System.Text;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>
/// The soak's own warehouse (a scratch copy: the cached one is never changed): the generated authority loaded
/// without its last <c>days</c> school days, whose real generated marks are kept aside, one input folder per day,
/// for the incremental loads. So each load is "the next school day" and every date is a fixed past one.
/// </summary>
public sealed record SoakWarehouse(WarehousePaths Paths, IReadOnlyList<(DateOnly Day, string Folder, long Marks)> HeldBackDays)
{
    public static SoakWarehouse Prepare(Dataset dataset, string scratch, int days)
    {
        var schoolDays = SchoolCalendar.For(BenchmarkCalendar.Year).SchoolDays.Where(d => d <= BenchmarkCalendar.AsOf).ToList();
        var held = schoolDays.TakeLast(days).ToList();
        var baseInput = Path.Combine(scratch, "base-input");
        Directory.CreateDirectory(baseInput);
        var dayFolders = held.Select(d => Path.Combine(scratch, $"day-{d:yyyy-MM-dd}")).ToList();
        var counts = SplitMarks(Path.Combine(dataset.InputDir, DemoAuthorityGenerator.MarksFileName), Path.Combine(baseInput, "marks.csv"), held, dayFolders);
        var inputs = Directory.GetFiles(dataset.InputDir).Where(f => Path.GetFileName(f) != DemoAuthorityGenerator.MarksFileName).Append(baseInput).ToList();
        var paths = new WarehousePaths(Path.Combine(scratch, "warehouse"));
        paths.EnsureCreated();
        new BatchLoader(paths).Load(inputs, new LoadOptions(LaCode: new GeneratorOptions().LaCode));
        return new SoakWarehouse(paths, held.Select((d, i) => (d, dayFolders[i], counts[i])).ToList());
    }

    /// <summary>One pass over marks.csv: rows on a held-back day go to that day's file, the rest to the base file.</summary>
    private static long[] SplitMarks(string source, string baseFile, List<DateOnly> held, List<string> dayFolders)
    {
        var writers = dayFolders.Select(f =>
        {
            Directory.CreateDirectory(f);
            return new StreamWriter(Path.Combine(f, "marks.csv"), false, new UTF8Encoding(false), 1 << 16);
        }).ToList();
        var counts = new long[held.Count];
        var dates = held.Select(d => d.ToString("yyyy-MM-dd")).ToList();
        try
        {
            using var reader = new StreamReader(source);
            using var rest = new StreamWriter(baseFile, false, new UTF8Encoding(false), 1 << 20);
            var header = reader.ReadLine() ?? throw new InvalidDataException($"{source} is empty");
            var dateColumn = Array.IndexOf(header.Split(','), "date");
            if (dateColumn < 0) throw new InvalidDataException($"{source} has no date column");
            rest.Write(header + "\n");
            foreach (var w in writers) w.Write(header + "\n");
            while (reader.ReadLine() is { } line)
            {
                var day = dates.IndexOf(line.Split(',')[dateColumn]);
                if (day < 0) rest.Write(line + "\n");
                else
                {
                    writers[day].Write(line + "\n");
                    counts[day]++;
                }
            }
        }
        finally
        {
            foreach (var w in writers) w.Dispose();
        }
        return counts;
    }
}

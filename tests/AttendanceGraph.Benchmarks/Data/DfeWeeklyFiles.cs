using System.Text;
using System.Text.Json;
using AttendanceGraph.Etl.Generate;

namespace AttendanceGraph.Benchmarks.Data;

/// <summary>
/// A year of weekly DfE pupil-level attendance files for a generated authority, as an LA receives them from "View your
/// education data": one file per school week, each with the header and that week's rows. They are the file the ETL's
/// generator writes from the authority's registers (<see cref="SessionTotalsFileWriter"/>, characteristics included),
/// split by <c>period_start</c>. The last week is held back as the next weekly file, loaded on top of the year.
/// Cached beside the dataset under <c>dfe-weekly/</c> (year/ and next/ folders and a manifest); delete it to regenerate.
/// </summary>
public sealed record DfeWeeklyFiles(string Folder, string YearDir, string NextDir, string Gias, IReadOnlyList<DfeWeek> Weeks, DfeWeek Next, long YearBytes)
{
    private const string Manifest = "dfe-weekly.json";

    public long YearRows => Weeks.Sum(w => w.Rows);

    public IReadOnlyList<string> YearFiles => Weeks.Select(w => Path.Combine(YearDir, w.File)).ToList();

    public string NextFile => Path.Combine(NextDir, Next.File);

    public string Describe() =>
        $"{Weeks.Count} weekly DfE files ({Weeks[0].Start:yyyy-MM-dd} to {Weeks[^1].Start:yyyy-MM-dd}), {YearRows:N0} rows, {YearBytes / 1048576.0:N1} MiB; " +
        $"next week {Next.Start:yyyy-MM-dd}: {Next.Rows:N0} rows";

    public object ToJson() => new { weeks = Weeks.Count, yearRows = YearRows, yearBytes = YearBytes, firstWeek = Weeks[0].Start, lastWeek = Weeks[^1].Start, nextWeek = Next.Start, nextRows = Next.Rows };

    public static DfeWeeklyFiles For(Dataset dataset, int laCode)
    {
        var folder = Path.Combine(dataset.Folder, "dfe-weekly");
        var gias = Directory.GetFiles(dataset.InputDir, "edubasealldata*.csv").Single();
        var manifest = Path.Combine(folder, Manifest);
        if (File.Exists(manifest))
        {
            var m = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(manifest))!;
            return new DfeWeeklyFiles(folder, Path.Combine(folder, "year"), Path.Combine(folder, "next"), gias, m.Weeks, m.Next, m.YearBytes);
        }
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        Console.Error.WriteLine($"[cache] writing a year of weekly DfE files for {dataset.Key} …");
        var yearFile = SessionTotalsFileWriter.Write(dataset.MarksCsv, Path.Combine(dataset.InputDir, PupilsFileWriter.FileName),
            Path.Combine(folder, SessionTotalsFileWriter.FileName), laCode);
        var weeks = Split(yearFile, Path.Combine(folder, "weeks"));
        File.Delete(yearFile);
        if (weeks.Count < 2) throw new InvalidOperationException($"the DfE file of {dataset.Key} holds {weeks.Count} week(s); the section needs at least two");
        var (yearDir, nextDir) = (Path.Combine(folder, "year"), Path.Combine(folder, "next"));
        Directory.CreateDirectory(yearDir);
        Directory.CreateDirectory(nextDir);
        foreach (var w in weeks[..^1]) File.Move(Path.Combine(folder, "weeks", w.File), Path.Combine(yearDir, w.File));
        File.Move(Path.Combine(folder, "weeks", weeks[^1].File), Path.Combine(nextDir, weeks[^1].File));
        Directory.Delete(Path.Combine(folder, "weeks"));
        var yearBytes = weeks[..^1].Sum(w => new FileInfo(Path.Combine(yearDir, w.File)).Length);
        var written = new ManifestFile(weeks[..^1], weeks[^1], yearBytes);
        File.WriteAllText(manifest, JsonSerializer.Serialize(written));
        return new DfeWeeklyFiles(folder, yearDir, nextDir, gias, written.Weeks, written.Next, yearBytes);
    }

    /// <summary>One file per period_start, each with the header; the generator writes plain fields (no quoted line breaks).</summary>
    private static List<DfeWeek> Split(string yearFile, string outDir)
    {
        Directory.CreateDirectory(outDir);
        using var reader = new StreamReader(yearFile, new UTF8Encoding(false), false, 1 << 20);
        var header = reader.ReadLine() ?? throw new InvalidOperationException("the generated DfE file is empty");
        var column = Array.FindIndex(header.Split(','), h => h == "period_start");
        if (column < 0) throw new InvalidOperationException("the generated DfE file has no period_start column");
        var writers = new SortedDictionary<string, (StreamWriter Writer, long Rows)>(StringComparer.Ordinal);
        try
        {
            while (reader.ReadLine() is { } line)
            {
                var week = line.Split(',')[column];
                if (!writers.TryGetValue(week, out var w))
                {
                    w = (new StreamWriter(Path.Combine(outDir, $"dfe-pupil-attendance-{week}.csv"), false, new UTF8Encoding(false), 1 << 16), 0);
                    w.Writer.Write(header);
                    w.Writer.Write('\n');
                }
                w.Writer.Write(line);
                w.Writer.Write('\n');
                writers[week] = (w.Writer, w.Rows + 1);
            }
        }
        finally
        {
            foreach (var (_, w) in writers) w.Writer.Dispose();
        }
        return writers.Select(kv => new DfeWeek(DateOnly.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture), $"dfe-pupil-attendance-{kv.Key}.csv", kv.Value.Rows)).ToList();
    }

    private sealed record ManifestFile(IReadOnlyList<DfeWeek> Weeks, DfeWeek Next, long YearBytes);
}

/// <summary>One weekly file: the Monday it starts, its file name and its data rows.</summary>
public sealed record DfeWeek(DateOnly Start, string File, long Rows);

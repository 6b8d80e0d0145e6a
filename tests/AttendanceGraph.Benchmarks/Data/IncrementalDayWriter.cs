using System.Text;

namespace AttendanceGraph.Benchmarks.Data;

/// <summary>
/// Crafts the next school day's register: an AM and a PM mark for every enrolment on roll that day (from the
/// generated pupils.csv), mostly present with a sprinkle of illness and unauthorised absence, in marks.csv layout.
/// </summary>
public static class IncrementalDayWriter
{
    public static (string Folder, long Marks) Write(Dataset dataset, DateOnly day, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "marks.csv");
        var date = day.ToString("yyyy-MM-dd");
        long marks = 0;
        var random = new Random(day.DayNumber);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("upn,school_urn,date,session,code\n");
        using var reader = new StreamReader(Path.Combine(dataset.InputDir, "pupils.csv"));
        var header = reader.ReadLine()!.Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var (upn, urn, entry, leaving) = (Col("upn"), Col("school_urn"), Col("entry_date"), Col("leaving_date"));
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (DateOnly.Parse(f[entry]) > day) continue;
            if (f[leaving].Length > 0 && DateOnly.Parse(f[leaving]) < day) continue;
            var roll = random.NextDouble();
            var (am, pm) = roll < 0.04 ? ("I", "I") : roll < 0.05 ? ("O", "O") : ("/", "\\");
            writer.Write($"{f[upn]},{f[urn]},{date},AM,{am}\n{f[upn]},{f[urn]},{date},PM,{pm}\n");
            marks += 2;
        }
        return (folder, marks);
    }
}

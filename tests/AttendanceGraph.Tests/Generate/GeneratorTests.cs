using System.Globalization;
using System.Text;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Generate;

/// <summary>Contract tests on a tiny authority (6 schools, two years, AsOf mid-autumn): fast and exact.</summary>
public sealed class GeneratorTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 11, 14);
    private readonly List<string> dirs = [];

    private (GenerationResult Result, string Dir) Run(int seed)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ag-gen-test-" + Guid.NewGuid().ToString("N"));
        dirs.Add(dir);
        return (new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 6, Pupils = 1200, Seed = seed, AsOf = AsOf }, dir), dir);
    }

    public void Dispose()
    {
        foreach (var d in dirs) try { Directory.Delete(d, true); } catch (IOException) { }
    }

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs()
    {
        var (a, dirA) = Run(7);
        var (_, dirB) = Run(7);
        var (_, dirC) = Run(8);
        foreach (var file in a.Files.Select(Path.GetFileName))
            Assert.Equal(File.ReadAllBytes(Path.Combine(dirA, file!)), File.ReadAllBytes(Path.Combine(dirB, file!)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(dirA, "marks.csv")), File.ReadAllBytes(Path.Combine(dirC, "marks.csv")));
    }

    [Fact]
    public void Every_upn_is_valid()
    {
        var (_, dir) = Run(1);
        foreach (var line in File.ReadLines(Path.Combine(dir, "pupils.csv")).Skip(1))
            Assert.True(Upn.IsValid(line.Split(',')[0]), line);
    }

    [Fact]
    public void Marks_fall_on_school_days_within_an_enrolment_without_duplicates_and_stop_at_AsOf()
    {
        var (result, dir) = Run(2);
        var enrolments = File.ReadLines(Path.Combine(dir, "pupils.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Key: f[0] + "," + f[1], Entry: DateOnly.Parse(f[2], CultureInfo.InvariantCulture),
                Leaving: f[3] == "" ? DateOnly.MaxValue : DateOnly.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToLookup(e => e.Key);
        var seen = new HashSet<string>();
        long marks = 0;
        foreach (var line in File.ReadLines(Path.Combine(dir, "marks.csv")).Skip(1))
        {
            var f = line.Split(',');
            var date = DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.True(date <= AsOf, line);
            Assert.True(SchoolCalendar.For(date).IsSchoolDay(date), line);
            Assert.Contains(enrolments[f[0] + "," + f[1]], e => date >= e.Entry && date <= e.Leaving);
            Assert.True(f[3] is "AM" or "PM", line);
            Assert.True(seen.Add(f[0] + f[1] + f[2] + f[3]), "duplicate " + line);
            marks++;
        }
        Assert.Equal(result.Marks, marks);
        Assert.Contains(seen, k => k.Contains(AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Gias_extract_is_latin1_with_dd_mm_yyyy_dates_and_other_las()
    {
        var (_, dir) = Run(3);
        var path = Path.Combine(dir, GiasExtractWriter.FileName(AsOf));
        var bytes = File.ReadAllBytes(path);
        Assert.Contains((byte)0xE9, bytes); // é in Latin-1 is one byte; UTF-8 would be C3 A9.
        var lines = Encoding.Latin1.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("St Thérèse's Catholic Primary School"));
        var header = CsvLine.Split(lines[0]);
        foreach (var column in new[] { "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (name)",
                     "PhaseOfEducation (name)", "EstablishmentStatus (name)", "OpenDate", "CloseDate", "StatutoryLowAge", "StatutoryHighAge" })
            Assert.Contains(column, header);
        var rows = lines.Skip(1).Select(CsvLine.Split).ToList();
        var closeDates = rows.Select(r => r[header.IndexOf("CloseDate")]).Where(d => d != "").ToList();
        Assert.NotEmpty(closeDates);
        Assert.All(closeDates, d => DateOnly.ParseExact(d, "dd-MM-yyyy", CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => r[header.IndexOf("LA (code)")] == "315");
    }
}

using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Tests.Generate;

/// <summary>
/// One Sutton-sized authority (the default 60 schools: 4 special schools give ~500 special enrolments, enough for
/// stable special-school rates) for one whole academic year, generated once for all calibration tests.
/// </summary>
public sealed class GeneratedAuthorityFixture : IDisposable
{
    public static readonly AcademicYear Year = new(2024);

    public GeneratedAuthorityFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ag-gen-calibration-" + Guid.NewGuid().ToString("N"));
        Result = new DemoAuthorityGenerator().Generate(new GeneratorOptions { Years = 1, AsOf = Year.End, Seed = 42 }, Directory);
        Figures = MeasuredFigures.FromFiles(Directory, Year, Year.End);
    }

    public string Directory { get; }
    public GenerationResult Result { get; }
    public MeasuredFigures Figures { get; }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}

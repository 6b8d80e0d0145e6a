using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Benchmarks.Data;

/// <summary>
/// Fixed dates, so cached data and every figure are reproducible whatever day the benchmark runs: the generated
/// extract ends on the second-to-last school day of 2025/26 (one full year ≈ 189 days × AM/PM), and the
/// incremental load adds the last school day.
/// </summary>
public static class BenchmarkCalendar
{
    public static readonly AcademicYear Year = new(2025);
    public static DateOnly AsOf => SchoolCalendar.For(Year).SchoolDays[^2];
    public static DateOnly IncrementalDay => SchoolCalendar.For(Year).SchoolDays[^1];
    public static string YearLabel => Year.Label;
}

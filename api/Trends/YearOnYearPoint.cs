namespace AttendanceGraph.Api.Trends;

public sealed record YearOnYearPoint(int WeekOfAcademicYear, DateOnly? WeekStarting, double? Value, DateOnly? PreviousWeekStarting, double? PreviousValue)
{
    public double? Change => Value is { } v && PreviousValue is { } p ? Math.Round(v - p, 4) : null;
}

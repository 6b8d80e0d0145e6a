using GraphQL.Types;

namespace AttendanceGraph.Api.Trends;

public sealed class YearOnYearPointType : ObjectGraphType<YearOnYearPoint>
{
    public YearOnYearPointType()
    {
        Name = "YearOnYearPoint";
        Description = "One week of the academic year, this year against the previous one, aligned by week of the academic year.";
        Field(p => p.WeekOfAcademicYear);
        Field(p => p.WeekStarting, nullable: true);
        Field(p => p.Value, nullable: true);
        Field(p => p.PreviousWeekStarting, nullable: true);
        Field(p => p.PreviousValue, nullable: true);
        Field(p => p.Change, nullable: true).Description("Value minus previous value (percentage points for rates).");
    }
}

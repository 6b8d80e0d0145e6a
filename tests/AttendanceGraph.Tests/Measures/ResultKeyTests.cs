using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Tests.Measures;

/// <summary>The result cache's key tells apart every pair of requests whose answers differ.</summary>
public sealed class ResultKeyTests
{
    private static readonly MeasureRequest BySchool = new(Period.Year(new AcademicYear(2025))) { GroupBy = MeasureGrouping.School };

    [Fact]
    public void NoSchools_AndEverySchool_AreDifferentRequests()
    {
        var cache = new MeasureResultCache();
        IReadOnlyList<MeasureRow> none = [];

        cache.GetOrRun("snapshot", BySchool with { Urns = [] }, () => none);
        var every = cache.GetOrRun("snapshot", BySchool, () => [new MeasureRow(101, null, null, null, MeasureValues.Empty, CellKeys.None)]);

        Assert.Single(every);
    }

    [Fact]
    public void TheSameSchoolsInAnotherOrder_AreTheSameRequest() =>
        Assert.Equal((BySchool with { Urns = [2, 1] }).ResultKey, (BySchool with { Urns = [1, 2] }).ResultKey);
}

using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class MeasureEnum : EnumerationGraphType
{
    public MeasureEnum()
    {
        Name = "Measure";
        Description = "A headline measure, for sorting, filtering, ranking and time series.";
        foreach (var m in MeasureSelector.All) Add(m.Name, m, m.Description);
    }
}

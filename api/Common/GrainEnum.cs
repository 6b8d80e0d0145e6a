using AttendanceGraph.Schema.Measures;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class GrainEnum : EnumerationGraphType
{
    public GrainEnum()
    {
        Name = "Grain";
        Description = "The step of a time series.";
        Add("WEEK", TimeGrain.Week, "Weeks starting Monday.");
        Add("MONTH", TimeGrain.Month, "Calendar months.");
        Add("HALF_TERM", TimeGrain.HalfTerm, "The six half terms of each academic year.");
        Add("TERM", TimeGrain.Term, "Autumn, spring and summer terms.");
        Add("ACADEMIC_YEAR", TimeGrain.AcademicYear, "Academic years, 1 August to 31 July.");
    }
}

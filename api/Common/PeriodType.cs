using AttendanceGraph.Schema.Calendar;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class PeriodType : ObjectGraphType<Period>
{
    public PeriodType()
    {
        Name = "Period";
        Field(p => p.Label).Description("How a person would name it, e.g. \"2025/26 Autumn 1\".");
        Field(p => p.Kind, type: typeof(NonNullGraphType<PeriodKindEnum>));
        Field(p => p.Start).Description("First day (inclusive).");
        Field(p => p.End).Description("Last day (inclusive).");
        Field<NonNullGraphType<StringGraphType>>("academicYear").Resolve(c => c.Source.AcademicYear.Label);
    }
}

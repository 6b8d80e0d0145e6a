using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class DateWindowType : ObjectGraphType<DateWindow>
{
    public DateWindowType()
    {
        Name = "DateWindow";
        Description = "A run of days, both ends inclusive, whose data was served; a null end is unbounded (e.g. still on roll).";
        Field<DateOnlyGraphType>("from").Description("First day; null: no lower bound.").Resolve(c => c.Source.BoundedFrom);
        Field<DateOnlyGraphType>("to").Description("Last day; null: no upper bound.").Resolve(c => c.Source.BoundedTo);
    }
}

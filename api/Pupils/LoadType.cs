using AttendanceGraph.Schema.Warehouse;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class LoadType : ObjectGraphType<LoadCoverage>
{
    public LoadType()
    {
        Name = "Load";
        Description = "One published batch of the warehouse.";
        Field<NonNullGraphType<IntGraphType>>("batch").Resolve(c => c.Source.BatchId);
        Field<NonNullGraphType<DateTimeGraphType>>("loadedAt").Description("When the loader published it (the loader's clock, UTC on a server).")
            .Resolve(c => c.Source.LoadedAt);
        Field<DateOnlyGraphType>("marksTo")
            .Description("The latest register date on or before the load day once it was loaded; null for a batch loaded before this was recorded.")
            .Resolve(c => c.Source.MarksTo);
    }
}

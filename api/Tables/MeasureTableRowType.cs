using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using GraphQL.Types;

namespace AttendanceGraph.Api.Tables;

public sealed class MeasureTableRowType : ObjectGraphType<MeasureTableRow>
{
    public MeasureTableRowType()
    {
        Name = "MeasureTableRow";
        Description = "One row of scalar columns (for Power BI, Grafana, Tableau).";
        Field(r => r.Urn, nullable: true);
        Field(r => r.Laestab, nullable: true);
        Field(r => r.SchoolName, nullable: true);
        Field(r => r.Phase, nullable: true);
        Field(r => r.PeriodLabel);
        Field(r => r.PeriodStart);
        Field(r => r.PeriodEnd);
        Field(r => r.Cohort);
        Field(r => r.Characteristic, nullable: true).Description("The characteristic the table is broken down or filtered by (SEX, ETHNICITY, …); null when neither.");
        Field(r => r.Group, nullable: true).Description("The row's group of that characteristic (its code, as characteristicGroups lists it).");
        MeasureFields.AddTo(this, c => c.Source.Values);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("True when disclosure control withheld any figure in the row.")
            .Resolve(c => c.Source.Values.AnySuppressed);
    }
}

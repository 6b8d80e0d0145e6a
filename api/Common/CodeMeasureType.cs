using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class CodeMeasureType : ObjectGraphType<CodeMeasure>
{
    public CodeMeasureType()
    {
        Name = "CodeMeasure";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code.Code);
        Field<NonNullGraphType<StringGraphType>>("meaning").Resolve(c => c.Source.Code.Meaning);
        Field<NonNullGraphType<StringGraphType>>("category").Resolve(c => c.Source.Code.Category.ToString());
        Field<NonNullGraphType<BooleanGraphType>>("isPossibleSession").Resolve(c => c.Source.Code.IsPossibleSession);
        Field(c => c.Sessions);
        Field(c => c.Rate, nullable: true).Description("Sessions with this code as % of possible sessions.");
    }
}

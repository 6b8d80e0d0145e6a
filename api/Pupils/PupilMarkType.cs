using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilMarkType : ObjectGraphType<PupilMark>
{
    public PupilMarkType()
    {
        Name = "PupilMark";
        Description = "One register mark.";
        Field<NonNullGraphType<IntGraphType>>("urn").Resolve(c => c.Source.Urn);
        Field<NonNullGraphType<DateOnlyGraphType>>("date").Resolve(c => c.Source.Date);
        Field<NonNullGraphType<StringGraphType>>("session").Resolve(c => c.Source.Session == 0 ? "AM" : "PM");
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code.Code);
        Field<NonNullGraphType<StringGraphType>>("meaning").Resolve(c => c.Source.Code.Meaning);
        Field<NonNullGraphType<StringGraphType>>("category").Resolve(c => c.Source.Code.Category.ToString());
    }
}

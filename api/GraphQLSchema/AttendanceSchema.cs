using AttendanceGraph.Api.Schools;
using GraphQL.Types;

namespace AttendanceGraph.Api.GraphQLSchema;

public sealed class AttendanceSchema : GraphQL.Types.Schema
{
    public AttendanceSchema(IServiceProvider services) : base(services)
    {
        Query = new QueryType();
        Mutation = new MutationType();
        RegisterType(typeof(SchoolType));
        Description = "AttendanceGraph: school attendance for a local authority's Attendance Support Team (DfE methodology).";
    }
}

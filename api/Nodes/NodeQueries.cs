using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Nodes;

public static class NodeQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Any object by its global ID (Relay).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => SchoolNodeId.Parse(c.GetArgument<string>("id")) is { } urn ? c.Data().Facts.School(urn) : null);
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Api.Security;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Nodes;

public static class NodeQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Any object by its global ID (Relay). For the school role anything but its own school is FORBIDDEN, whether it exists or not.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c =>
            {
                var urn = SchoolNodeId.Parse(c.GetArgument<string>("id"));
                // Refused before the lookup: answering null for an unknown ID but FORBIDDEN for another school would tell a
                // school which URNs exist.
                var user = c.Access().User;
                if (user.IsSchool && urn != user.Urn)
                    throw new ForbiddenError($"the school role may only ask node about its own school (URN {user.Urn})");
                return urn is { } known ? c.Data().Facts.School(known) : null;
            });
    }
}

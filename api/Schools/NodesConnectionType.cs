using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;

namespace AttendanceGraph.Api.Schools;

/// <summary>A Relay connection that also offers <c>nodes</c>, so a BI tool can point one selector at <c>data.x.nodes</c>.</summary>
public class NodesConnectionType<TNodeType, TNode> : ConnectionType<TNodeType, EdgeType<TNodeType>>
    where TNodeType : IGraphType
{
    public NodesConnectionType()
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The page's items without their edges.")
            .Resolve(c => ((Connection<TNode>)c.Source!).Items);
    }
}

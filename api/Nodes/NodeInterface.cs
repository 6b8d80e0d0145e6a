using GraphQL.Types;

namespace AttendanceGraph.Api.Nodes;

/// <summary>Relay global object identification.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

using AttendanceGraph.Api.Operational;
using GraphQL.Types;

namespace AttendanceGraph.Api.GraphQLSchema;

/// <summary>The root mutation: each feature folder contributes its own fields.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        SchoolContactMutations.AddTo(this);
        Tsm.TsmMutations.AddTo(this);
        ApiKeys.ApiKeyFields.AddMutations(this);
    }
}

using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Tests.Http.Support;

public sealed class TestMutation : ObjectGraphType
{
    public TestMutation()
    {
        Name = "Mutation";
        Field<StringGraphType>("echo")
            .Argument<NonNullGraphType<StringGraphType>>("value")
            .Resolve(ctx => ctx.GetArgument<string>("value"));
    }
}

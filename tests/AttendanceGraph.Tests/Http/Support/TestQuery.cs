using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Tests.Http.Support;

public sealed class TestQuery : ObjectGraphType
{
    public TestQuery()
    {
        Name = "Query";
        Field<StringGraphType>("hello").Resolve(_ => "world");
        Field<StringGraphType>("greet")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(ctx => "Hello, " + ctx.GetArgument<string>("name"));
        Field<StringGraphType>("extension")
            .Argument<NonNullGraphType<StringGraphType>>("key")
            .Resolve(ctx => ctx.InputExtensions.TryGetValue(ctx.GetArgument<string>("key"), out var value) ? value?.ToString() : null);
        Field<StringGraphType>("userContext")
            .Resolve(ctx => ctx.UserContext.TryGetValue("marker", out var value) ? value?.ToString() : null);
        Field<StringGraphType>("boom").Resolve(_ => throw new InvalidOperationException("resolver failed"));
        Field<TestNodeType>("node").Resolve(_ => new TestNode("root"));
        Field<ListGraphType<TestNodeType>>("nodes")
            .Resolve(_ => Enumerable.Range(0, 3).Select(i => new TestNode($"n{i}")));
        // Honours the execution token, as every real resolver must for the timeout to cancel work.
        Field<StringGraphType>("slow").ResolveAsync(async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.CancellationToken);
            return "too late";
        });
    }
}

using GraphQL.Types;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>A self-referencing object type so tests can build arbitrarily deep and wide selections.</summary>
public sealed class TestNodeType : ObjectGraphType<TestNode>
{
    public TestNodeType()
    {
        Name = "Node";
        Field<StringGraphType>("name").Resolve(ctx => ctx.Source.Name);
        Field<TestNodeType>("child").Resolve(ctx => new TestNode(ctx.Source.Name + ".child"));
        Field<ListGraphType<TestNodeType>>("children")
            .Resolve(ctx => Enumerable.Range(0, 3).Select(i => new TestNode($"{ctx.Source.Name}.{i}")));
    }
}

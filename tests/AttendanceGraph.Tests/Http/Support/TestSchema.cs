using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Tests.Http.Support;

public sealed class TestSchema : GraphQL.Types.Schema
{
    public TestSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<TestQuery>();
        Mutation = services.GetRequiredService<TestMutation>();
    }
}

using System.Net;
using AttendanceGraph.Tests.Http.Support;

namespace AttendanceGraph.Tests.Http;

public sealed class SdlEndpointTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    [Fact]
    public async Task GetSdl_ReturnsSchemaAsPlainText()
    {
        using var response = await server.Client.GetAsync("/graphql/sdl");
        var sdl = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("type Query {", sdl);
        Assert.Contains("type Mutation {", sdl);
        Assert.Contains("hello: String", sdl);
        Assert.Contains("children: [Node]", sdl);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>One in-memory server shared by a test class; tests only read from it.</summary>
public sealed class GraphQLServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = TestGraphQLApp.Build();
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

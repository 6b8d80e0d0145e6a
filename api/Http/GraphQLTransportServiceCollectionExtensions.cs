using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Http;

public static class GraphQLTransportServiceCollectionExtensions
{
    /// <summary>
    /// Registers the transport's options. The schema, IDocumentExecuter and IGraphQLTextSerializer are
    /// deliberately not registered here: the host owns them (services.AddGraphQL(...).AddSystemTextJson()).
    /// </summary>
    public static IServiceCollection AddGraphQLTransport(
        this IServiceCollection services, Action<GraphQLEndpointOptions>? configure = null)
    {
        var builder = services.AddOptions<GraphQLEndpointOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddSingleton<GraphQLHttpHandler>();
        return services;
    }
}

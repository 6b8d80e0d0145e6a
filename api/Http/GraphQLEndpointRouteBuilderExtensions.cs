using AttendanceGraph.Api.Http.Persisted;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Http;

public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the GraphQL endpoint at <paramref name="pattern"/>, the SDL at pattern/sdl, the persisted documents at
    /// pattern/documents and the offline
    /// GraphiQL assets at pattern/ide/*. The returned group lets the host add auth, CORS or rate limits.
    /// </summary>
    public static RouteGroupBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        var group = endpoints.MapGroup(pattern);

        // Every verb is routed here so unsupported ones get a GraphQL-shaped 405 with an Allow header.
        group.Map("", context => context.RequestServices.GetRequiredService<GraphQLHttpHandler>().HandleAsync(context));

        group.MapGet("sdl", (ISchema schema) =>
        {
            schema.Initialize();
            return Results.Text(schema.Print(), "text/plain; charset=utf-8");
        });

        // The persisted documents a BI developer can name by documentId (GraphQL-over-HTTP Appendix A), with their variables.
        group.MapGet("documents", (HttpContext context) =>
            context.RequestServices.GetService<IPersistedDocumentStore>() is { } store
                ? Results.Json(new { documents = PersistedDocumentListing.Of(store) })
                : Results.Json(new { documents = Array.Empty<object>() }));

        group.MapGet("ide/{file}", (HttpContext context, string file) => GraphiQLAssets.WriteAssetAsync(context, file));

        return group;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace AttendanceGraph.Api.Security;

public static class GraphQLEndpointSecurity
{
    /// <summary>
    /// Every GraphQL request needs a usable token; the published SDL and the IDE's static assets stay anonymous
    /// (they carry no data, and a browser cannot attach a token to the page it is loading).
    /// </summary>
    public static RouteGroupBuilder RequireGraphQLCaller(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(GraphQLCallerRequirement.Policy);
        ((IEndpointConventionBuilder)group).Add(b =>
        {
            if (b is RouteEndpointBuilder { RoutePattern.RawText: { } raw }
                && (raw.EndsWith("/sdl", StringComparison.Ordinal) || raw.EndsWith("ide/{file}", StringComparison.Ordinal)))
                b.Metadata.Add(new AllowAnonymousAttribute());
        });
        return group;
    }
}

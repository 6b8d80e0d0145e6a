using AttendanceGraph.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// Lets the GraphiQL page through without a token (a browser cannot send one for the page itself; the IDE's
/// headers editor sends it with each query) and otherwise requires a usable <see cref="AttendanceUser"/>.
/// </summary>
public sealed class GraphQLCallerHandler(IOptions<JwtSettings> settings, IOptions<GraphQLEndpointOptions> endpoint)
    : AuthorizationHandler<GraphQLCallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GraphQLCallerRequirement requirement)
    {
        if (context.Resource is HttpContext http && IsIdePage(http.Request))
            context.Succeed(requirement);
        else if (AttendanceUser.From(context.User, settings.Value).IsValid)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private bool IsIdePage(HttpRequest request) =>
        endpoint.Value.EnableGraphiQL && HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query")
        && !request.Query.ContainsKey("documentId")
        && AcceptNegotiator.PrefersHtml(request);
}

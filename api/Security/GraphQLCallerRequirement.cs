using Microsoft.AspNetCore.Authorization;

namespace AttendanceGraph.Api.Security;

/// <summary>The GraphQL endpoint's policy: an authenticated caller with a known role (and a URN for the school role).</summary>
public sealed class GraphQLCallerRequirement : IAuthorizationRequirement
{
    public const string Policy = "GraphQLCaller";
}

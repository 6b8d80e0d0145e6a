namespace AttendanceGraph.Api.Http;

/// <summary>The two response media types defined by GraphQL-over-HTTP.</summary>
public enum ResponseMediaType
{
    /// <summary>application/graphql-response+json: status codes carry meaning (4xx for request errors).</summary>
    GraphQLResponseJson,

    /// <summary>application/json: legacy clients, 200 for every well-formed request.</summary>
    Json,
}

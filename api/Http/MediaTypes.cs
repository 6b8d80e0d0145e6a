namespace AttendanceGraph.Api.Http;

internal static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string Html = "text/html";

    public static string ContentTypeOf(ResponseMediaType mediaType) => mediaType switch
    {
        ResponseMediaType.GraphQLResponseJson => GraphQLResponseJson + "; charset=utf-8",
        _ => Json + "; charset=utf-8",
    };
}

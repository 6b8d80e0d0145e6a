using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>Request builders and response readers so tests read as HTTP exchanges.</summary>
public static class GraphQLHttp
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static HttpRequestMessage Post(string body, string? accept = GraphQLResponseJson, string contentType = Json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        SetAccept(request, accept);
        return request;
    }

    public static HttpRequestMessage PostQuery(string query, string? accept = GraphQLResponseJson) =>
        Post(JsonSerializer.Serialize(new { query }), accept);

    public static HttpRequestMessage Get(string queryString, string? accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql" + queryString);
        SetAccept(request, accept);
        return request;
    }

    public static HttpRequestMessage GetQuery(string query, string? accept = GraphQLResponseJson, string? operationName = null)
    {
        var qs = "?query=" + Uri.EscapeDataString(query);
        if (operationName is not null)
        {
            qs += "&operationName=" + Uri.EscapeDataString(operationName);
        }
        return Get(qs, accept);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string FirstErrorMessage(this JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    public static string? FirstErrorCode(this JsonElement body) =>
        body.GetProperty("errors")[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;

    private static void SetAccept(HttpRequestMessage request, string? accept)
    {
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
    }
}

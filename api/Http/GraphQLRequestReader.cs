using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Turns a GET query string or a POST application/json body into a GraphQLRequest, or into the
/// transport error that explains why it is not a well-formed GraphQL-over-HTTP request.
/// </summary>
internal sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer)
{
    public GraphQLRequestOrError ReadQueryString(HttpRequest request)
    {
        var query = request.Query;
        if (query["query"].Count != 1 || string.IsNullOrEmpty(query["query"][0]))
        {
            return Fail("A GET request must carry exactly one non-empty 'query' parameter.");
        }
        var variables = ParseJsonParameter(query["variables"].ToString(), "variables", out var variablesError);
        if (variablesError is not null)
        {
            return new(null, variablesError);
        }
        var extensions = ParseJsonParameter(query["extensions"].ToString(), "extensions", out var extensionsError);
        if (extensionsError is not null)
        {
            return new(null, extensionsError);
        }
        var operationName = query["operationName"].ToString();
        return new(new GraphQLRequest
        {
            Query = query["query"][0],
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    public async Task<GraphQLRequestOrError> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJsonContentType(request.ContentType))
        {
            return new(null, new UnsupportedMediaTypeError(
                $"Unsupported Content-Type '{request.ContentType}'; send the request as application/json."));
        }

        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, maxBytes, cancellationToken);
        if (body is null)
        {
            return new(null, new PayloadTooLargeError(maxBytes));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value);
        }
        catch (JsonException ex)
        {
            return Fail($"The request body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            return FromBody(document.RootElement);
        }
    }

    private GraphQLRequestOrError FromBody(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail("The request body must be a JSON object (batched requests are not supported).");
        }
        // Fields other than the four defined by the spec are ignored, as the spec requires.
        if (!body.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(query.GetString()))
        {
            return Fail("The 'query' field is required and must be a non-empty string.");
        }
        string? operationName = null;
        if (body.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                return Fail("The 'operationName' field must be a string or null.");
            }
            operationName = name.GetString();
        }
        var variables = ReadObjectOrNull(body, "variables", out var variablesError);
        if (variablesError is not null)
        {
            return new(null, variablesError);
        }
        var extensions = ReadObjectOrNull(body, "extensions", out var extensionsError);
        if (extensionsError is not null)
        {
            return new(null, extensionsError);
        }
        return new(new GraphQLRequest
        {
            Query = query.GetString(),
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        }, null);
    }

    private Inputs? ReadObjectOrNull(JsonElement body, string field, out ExecutionError? error)
    {
        error = null;
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            error = new InvalidRequestError($"The '{field}' field must be a JSON object or null.");
            return null;
        }
        return serializer.ReadNode<Inputs>(value);
    }

    private Inputs? ParseJsonParameter(string raw, string field, out ExecutionError? error)
    {
        error = null;
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = new InvalidRequestError($"The '{field}' parameter must be a JSON-encoded object.");
                return null;
            }
            return serializer.ReadNode<Inputs>(document.RootElement);
        }
        catch (JsonException ex)
        {
            error = new InvalidRequestError($"The '{field}' parameter is not valid JSON: {ex.Message}");
            return null;
        }
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }
        var charsetOk = !parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        return charsetOk && parsed.MediaType.Equals(MediaTypes.Json, StringComparison.OrdinalIgnoreCase);
    }

    private static GraphQLRequestOrError Fail(string message) => new(null, new InvalidRequestError(message));
}

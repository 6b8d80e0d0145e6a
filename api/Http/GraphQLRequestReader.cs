using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using AttendanceGraph.Api.Http.Persisted;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Turns a GET query string or a POST application/json body into a GraphQLRequest, or into the
/// transport error that explains why it is not a well-formed GraphQL-over-HTTP request.
/// </summary>
internal sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer, IPersistedDocumentStore? documents)
{
    public GraphQLRequestOrError ReadQueryString(HttpRequest request)
    {
        var query = request.Query;
        if (query.ContainsKey("documentId"))
        {
            if (query.ContainsKey("query"))
            {
                return Fail("A request carries either 'query' or 'documentId', not both.");
            }
            if (query["documentId"].Count != 1)
            {
                return Fail("A GET request must carry exactly one 'documentId' parameter.");
            }
        }
        else if (query["query"].Count != 1 || string.IsNullOrEmpty(query["query"][0]))
        {
            return Fail("A GET request must carry exactly one non-empty 'query' parameter (or a 'documentId').");
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
        return WithDocument(query["query"].ToString(), query["documentId"].Count == 1 ? query["documentId"][0] : null,
            string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions);
    }

    /// <summary>The request with its document: the text sent, or the persisted document its identifier names.</summary>
    private GraphQLRequestOrError WithDocument(
        string? text, string? documentId, string? operationName, Inputs? variables, Inputs? extensions)
    {
        PersistedDocument? persisted = null;
        if (documentId is not null)
        {
            if (documentId.Length == 0)
            {
                return Fail("The 'documentId' parameter must be a non-empty document identifier such as sha256:<hex>.");
            }
            persisted = documents?.Find(documentId);
            if (persisted is null)
            {
                return new(null, new PersistedDocumentNotFoundError(documentId));
            }
            text = persisted.Text;
        }
        return new(new GraphQLRequest
        {
            Query = text,
            OperationName = operationName,
            Variables = variables,
            Extensions = extensions,
        }, null, persisted);
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
        // Fields other than the spec's (the four of a request, documentId of a persisted one) are ignored, as it requires.
        var hasQuery = body.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null;
        string? documentId = null;
        if (body.TryGetProperty("documentId", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            if (hasQuery)
            {
                return Fail("A request carries either 'query' or 'documentId', not both.");
            }
            if (id.ValueKind != JsonValueKind.String)
            {
                return Fail("The 'documentId' field must be a string.");
            }
            documentId = id.GetString();
        }
        else if (!hasQuery || query.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(query.GetString()))
        {
            return Fail("The 'query' field is required and must be a non-empty string (or send a 'documentId').");
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
        return WithDocument(documentId is null ? query.GetString() : null, documentId,
            string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions);
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

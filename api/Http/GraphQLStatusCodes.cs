using GraphQL;
using GraphQL.Execution;
using AttendanceGraph.Api.Http.Export;
using AttendanceGraph.Api.Http.Persisted;

namespace AttendanceGraph.Api.Http;

/// <summary>The single place where a GraphQL result becomes an HTTP status code.</summary>
public static class GraphQLStatusCodes
{
    public static int For(ExecutionResult result, ResponseMediaType mediaType)
    {
        var errors = result.Errors ?? [];

        // Transport failures: the request is not well-formed GraphQL-over-HTTP, whatever the media type.
        if (errors.Any(e => e is NotAcceptableError))
        {
            return StatusCodes.Status406NotAcceptable;
        }
        if (errors.Any(e => e is UnsupportedMediaTypeError))
        {
            return StatusCodes.Status415UnsupportedMediaType;
        }
        if (errors.Any(e => e is IMethodNotAllowedError))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }
        if (errors.Any(e => e is PayloadTooLargeError))
        {
            return StatusCodes.Status413PayloadTooLarge;
        }
        if (errors.Any(e => e is InvalidRequestError))
        {
            return StatusCodes.Status400BadRequest;
        }
        if (errors.Any(e => e is PersistedDocumentsOnlyError))
        {
            return StatusCodes.Status403Forbidden;
        }

        // Legacy media type: intermediaries may rewrite non-200 JSON bodies, so a well-formed request
        // always gets 200 and the client reads the errors from the body.
        if (mediaType == ResponseMediaType.Json)
        {
            return StatusCodes.Status200OK;
        }

        // graphql-response+json: a response with a data entry (even null) is a success.
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }
        // No data entry, so 4xx/5xx is mandatory. The deadline is ours, not the client's fault: 504.
        if (errors.Any(e => e is TimeoutError))
        {
            return StatusCodes.Status504GatewayTimeout;
        }
        // Parse, validation (incl. depth/complexity), operation selection and variable coercion errors.
        return StatusCodes.Status400BadRequest;
    }

    /// <summary>
    /// A CSV or Parquet request that produced no file. Even a result with data is a failure here (a field error would
    /// otherwise become a table with holes), so a BI refresh stops: 406 for a shape that is not a table, else as
    /// graphql-response+json would answer, 400 where that says 200.
    /// </summary>
    public static int ForFailedExport(ExecutionResult result)
    {
        if (result.Errors?.Any(e => e is NotFlatError) == true)
        {
            return StatusCodes.Status406NotAcceptable;
        }
        var status = For(result, ResponseMediaType.GraphQLResponseJson);
        return status == StatusCodes.Status200OK ? StatusCodes.Status400BadRequest : status;
    }
}

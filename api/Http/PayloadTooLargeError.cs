using GraphQL;

namespace AttendanceGraph.Api.Http;

/// <summary>The POST body is larger than <see cref="DocumentLimits.MaxRequestBytes"/>: 413 whatever the media type.</summary>
public sealed class PayloadTooLargeError : ExecutionError
{
    public PayloadTooLargeError(int limit)
        : base($"The request body is larger than {limit} bytes, the most this endpoint reads (GraphQL:Document:MaxRequestBytes).")
    {
        Code = "PAYLOAD_TOO_LARGE";
    }
}

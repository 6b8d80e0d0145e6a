using GraphQL;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// The document passes one of <see cref="DocumentLimits"/>. Refused before validation, it is answered like a
/// validation error (400 with graphql-response+json, 200 with application/json); the message names the setting.
/// </summary>
public sealed class DocumentLimitError : ExecutionError
{
    public const string ErrorCode = "QUERY_TOO_LARGE";

    /// <param name="has">What the query has, e.g. "1200 aliases" or "more than 4000 tokens".</param>
    public DocumentLimitError(string has, int limit, string setting)
        : base($"The query has {has}; this endpoint accepts at most {limit} (GraphQL:Document:{setting}).")
    {
        Code = ErrorCode;
        Data["limit"] = setting;
    }
}

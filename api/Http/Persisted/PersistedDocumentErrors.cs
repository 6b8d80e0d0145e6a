using GraphQL;

namespace AttendanceGraph.Api.Http.Persisted;

/// <summary>
/// The spec's answer to an identifier the server cannot retrieve: a well-formed GraphQL response with a single error.
/// The message starts with the name Apollo and Hive clients look for, so a tool knows it is the id, not the query.
/// </summary>
public sealed class PersistedDocumentNotFoundError : ExecutionError
{
    public PersistedDocumentNotFoundError(string documentId)
        : base($"PersistedDocumentNotFound: no persisted document has the identifier '{documentId}'. "
            + "GET /graphql/documents lists the identifiers this server holds.") =>
        Code = "PERSISTED_DOCUMENT_NOT_FOUND";
}

/// <summary>The caller (its role, or its API key) may only run persisted documents, and sent a query's text.</summary>
public sealed class PersistedDocumentsOnlyError : ExecutionError
{
    public PersistedDocumentsOnlyError()
        : base("This caller may only run persisted documents: send documentId instead of query (GET /graphql/documents lists them).") =>
        Code = "PERSISTED_DOCUMENTS_ONLY";
}

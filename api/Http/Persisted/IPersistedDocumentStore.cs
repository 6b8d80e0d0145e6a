namespace AttendanceGraph.Api.Http.Persisted;

/// <summary>
/// The trusted documents a client may name by <c>documentId</c> instead of sending the text (GraphQL-over-HTTP,
/// Appendix A). The transport only reads it; where the documents come from is the host's business.
/// </summary>
public interface IPersistedDocumentStore
{
    /// <summary>Every document, in a stable order (the listing endpoint shows them as they are here).</summary>
    IReadOnlyList<PersistedDocument> All { get; }

    /// <summary>The document with this identifier, or null when there is none.</summary>
    PersistedDocument? Find(string documentId);
}

/// <summary>One persisted document: its identifier (<c>sha256:&lt;hex&gt;</c> of <paramref name="Text"/>), a name, and its text.</summary>
public sealed record PersistedDocument(string Id, string Name, string Text);

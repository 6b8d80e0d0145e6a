namespace AttendanceGraph.Api.Http;

/// <summary>
/// What the transport tells the host about each finished request (metrics): the operation (the persisted document's
/// name, else the operation's own name), the format answered, the status, how long it took, and the error codes of a
/// failure. Never variables or values: they can name pupils.
/// </summary>
public sealed class GraphQLRequestSummary
{
    public string? Operation { get; internal set; }
    public string Format { get; internal set; } = "json";
    public int StatusCode { get; internal set; }
    public TimeSpan Duration { get; internal set; }
    public IReadOnlyList<string> ErrorCodes { get; internal set; } = [];
}

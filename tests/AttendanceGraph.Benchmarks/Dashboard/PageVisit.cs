namespace AttendanceGraph.Benchmarks.Dashboard;

/// <summary>
/// One first visit of a dashboard page, in milliseconds from the navigation's start as Chromium's Performance API
/// reports it; <paramref name="GraphQLMs"/> is the server's own figure (the page's Server-Timing <c>graphql</c>).
/// <paramref name="Errors"/> lists what went wrong: a status other than 200, a console error, a script error, a failed
/// request, or a section that says it could not be loaded.
/// </summary>
public sealed record PageVisit(
    string Page, string Period, int Status, double FirstPaintMs, double FirstContentfulPaintMs, double FullyDrawnMs,
    double? GraphQLMs, int? Documents, double? ServerPageMs, IReadOnlyList<string> Errors)
{
    /// <summary>When the server sent the page's first byte (its layout's head, for a streamed page), from the API's log.</summary>
    public double? ServerFirstByteMs { get; init; }

    /// <summary>Each of the page's documents by name with its own milliseconds, in the order they started, from the API's log.</summary>
    public string? DocumentTimes { get; init; }

    public object ToJson() => new
    {
        page = Page, period = Period, status = Status, firstPaintMs = FirstPaintMs, firstContentfulPaintMs = FirstContentfulPaintMs,
        fullyDrawnMs = FullyDrawnMs, graphQLMs = GraphQLMs, documents = Documents, serverPageMs = ServerPageMs, serverFirstByteMs = ServerFirstByteMs, documentTimes = DocumentTimes, errors = Errors,
    };
}

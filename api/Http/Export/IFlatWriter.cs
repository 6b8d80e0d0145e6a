namespace AttendanceGraph.Api.Http.Export;

/// <summary>Writes a flat result page by page to the response, so no format ever holds the whole table.</summary>
internal interface IFlatWriter : IAsyncDisposable
{
    Task WritePageAsync(FlatPage page, CancellationToken cancellationToken);

    /// <summary>Ends the file (Parquet's footer); the response is complete after this.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}

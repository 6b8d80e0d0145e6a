using GraphQL.DataLoader;

namespace AttendanceGraph.Api.Data;

public static class DeferredResultExtensions
{
    /// <summary>Maps a deferred result without resolving it early, so the batch still forms.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, map);

    /// <summary>A result already known, where a field resolves to a deferred result in other cases.</summary>
    public static IDataLoaderResult<T> Known<T>(T value) => new KnownResult<T>(value);

    private sealed class KnownResult<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

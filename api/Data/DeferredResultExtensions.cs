using GraphQL.DataLoader;

namespace AttendanceGraph.Api.Data;

public static class DeferredResultExtensions
{
    /// <summary>Maps a deferred result without resolving it early, so the batch still forms.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, map);

    /// <summary>Combines two deferred results; both batches still form before either is fetched.</summary>
    public static IDataLoaderResult<TResult> Zip<T1, T2, TResult>(this IDataLoaderResult<T1> first, IDataLoaderResult<T2> second, Func<T1, T2, TResult> combine) =>
        new Zipped<T1, T2, TResult>(first, second, combine);

    private sealed class Zipped<T1, T2, TResult>(IDataLoaderResult<T1> first, IDataLoaderResult<T2> second, Func<T1, T2, TResult> combine)
        : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            combine(await first.GetResultAsync(cancellationToken).ConfigureAwait(false),
                await second.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

using GraphQL.DataLoader;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// The request's data loader (named apart from the ETL's pipeline BatchLoader), on GraphQL.NET's <see cref="IDataLoaderResult{T}"/>: resolvers ask for one key
/// each and get a deferred result; the execution strategy resolves deferred results after it has visited the
/// whole level, and the first of them fetches every key queued so far in one call. So 400 schools' measures
/// are one warehouse query, not 400. Values are cached for the rest of the request.
/// </summary>
/// <param name="blame">
/// Optional: when a batch's fetch fails, the keys to blame for it, each with its own error; the others are fetched again
/// without them, so the error is the blamed fields' alone (their own paths, their own messages). Asked only on failure, so a
/// batch that succeeds costs nothing more. With no key blamed, the fetch's exception fails every key of the batch.
/// </param>
public sealed class RequestDataLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, IReadOnlyDictionary<TKey, TValue>> fetch, TValue missing,
    Func<IReadOnlyList<TKey>, Exception, IReadOnlyDictionary<TKey, Exception>>? blame = null)
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> results = new();
    private List<TKey> queue = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (gate)
        {
            if (!results.ContainsKey(key))
            {
                results[key] = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                queue.Add(key);
            }
        }
        return new Deferred(this, key);
    }

    /// <summary>Seeds values already computed (e.g. by a list query that had to measure every school to sort them).</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (gate)
        {
            if (!results.ContainsKey(key)) results[key] = CompletedWith(value);
        }
    }

    private static TaskCompletionSource<TValue> CompletedWith(TValue value)
    {
        var tcs = new TaskCompletionSource<TValue>();
        tcs.SetResult(value);
        return tcs;
    }

    private Task<TValue> ResultFor(TKey key)
    {
        List<TKey> batch;
        lock (gate)
        {
            batch = queue;
            queue = [];
        }
        if (batch.Count > 0) Dispatch(batch);
        lock (gate) return results[key].Task;
    }

    private void Dispatch(List<TKey> batch)
    {
        try
        {
            IReadOnlyDictionary<TKey, TValue> values;
            try
            {
                values = fetch(batch);
            }
            catch (Exception e) when (blame is not null)
            {
                // Asked here rather than in the filter, which would run before the failed fetch's frames (and their locks) unwind.
                var blamed = blame(batch, e);
                if (blamed.Count == 0) throw;
                foreach (var (key, error) in blamed) TaskFor(key).TrySetException(error);
                batch = batch.Where(k => !blamed.ContainsKey(k)).ToList();
                if (batch.Count == 0) return;
                values = fetch(batch);
            }
            foreach (var key in batch) TaskFor(key).TrySetResult(values.TryGetValue(key, out var v) ? v : missing);
        }
        catch (Exception e)
        {
            foreach (var key in batch) TaskFor(key).TrySetException(e);
        }
    }

    private TaskCompletionSource<TValue> TaskFor(TKey key)
    {
        lock (gate) return results[key];
    }

    private sealed class Deferred(RequestDataLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResultFor(key);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

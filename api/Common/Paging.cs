using System.Text;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;

namespace AttendanceGraph.Api.Common;

/// <summary>Relay cursor paging over an ordered list; cursors are opaque offsets.</summary>
public static class Paging
{
    public static Connection<T> Page<T>(IReadOnlyList<T> items, int? first, string? after, int? last, string? before, int defaultSize, int maxSize) =>
        Page(items.Count, (from, to) => Enumerable.Range(from, to - from).Select(i => items[i]).ToList(),
            first, after, last, before, defaultSize, maxSize);

    /// <summary>
    /// Pages <paramref name="items"/> and makes nodes of the page's items only: an export walks a table of thousands of rows
    /// a page at a time, and making every row's node for every page made the walk quadratic.
    /// </summary>
    public static Connection<T> Page<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, T> node, int? first, string? after, int defaultSize, int maxSize) =>
        Page(items.Count, (from, to) => Enumerable.Range(from, to - from).Select(i => node(items[i])).ToList(),
            first, after, null, null, defaultSize, maxSize);

    private static Connection<T> Page<T>(int count, Func<int, int, IReadOnlyList<T>> slice,
        int? first, string? after, int? last, string? before, int defaultSize, int maxSize)
    {
        if (first is < 0 || last is < 0) throw new ExecutionError("first and last must not be negative") { Code = "BAD_PAGE" };
        if (first > maxSize || last > maxSize)
            throw new ExecutionError($"a page holds at most {maxSize} items; ask for fewer with first/last and page with cursors") { Code = "PAGE_TOO_LARGE" };
        // In long: a cursor of offset int.MaxValue plus one wrapped round and answered the first page again.
        var start = after is null ? 0 : (int)Math.Min((long)Decode(after) + 1, count);
        var end = before is null ? count : Math.Min(Decode(before), count);
        start = Math.Clamp(start, 0, count);
        end = Math.Clamp(end, start, count);
        if (first is null && last is null) first = defaultSize;
        if (first is { } f) end = Math.Min(end, start + f);
        if (last is { } l) start = Math.Max(start, end - l);
        var items = start < end ? slice(start, end) : [];
        var edges = items.Select((item, i) => new Edge<T> { Cursor = Encode(start + i), Node = item }).ToList();
        return new Connection<T>
        {
            TotalCount = count,
            Edges = edges,
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasPreviousPage = start > 0,
                HasNextPage = end < count,
            },
        };
    }

    public static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset}"));

    private static int Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(7), out var n) && n >= 0) return n;
        }
        catch (FormatException)
        {
        }
        // Named, not echoed whole: a cursor is the caller's text, of any length.
        throw new ExecutionError($"'{(cursor.Length > 40 ? cursor[..40] + "…" : cursor)}' is not a cursor from this list") { Code = "BAD_CURSOR" };
    }
}

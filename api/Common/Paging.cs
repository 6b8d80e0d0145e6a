using System.Text;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;

namespace AttendanceGraph.Api.Common;

/// <summary>Relay cursor paging over an ordered list; cursors are opaque offsets.</summary>
public static class Paging
{
    public static Connection<T> Page<T>(IReadOnlyList<T> items, int? first, string? after, int? last, string? before, int defaultSize, int maxSize)
    {
        if (first is < 0 || last is < 0) throw new ExecutionError("first and last must not be negative") { Code = "BAD_PAGE" };
        if (first > maxSize || last > maxSize)
            throw new ExecutionError($"a page holds at most {maxSize} items; ask for fewer with first/last and page with cursors") { Code = "PAGE_TOO_LARGE" };
        var start = after is null ? 0 : Decode(after) + 1;
        var end = before is null ? items.Count : Math.Min(Decode(before), items.Count);
        start = Math.Clamp(start, 0, items.Count);
        end = Math.Clamp(end, start, items.Count);
        if (first is null && last is null) first = defaultSize;
        if (first is { } f) end = Math.Min(end, start + f);
        if (last is { } l) start = Math.Max(start, end - l);
        var edges = new List<Edge<T>>();
        for (var i = start; i < end; i++) edges.Add(new Edge<T> { Cursor = Encode(i), Node = items[i] });
        return new Connection<T>
        {
            TotalCount = items.Count,
            Edges = edges,
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasPreviousPage = start > 0,
                HasNextPage = end < items.Count,
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
        throw new ExecutionError($"'{cursor}' is not a cursor from this list") { Code = "BAD_CURSOR" };
    }
}

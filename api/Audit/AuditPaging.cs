using System.Text;
using AttendanceGraph.Schema.Operational;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;

namespace AttendanceGraph.Api.Audit;

/// <summary>
/// The access audit paged newest first with each entry's id as its cursor: the next page is the entries older than the last
/// one read. An offset would shift as pupil reads go on being audited while an auditor pages (each read adds an entry at the
/// top), repeating entries; by id, a walk from the first page to the last lists each entry once, and entries written since
/// appear only on a new walk.
/// </summary>
public static class AuditPaging
{
    public static Connection<PupilAccessAuditEntry> Page(IQueryable<PupilAccessAuditEntry> entries, int? first, string? after, int defaultSize, int maxSize)
    {
        if (first is < 0) throw new ExecutionError("first must not be negative") { Code = "BAD_PAGE" };
        if (first > maxSize)
            throw new ExecutionError($"a page holds at most {maxSize} items; ask for fewer with first and page with cursors") { Code = "PAGE_TOO_LARGE" };
        var size = first ?? defaultSize;
        var olderThan = after is null ? long.MaxValue : Decode(after);
        var older = entries.Where(e => e.Id < olderThan);
        // One more than the page, to know whether another follows.
        var page = older.OrderByDescending(e => e.Id).Take(size + 1).ToList();
        var edges = page.Take(size).Select(e => new Edge<PupilAccessAuditEntry> { Cursor = Encode(e.Id), Node = e }).ToList();
        return new Connection<PupilAccessAuditEntry>
        {
            TotalCount = entries.Count(),
            Edges = edges,
            PageInfo = new PageInfo
            {
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
                HasPreviousPage = after is not null,
                HasNextPage = page.Count > size,
            },
        };
    }

    public static string Encode(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"audit:{id}"));

    private static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("audit:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(6), System.Globalization.NumberStyles.None, null, out var id)) return id;
        }
        catch (FormatException)
        {
        }
        throw new ExecutionError("the cursor is not one from this list") { Code = "BAD_CURSOR" };
    }
}

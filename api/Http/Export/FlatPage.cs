using System.Text.Json;

namespace AttendanceGraph.Api.Http.Export;

/// <summary>
/// One executed page of a flat result, read from its JSON (the very text a JSON client gets), so an export carries
/// exactly what JSON carries: a suppressed or null value stays null.
/// </summary>
public sealed class FlatPage
{
    private FlatPage(IReadOnlyList<JsonElement> rows, string? nextCursor, int? totalCount)
    {
        Rows = rows;
        NextCursor = nextCursor;
        TotalCount = totalCount;
    }

    public IReadOnlyList<JsonElement> Rows { get; }

    /// <summary>The cursor of the next page: pageInfo { hasNextPage endCursor } beside the list said there is one.</summary>
    public string? NextCursor { get; }

    /// <summary>totalCount beside the list, when the document asks for it (lets an oversized export be refused up front).</summary>
    public int? TotalCount { get; }

    public static FlatPage Read(JsonElement data, FlatShape shape)
    {
        var parent = data;
        foreach (var key in shape.ListPath.Take(shape.ListPath.Count - 1))
        {
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(key, out parent)) return Empty;
        }
        if (parent.ValueKind != JsonValueKind.Object
            || !parent.TryGetProperty(shape.ListPath[^1], out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Empty;
        }
        string? next = null;
        if (parent.TryGetProperty("pageInfo", out var pageInfo) && pageInfo.ValueKind == JsonValueKind.Object
            && pageInfo.TryGetProperty("hasNextPage", out var more) && more.ValueKind == JsonValueKind.True
            && pageInfo.TryGetProperty("endCursor", out var end) && end.ValueKind == JsonValueKind.String)
        {
            next = end.GetString();
        }
        int? total = parent.TryGetProperty("totalCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null;
        return new FlatPage(list.EnumerateArray().ToList(), next, total);
    }

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>; a null on the way (a null object) is a null value.</summary>
    public static JsonElement? Value(JsonElement row, FlatColumn column)
    {
        var value = row;
        foreach (var key in column.Path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(key, out value)) return null;
        }
        return value.ValueKind == JsonValueKind.Null ? null : value;
    }

    private static FlatPage Empty { get; } = new([], null, null);
}

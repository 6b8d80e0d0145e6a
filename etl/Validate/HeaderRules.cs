namespace AttendanceGraph.Etl.Validate;

/// <summary>Rules a header row must pass before its file's kind is recognised or any row is read.</summary>
public static class HeaderRules
{
    /// <summary>
    /// Why the header names a column twice, or null. Two "code" columns with different values loaded silently
    /// from the first: whichever the source system meant, the file cannot say which, so it is rejected.
    /// Names compare as kinds are recognised: case-insensitively after trimming.
    /// </summary>
    public static string? DuplicateColumns(IReadOnlyList<string> header)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var repeats = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            // Unnamed columns (trailing commas) are never read, so two of them are harmless.
            if (name.Length > 0 && !first.TryAdd(name, i))
                repeats.Add($"{LineExcerpt.Quote(name)} (columns {first[name] + 1} and {i + 1})");
        }
        if (repeats.Count == 0) return null;
        return $"the header names {(repeats.Count == 1 ? "a column" : "columns")} twice: {string.Join(", ", repeats.Take(5))}" +
               (repeats.Count > 5 ? $" and {repeats.Count - 5} more" : "") + "; keep one of each and load the file again";
    }
}

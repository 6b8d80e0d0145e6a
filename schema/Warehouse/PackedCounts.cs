namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// How the aggregate tables store their session counts. A row is one enrolment's week-and-month fragment, at
/// most 7 days × 2 sessions, so every count (per category and per code) is 0–14 and fits in 4 bits: the 40
/// counts are stored as 4-bit fields of three UBIGINT columns (<c>counts_1</c>…), and each count column readers
/// know (<c>c_present</c>, <c>n_i</c>, …) is a column of the aggregate views that extracts its field
/// (<see cref="AggregateTable"/>). Readers see the same named columns; a load writes 3 values a row instead of 40
/// (writing values is what a DuckDB load costs).
/// </summary>
public static class PackedCounts
{
    public const int BitsPerCount = 4;
    public const int CountsPerWord = 64 / BitsPerCount;

    /// <summary>The largest count a field can hold; a fragment can have at most 14 sessions.</summary>
    public const int MaxCount = (1 << BitsPerCount) - 1;

    /// <summary>The stored words, in column order.</summary>
    // Computed on each call, not in a static initialiser: WarehouseSchema's initialiser calls this.
    public static IReadOnlyList<string> Words =>
        Enumerable.Range(1, (WarehouseSchema.CountColumns.Count + CountsPerWord - 1) / CountsPerWord).Select(i => $"counts_{i}").ToList();

    /// <summary>Which word holds count column <paramref name="index"/> (in <see cref="WarehouseSchema.CountColumns"/> order), and at which bit.</summary>
    public static (int Word, int Shift) Field(int index) => (index / CountsPerWord, index % CountsPerWord * BitsPerCount);

    /// <summary>Where the count column named <paramref name="column"/> (<c>c_present</c>, <c>n_i</c>, …) is stored.</summary>
    public static (int Word, int Shift) Field(string column) =>
        WarehouseSchema.CountColumns.ToList().IndexOf(column) is var i and >= 0 ? Field(i) : throw new InvalidOperationException($"the aggregates have no count column {column}");

    /// <summary>The view's expression extracting count column <paramref name="index"/>.</summary>
    public static string ExtractSql(int index)
    {
        var (word, shift) = Field(index);
        return $"(({Words[word]} >> {shift}) & {MaxCount})::UTINYINT";
    }

    /// <summary>
    /// The SQL packing a row's count columns (by their names) into word <paramref name="word"/>. A count that
    /// does not fit stops the statement rather than corrupting its neighbours.
    /// </summary>
    public static string PackSql(int word)
    {
        var fields = new List<string>();
        for (var i = word * CountsPerWord; i < Math.Min(WarehouseSchema.CountColumns.Count, (word + 1) * CountsPerWord); i++)
        {
            var column = WarehouseSchema.CountColumns[i];
            // Parenthesised: DuckDB gives << and | the same precedence, left to right.
            fields.Add($"((CASE WHEN {column} <= {MaxCount} THEN {column} ELSE error('{column} over {MaxCount} in one fragment') END)::UBIGINT << {Field(i).Shift})");
        }
        return $"({string.Join(" | ", fields)})";
    }
}

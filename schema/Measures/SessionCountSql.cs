namespace AttendanceGraph.Schema.Measures;

/// <summary>SQL over the aggregate tables' count columns, generated from a <see cref="SessionCount"/> definition.</summary>
public static class SessionCountSql
{
    /// <summary>The per-row expression, e.g. <c>(c_present + c_aea)</c>; <paramref name="alias"/> qualifies columns.</summary>
    public static string RowExpression(SessionCount count, string? alias = null)
    {
        var p = alias is null ? "" : alias + ".";
        return "(" + string.Join(" + ", Columns(count).Select(c => $"{p}{c}::INTEGER")) + ")";
    }

    /// <summary>The aggregate columns <see cref="RowExpression"/> adds up: category columns when it can, else code columns.</summary>
    public static IEnumerable<string> Columns(SessionCount count) => count.WholeCategories is { } cats
        ? cats.Select(CategoryColumns.For)
        : count.Codes.Select(c => c.Column);

    /// <summary><c>SUM(expr)::BIGINT</c>, so .NET sees a long rather than DuckDB's HUGEINT.</summary>
    public static string Sum(SessionCount count, string? alias = null) => $"SUM({RowExpression(count, alias)})::BIGINT";

    /// <summary>The integer-exact test that an enrolment meets a threshold, given its summed columns.</summary>
    public static string ThresholdTest(EnrolmentThreshold t, string numerator, string denominator) =>
        $"({denominator} > 0 AND {numerator} * 100 >= {denominator} * {t.Percent})";
}

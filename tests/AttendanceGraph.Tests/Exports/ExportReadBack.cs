using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Exports;

/// <summary>
/// The independent readers and the JSON answer the exports are held to: DuckDB's own CSV and Parquet readers (no code
/// shared with CsvHelper or Parquet.Net), and the rows a BI tool would collect by paging through the JSON connection.
/// </summary>
public static class ExportReadBack
{
    /// <summary>The header and rows of a file, read by DuckDB (CSV as text, so a number reads back as the characters sent).</summary>
    public static (List<string> Header, List<object?[]> Rows) ReadFile(byte[] file, string format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.{format}");
        File.WriteAllBytes(path, file);
        try
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = format == "csv"
                ? $"SELECT * FROM read_csv('{path}', header = true, all_varchar = true, delim = ',', quote = '\"')"
                : $"SELECT * FROM read_parquet('{path}')";
            using var reader = command.ExecuteReader();
            var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
            }
            return (header, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every node of a connection, page by page through endCursor, as JSON (the way a BI tool pages).</summary>
    public static async Task<List<JsonObject>> JsonPages(HttpClient client, string query, Func<string?, object> variables, params string[] path)
    {
        var rows = new List<JsonObject>();
        string? after = null;
        do
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query, variables = variables(after) });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(body["errors"] is null, body.ToJsonString());
            var connection = path.Aggregate(body["data"]!, (node, key) => node[key]!);
            rows.AddRange(connection["nodes"]!.AsArray().Select(n => n!.AsObject()));
            after = (bool)connection["pageInfo"]!["hasNextPage"]! ? (string?)connection["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);
        return rows;
    }

    /// <summary>
    /// Asserts the file's rows are the JSON rows, cell by cell: the same columns in the order asked, a JSON null is a
    /// null (an empty CSV field), a number is the JSON number (CSV: the same characters), a string the same string.
    /// </summary>
    public static void AssertSameRows(List<JsonObject> json, (List<string> Header, List<object?[]> Rows) file, string format)
    {
        Assert.Equal(json.Count, file.Rows.Count);
        for (var r = 0; r < json.Count; r++)
        {
            for (var c = 0; c < file.Header.Count; c++)
            {
                var expected = json[r][file.Header[c]];
                var actual = file.Rows[r][c];
                var where = $"row {r}, column {file.Header[c]} ({format})";
                if (expected is null)
                {
                    Assert.True(actual is null, $"{where}: expected null, got {actual}");
                }
                else if (expected.GetValueKind() == System.Text.Json.JsonValueKind.String)
                {
                    Assert.Equal((string?)expected, actual is DateOnly d ? d.ToString("yyyy-MM-dd") : actual?.ToString());
                }
                else if (format == "csv")
                {
                    Assert.Equal(expected.ToJsonString(), actual);
                }
                else if (expected.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                {
                    Assert.Equal((bool)expected, actual);
                }
                else
                {
                    Assert.Equal((double)expected, Convert.ToDouble(actual));
                }
            }
        }
    }
}

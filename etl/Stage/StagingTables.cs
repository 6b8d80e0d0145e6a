using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>Tables the batch is staged into inside the working snapshot; dropped before it is published.</summary>
public static class StagingTables
{
    public const string Marks = "stage_marks";

    public static void Create(DuckDBConnection c) => c.ExecuteAll(
    [
        $"CREATE TABLE {Marks} AS SELECT * FROM marks LIMIT 0",
        "CREATE TABLE stage_dirty_pupils (pupil_id INTEGER NOT NULL)",
    ]);

    public static void Drop(DuckDBConnection c) => c.ExecuteAll(
    [
        $"DROP TABLE IF EXISTS {Marks}",
        "DROP TABLE IF EXISTS stage_dirty_pupils",
        "DROP TABLE IF EXISTS stage_dirty_weeks",
    ]);
}

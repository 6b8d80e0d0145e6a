using System.Text;

namespace AttendanceGraph.Etl.Export;

/// <summary>The README written into every export: its layout, how to read it, what it holds and leaves out.</summary>
internal static class ParquetExportReadme
{
    public static string Text(ParquetExport.Manifest m)
    {
        var sb = new StringBuilder();
        sb.Append($"""
            # AttendanceGraph warehouse export: snapshot {m.Snapshot}, LA {m.La}

            Written by `attendancegraph-etl export` at {m.ExportedUtc:yyyy-MM-dd HH:mm:ss} UTC from the published snapshot
            `{m.Snapshot}`. Snapshots never change, so neither does this folder; a later load's snapshot is exported to its
            own folder beside this one.

            ## Layout

            One folder per warehouse table, partitioned hive-style (`column=value` folders) by

            - `{ParquetExport.LaColumn}`: the DfE 3-digit code of the LA whose warehouse this is ({m.La}). Every row of the snapshot
              is under it, including rows about schools of other LAs the warehouse holds; exports of several LAs can be
              copied into one folder tree without clashing.
            - `{ParquetExport.YearColumn}`: the start year of the academic year (2025 = 2025/26, 1 August to 31 July) of the
              table's date column (the first of {string.Join(", ", ParquetExport.YearColumns.Select(c => $"`{c}`"))} it has).
              Tables without one (schools, pupils, enrolments, cohort memberships, reference tables) are partitioned by LA only.

            ```
            marks/{ParquetExport.LaColumn}={m.La}/{ParquetExport.YearColumn}=2025/data_0.parquet
            schools/{ParquetExport.LaColumn}={m.La}/data_0.parquet
            ```

            The partition columns are in the folder names, not in the files (read with `hive_partitioning`). Column names
            and types are the warehouse's (docs/bi-tools.md describes them); marks keep the small-integer `code_id`, decoded
            by the `attendance_codes` table, and the enrolment aggregates are stored packed (`*_week_counts`), unpacked by the
            views in `{ParquetExport.ReaderScriptFile}`. A table with no rows has no folder; its columns are in `{ParquetExport.ManifestFile}`.

            ## Reading it

            From inside this folder, `duckdb -init {ParquetExport.ReaderScriptFile}` (or run the file's statements in any DuckDB
            session started here) gives a database that answers the warehouse's own SQL: a view per table over its Parquet
            files, then the warehouse's views. Spark, Trino or a data platform read the same folders as a hive-partitioned
            table per folder. `{ParquetExport.ManifestFile}` lists every table, its columns and types, and the rows in each
            partition, as counted by reading the files back after writing them.

            ## What it holds

            Pupil-level data: every mark, pupil, enrolment and cohort membership of the warehouse. Keep it where the
            warehouse is kept and share it as the warehouse would be shared. Left out: disclosure control's keys (the
            record-key secret in `warehouse_info` and the `{string.Join("`, `", ParquetExport.Withheld)}` table), so figures
            published from this export need their own disclosure control.

            ## Tables

            | table | rows | partitions | partitioned by |
            |---|---|---|---|

            """);
        foreach (var t in m.Tables)
            sb.Append($"| {t.Name} | {t.Rows:N0} | {t.Partitions.Count} | {(t.YearFrom is null ? ParquetExport.LaColumn : $"{ParquetExport.LaColumn}, {ParquetExport.YearColumn} (of {t.YearFrom})")} |\n");
        return sb.ToString();
    }
}

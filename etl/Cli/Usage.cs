namespace AttendanceGraph.Etl.Cli;

public static class Usage
{
    public const string Text = """
        AttendanceGraph ETL

          load <files or folders> [--la CODE] [--warehouse DIR] [--legacy-codes] [--skip-invalid] [--force] [--threads N]
              Validates and loads one batch atomically (all or nothing). With --skip-invalid, valid rows load and the
              rejected ones are written with reasons to <warehouse>/rejects/.
          validate <files or folders> [--la CODE] [--warehouse DIR] [--legacy-codes]
              The same checks as load; loads nothing; exits 1 on any error.
          generate --out DIR [--schools N] [--pupils N] [--years N] [--seed S] [--as-of yyyy-mm-dd]
              Writes a realistic synthetic local authority in the input formats (deterministic for a seed).
          status [--warehouse DIR]
              What the warehouse holds: batches, rows, date range, last load. A damaged warehouse (CURRENT empty,
              unreadable, dangling or naming a snapshot that does not open) is reported and exits 4.
          recover (--from warehouse-00000N.duckdb | --latest-intact) [--warehouse DIR]
              Points CURRENT at that snapshot after checking it opens: the repair for a damaged warehouse, which
              load refuses.

        Exit codes: 0 success, 1 invalid data (nothing loaded), 2 usage, 3 failure, 4 damaged warehouse.

        The warehouse folder is --warehouse, else $ATTENDANCEGRAPH_DATA, else ./data.
        """;
}

namespace AttendanceGraph.Etl.Cli;

public static class Usage
{
    public const string Text = """
        AttendanceGraph ETL

          load <files or folders> [--la CODE] [--warehouse DIR] [--legacy-codes] [--skip-invalid] [--force] [--threads N]
               [--as-of yyyy-mm-dd] [--future-days N]
              Validates and loads one batch atomically (all or nothing). With --skip-invalid, valid rows load and the
              rejected ones are written with reasons to <warehouse>/rejects/. Marks may be dated up to --future-days
              (default 7) after today, or after --as-of when given.
          validate <files or folders> [--la CODE] [--warehouse DIR] [--legacy-codes] [--as-of yyyy-mm-dd] [--future-days N]
              The same checks as load; loads nothing; exits 1 on any error.
          generate --out DIR [--schools N] [--pupils N] [--years N] [--seed S] [--as-of yyyy-mm-dd]
              Writes a realistic synthetic local authority in the input formats (deterministic for a seed).
          status [--warehouse DIR]
              What the warehouse holds: batches, rows, date range, last load.

        The warehouse folder is --warehouse, else $ATTENDANCEGRAPH_DATA, else ./data.
        """;
}

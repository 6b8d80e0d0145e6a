namespace AttendanceGraph.Etl.Cli;

public static class Usage
{
    public const string Text = """
        AttendanceGraph ETL

          load <files or folders> [--la CODE] [--warehouse DIR] [--legacy-codes] [--skip-invalid] [--force] [--threads N]
               [--as-of yyyy-mm-dd] [--future-days N] [--period-start yyyy-mm-dd --period-end yyyy-mm-dd]
              Validates and loads one batch atomically (all or nothing). Any rejected file or row rejects the batch.
              With --skip-invalid, valid rows load and the rejected ones are listed and written with reasons to
              <warehouse>/rejects/rejects-<time>-<pid>-<random>.csv; nothing is published if nothing valid remains.
              Marks may be dated up to --future-days (default 7) after today, or after --as-of when given.
              DfE pupil-level attendance files (session totals) are recognised by their header; each row covers one
              school week, from its period_start/period_end columns or, when the file has none, --period-start and
              --period-end (a Monday to the Friday, Saturday or Sunday of the same week).
              --la is the LA the warehouse serves (DfE 3-digit code), recorded by the first load; without it the first
              load takes the one LA of its schools and refuses schools of several. Other LAs' schools are kept but
              never counted in the LA's figures; a later --la naming another LA is refused.
          validate <files or folders> [--la CODE] [--warehouse DIR] [--legacy-codes] [--as-of yyyy-mm-dd] [--future-days N]
                   [--period-start yyyy-mm-dd --period-end yyyy-mm-dd]
              The same checks as load; loads nothing; exits 1 on any error.
          generate --out DIR [--schools N] [--pupils N] [--years N] [--seed S] [--as-of yyyy-mm-dd]
              Writes a realistic synthetic local authority in the input formats (deterministic for a seed).
          status [--warehouse DIR]
              What the warehouse holds: batches, rows, date range, last load. A damaged warehouse (CURRENT empty,
              unreadable, dangling or naming a snapshot that does not open) is reported and exits 5.
          recover (--from warehouse-00000N.duckdb | --latest-intact) [--warehouse DIR]
              Points CURRENT at that snapshot after checking it opens: the repair for a damaged warehouse, which
              load refuses.
          api-key create --name NAME --role bi-reader|school [--urn URN] --expires yyyy-mm-dd [--any-query] [--warehouse DIR]
          api-key list [--warehouse DIR]
          api-key revoke --id N [--warehouse DIR]
              The BI tools' API keys in the operational store (hashed; the secret is printed once, at create). A key
              runs only persisted documents unless created with --any-query. See docs/bi-tools.md.

        The warehouse folder is --warehouse, else $ATTENDANCEGRAPH_DATA, else ./data.

        Exit codes:
          0  every file given was read and loaded, or recognised as already loaded unchanged (validate: no errors)
          1  rejected: a file or row was rejected (unreadable, missing, broken link, wrong encoding, unrecognised
             header, invalid rows) or nothing valid remained; nothing was published
          2  wrong command line; nothing was done
          3  failed (disk full, permission, damaged snapshot, …); nothing was published; the message is the cause
          4  loaded with --skip-invalid, but some files or rows were skipped (listed above the exit)
          5  the warehouse is damaged (CURRENT empty, unreadable or dangling): nothing was done; see recover
        """;
}

using System.Diagnostics;
using System.Text;
using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Rollups;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// A private temporary warehouse per test (the ETL tests change it, so they cannot share
/// <see cref="HandCheckedWarehouse"/>), with helpers to load, snapshot every table's content and compare the
/// incrementally maintained aggregates with a from-scratch rebuild.
/// </summary>
public sealed class EtlWarehouse : IDisposable
{
    /// <summary>Tables whose content a load must either change completely or not at all.</summary>
    public static readonly string[] Tables =
        ["schools", "pupils", "enrolments", "marks", "cohort_memberships", "benchmarks", "batches", "agg_enrolment_week", "agg_cohort_enrolment_week", "attendance_codes",
         "session_totals", "session_total_spans", "batch_coverage", "la_cohorts", "cohorts", "reporting_cohorts", "in_year_benchmarks"];

    private readonly TempDirectory dir = new("attendancegraph-etl-test-");

    public EtlWarehouse()
    {
        Paths = new WarehousePaths(dir.Sub("warehouse"));
        HandChecked = HandCheckedAuthority.Write(dir.Sub("hand-checked"));
    }

    public WarehousePaths Paths { get; }

    /// <summary>The hand-checked LA's input folder (written, not loaded).</summary>
    public string HandChecked { get; }

    /// <summary>A new empty folder under this warehouse's temporary directory.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(dir.Sub(name)).FullName;

    public LoadResult Load(params string[] inputs) => Load(new LoadOptions(LaCode: 319), inputs);

    public LoadResult Load(LoadOptions options, params string[] inputs) => new BatchLoader(Paths).Load(inputs, options);

    public DuckDBConnection Open() => CurrentSnapshot.TryOpenReadOnly(Paths) ?? throw new InvalidOperationException("nothing published");

    public string? Current => SnapshotPointer.ReadName(Paths);

    /// <summary>Changes the published snapshot in place, as a warehouse from an older build or a hand edit would leave it.</summary>
    public void EditCurrent(Action<DuckDBConnection> edit)
    {
        using var c = new DuckDBConnection(DuckDbSettings.ReadWrite(Paths.SnapshotPath(Current ?? throw new InvalidOperationException("nothing published"))));
        c.Open();
        edit(c);
    }

    public string[] SnapshotFiles() =>
        Directory.Exists(Paths.SnapshotsDir) ? Directory.GetFiles(Paths.SnapshotsDir).Select(f => Path.GetFileName(f)).Order().ToArray() : [];

    /// <summary>Every row of every table of the published snapshot, sorted, as text: equal dumps mean equal content.</summary>
    public Dictionary<string, List<string>> Dump()
    {
        using var c = Open();
        return Tables.ToDictionary(t => t, t => Rows(c, $"SELECT * FROM {t} ORDER BY ALL"));
    }

    public static List<string> Rows(DuckDBConnection c, string sql)
    {
        var rows = new List<string>();
        foreach (var r in c.Rows(sql))
        {
            var fields = new string[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) fields[i] = r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(string.Join("|", fields));
        }
        return rows;
    }

    /// <summary>
    /// Rows in the aggregate table but not in a full rebuild from the same snapshot's marks, plus rows in the
    /// rebuild but not in the table (EXCEPT ALL both ways, so duplicates count too). 0 = the incremental refresh
    /// is exactly what a from-scratch rebuild would give.
    /// </summary>
    public static (long Extra, long Missing) DifferenceFromFullRebuild(DuckDBConnection c, string table)
    {
        var full = table switch
        {
            "agg_enrolment_week" => $"{AggregateSql.EnrolmentWeeks()}\nUNION ALL BY NAME\n{AggregateSql.TotalsEnrolmentWeeks()}",
            "agg_cohort_enrolment_week" => $"{AggregateSql.CohortEnrolmentWeeks(intervals: CohortIntervals.Inline)}\nUNION ALL BY NAME\n{AggregateSql.CohortTotalsEnrolmentWeeks(intervals: CohortIntervals.Inline)}",
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        var extra = c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {table} EXCEPT ALL SELECT * FROM ({full}))");
        var missing = c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM ({full}) EXCEPT ALL SELECT * FROM {table})");
        return (extra, missing);
    }

    public static void AssertAggregatesEqualFullRebuild(DuckDBConnection c)
    {
        // The materialised intervals are what the cohort aggregates above are checked against too (via the inline definition).
        Assert.Equal(0L, c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {CohortIntervals.Table} EXCEPT ALL SELECT * FROM {CohortIntervals.Inline})"));
        Assert.Equal(0L, c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {CohortIntervals.Inline} EXCEPT ALL SELECT * FROM {CohortIntervals.Table})"));
        Assert.Equal(0L, c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {SchoolOpenDays.Table} EXCEPT ALL SELECT * FROM {SchoolOpenDays.Inline})"));
        Assert.Equal(0L, c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {SchoolOpenDays.Inline} EXCEPT ALL SELECT * FROM {SchoolOpenDays.Table})"));
        Assert.Equal((0L, 0L), DifferenceFromFullRebuild(c, "agg_enrolment_week"));
        Assert.Equal((0L, 0L), DifferenceFromFullRebuild(c, "agg_cohort_enrolment_week"));
        Assert.True(c.Scalar<long>("SELECT count(*) FROM agg_enrolment_week") > 0);
        Assert.True(c.Scalar<long>("SELECT count(*) FROM agg_cohort_enrolment_week") > 0);
        AssertRollupEqualsFullRebuild(c);
    }

    /// <summary>
    /// The school rollup and its kept units (<see cref="RollupUnits"/>) as loads refreshed them, row for row against
    /// ones built afresh from the aggregates.
    /// </summary>
    public static void AssertRollupEqualsFullRebuild(DuckDBConnection c)
    {
        SchoolRollup.BuildInto(c, "rollup_rebuilt", "rollup_units_rebuilt");
        foreach (var (refreshed, rebuilt) in new[] { (SchoolRollup.Table, "rollup_rebuilt"), (RollupUnits.Table, "rollup_units_rebuilt") })
        {
            Assert.Equal(0L, c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {refreshed} EXCEPT ALL SELECT * FROM {rebuilt})"));
            Assert.Equal(0L, c.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {rebuilt} EXCEPT ALL SELECT * FROM {refreshed})"));
            Assert.True(c.Scalar<long>($"SELECT count(*) FROM {refreshed}") > 0);
            c.Execute($"DROP TABLE {rebuilt}");
        }
        AssertPeerPositionsEqualFullRanking(c);
    }

    /// <summary>
    /// The schools' positions among their phase (<see cref="PeerPositions"/>) as loads wrote them, row for row (ranks and
    /// cells, in the table's row order) against every phase ranked again from the rollup, and ranked over the LA's schools and phases as they are now.
    /// </summary>
    public static void AssertPeerPositionsEqualFullRanking(DuckDBConnection c)
    {
        var (ranks, counts) = PeerPositionsRefresh.RankAll(PeerPositionsRefresh.EveryCell(c));
        static string Key(PeriodKey p, string cohort) => $"{p.Kind}|{p.From:yyyy-MM-dd}|{p.To:yyyy-MM-dd}|{cohort}";
        var expectedRanks = ranks.Select(r => $"{Key(r.Period, r.Cohort)}|{r.School.Urn}|" +
            string.Join("|", Enumerable.Range(0, PeerPositions.Measures.Count).SelectMany(m => new long[] { r.School.Exact[m], r.School.Protected[m], r.School.Own[m] })
                .Concat(PeerPositions.CellValues(r.School.Cell.Values, r.School.Cell.Keys)))).ToList();
        var expectedCounts = counts.Select(x => $"{Key(x.Period, x.Cohort)}|{x.Phase}|" +
            string.Join("|", Enumerable.Range(0, PeerPositions.Measures.Count).SelectMany(m => new long[] { x.Ranked.PeersExact[m], x.Ranked.PeersProtected[m] })
                .Concat(PeerPositionsRefresh.PhaseCell(x.Ranked)))).ToList();
        var dates = "kind || '|' || strftime(b_from, '%Y-%m-%d') || '|' || strftime(b_to, '%Y-%m-%d') || '|' || cohort";
        Assert.Equal(expectedRanks, Rows(c, $"SELECT {dates} || '|' || urn || '|' || concat_ws('|', {string.Join(", ", PeerPositions.RankColumns.Concat(PeerPositions.CellColumns))}) FROM {PeerPositions.Table} ORDER BY {PeerPositions.RowOrder}"));
        Assert.Equal(expectedCounts, Rows(c, $"SELECT {dates} || '|' || phase || '|' || concat_ws('|', {string.Join(", ", PeerPositions.PeersColumns.Concat(PeerPositions.CellColumns))}) FROM {PeerPositions.PhasesTable} ORDER BY kind, b_from, b_to, cohort, phase"));
        Assert.NotEmpty(expectedRanks);
        Assert.Equal(PeerPositions.RankedOver(c), c.Scalar<string>($"SELECT value FROM warehouse_info WHERE key = '{PeerPositions.FingerprintKey}'"));
    }

    /// <summary>Writes a marks file (upn,school_urn,date,session,code).</summary>
    public string WriteMarks(string path, IEnumerable<(string Upn, int Urn, DateOnly Date, string Session, string Code)> marks)
    {
        var sb = new StringBuilder("upn,school_urn,date,session,code\n");
        foreach (var m in marks) sb.Append($"{m.Upn},{m.Urn},{m.Date:yyyy-MM-dd},{m.Session},{m.Code}\n");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>Runs the CLI in this process, capturing its output.</summary>
    public static (int ExitCode, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = EtlProgram.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => dir.Dispose();
}

/// <summary>
/// The ETL as a separate OS process (`dotnet attendancegraph-etl.dll …`), as it runs in production: the etl
/// assembly is copied next to the tests because the test project references it. It runs with the test
/// assembly's runtimeconfig and deps file: the etl's own deps file names package assemblies (e.g.
/// Microsoft.Extensions.DependencyInjection.Abstractions) that the test output takes from the ASP.NET Core
/// shared framework instead of copying them, so `dotnet attendancegraph-etl.dll` alone cannot start there.
/// </summary>
public static class EtlProcess
{
    public static string Dll => typeof(EtlProgram).Assembly.Location;

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var bin = Path.GetDirectoryName(Dll)!;
        var tests = Path.GetFileNameWithoutExtension(typeof(EtlProcess).Assembly.Location);
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add("--runtimeconfig");
        psi.ArgumentList.Add(Path.Combine(bin, tests + ".runtimeconfig.json"));
        psi.ArgumentList.Add("--depsfile");
        psi.ArgumentList.Add(Path.Combine(bin, tests + ".deps.json"));
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the ETL process");
    }

    /// <summary>Runs to completion (or fails the test after the timeout, killing the process).</summary>
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> args, TimeSpan timeout)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"the ETL process did not finish in {timeout}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

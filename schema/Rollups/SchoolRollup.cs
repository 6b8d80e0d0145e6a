using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// <c>school_period_rollup</c>: every measure of every school for each named period (<see cref="RollupBucket"/>), for
/// all pupils, each reporting cohort, and the rest of the pupils beside each cohort, split by compulsory school age.
/// Built at publish time from the enrolment aggregates (<see cref="AggregateTable"/>), never from marks, so its figures
/// are those aggregates' by construction.
/// <para>
/// Why a school is the grain: an enrolment belongs to one school, so an enrolment's whole-period totals (what
/// persistent and severe absence test) and its record key (what a cell key sums) fall in exactly one school row. Every
/// column therefore adds up across schools: enrolments, sessions, persistent/severe counts, and the record-key sums
/// (a cell key is their total mod 256). The LA, a phase or a list of schools is a sum of school rows. Pupil-based
/// views (a pupil in two schools is one unit) do not add up this way and are not rolled up.
/// </para>
/// <para>
/// Rows: <c>cohort = ''</c> and <c>rest = false</c> is all pupils; a cohort key with <c>rest = false</c> is that
/// cohort; a cohort key with <c>rest = true</c> is a correction row: the rest of the pupils beside cohort k is the
/// all-pupils row plus it. The correction sums, over enrolments that were ever in k, the enrolment's figures without
/// its cohort sessions minus its figures with them (so its size is the cohort's, not the school's).
/// </para>
/// <para>
/// Contract for anything that rewrites enrolment-weeks of the enrolment aggregates (registers, DfE pupil-level totals):
/// call <see cref="RollupUnits.RememberBefore"/> with those weeks before deleting their rows, write the new rows, then
/// call <see cref="Refresh"/> with the dates they cover; the rollup reads nothing else.
/// </para>
/// </summary>
public static class SchoolRollup
{
    /// <summary>
    /// v2 added the session key sum; v3 the week parts (<see cref="RollupBucket.WeekPart"/>) and rows written in order
    /// (<see cref="RowOrder"/>). The next load drops an older table and builds v3 in full; until then the API answers from the aggregates.
    /// </summary>
    public const string Table = "school_period_rollup_v3";

    private static readonly string[] PreviousTables = ["school_period_rollup", "school_period_rollup_v2"];

    /// <summary>The session measures, stored as sums over the enrolments in the row.</summary>
    public static IReadOnlyList<CountMeasure> SessionColumns { get; } = MeasureCatalogue.Counts.Where(c => c.Sessions is not null).ToList();

    /// <summary>The enrolment counts: enrolments, and those persistently or severely absent; each has a record-key sum.</summary>
    public static IReadOnlyList<CountMeasure> PersonColumns { get; } =
        [MeasureCatalogue.Enrolments, .. MeasureCatalogue.Counts.Where(c => c.Threshold is not null)];

    /// <summary>The column holding Σ record keys (not yet mod 256) of the units a person count counts.</summary>
    public static string KeySumColumn(CountMeasure count) => "ks_" + count.Name;

    /// <summary>The column holding Σ of the units' session-key contributions (<see cref="SessionKeySql"/>), not yet mod 256.</summary>
    public const string SessionKeySumColumn = "ks_sessions";

    public static string CreateTableSql =>
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          {RollupBucket.KeyColumnsDdl},
          label DATE NOT NULL,
          urn INTEGER NOT NULL,
          cohort VARCHAR NOT NULL,
          rest BOOLEAN NOT NULL,
          compulsory BOOLEAN NOT NULL,
          {string.Join(",\n  ", PersonColumns.Concat(SessionColumns).Select(c => $"{c.Name} BIGINT NOT NULL").Concat(PersonColumns.Select(c => $"{KeySumColumn(c)} BIGINT NOT NULL")).Append($"{SessionKeySumColumn} BIGINT NOT NULL"))})
        """;

    /// <summary>
    /// Rebuilds the buckets that overlap [<paramref name="from"/>, <paramref name="to"/>] (null: every bucket of every
    /// year with aggregate rows, as a first load or an upgrade needs). Years and terms come from their kept units
    /// brought up to date by difference (<see cref="RollupUnits"/>), so a daily load's cost follows its own weeks and
    /// the number of enrolments, not the year's fragments: see docs/aggregates.md.
    /// </summary>
    /// <param name="batchId">The batch being loaded: the kept units are marked current to it.</param>
    /// <returns>The dates whose buckets were rebuilt: the range asked for, widened by any remembered week's, or every bucket.</returns>
    public static RollupRewrite Refresh(DuckDBConnection c, int batchId, DateOnly? from = null, DateOnly? to = null)
    {
        Prepare(c);
        // Units not kept, or not kept by the last load (a warehouse from before them, one with no attendance yet, one an
        // older build or a hand loaded since): every bucket, so that from now on they are kept whole and current.
        if (!RollupUnits.AreCurrent(c)) from = to = null;
        var byDifference = from is not null && to is not null && RollupUnits.Remembered(c);
        if (byDifference && RollupUnits.DirtyRange(c) is var (dirtyFrom, dirtyTo))
        {
            // Every remembered week's difference lands in a rebuilt bucket, whatever range the caller passed.
            from = dirtyFrom < from ? dirtyFrom : from;
            to = dirtyTo > to ? dirtyTo : to;
        }
        var before = from is null || to is null ? c.Scalar<long>($"SELECT count(*) FROM (SELECT 1 FROM {Table} LIMIT 1)") : 0;
        var written = Build(c, Table, RollupUnits.Table, from, to, byDifference);
        // A full build over rows already there leaves their row groups (deleted rows still count in their min/max) ahead of the new.
        if (from is not null && to is not null) RollupOrder.SchoolRows.Appended(c, written);
        else if (before > 0) RollupOrder.SchoolRows.Rewrite(c);
        else RollupOrder.SchoolRows.Written(c);
        c.ExecuteAll(RollupUnits.ForgetSql);
        RollupUnits.MarkCurrent(c, batchId);
        return new RollupRewrite(from, to);
    }

    /// <summary>
    /// The rollup's tables as this build writes them (an older version's dropped) and every pupil's record key, which
    /// the key sums need (the publish would assign them anyway): what a build does before writing rows.
    /// </summary>
    public static void Prepare(DuckDBConnection c)
    {
        c.ExecuteAll(PreviousTables.Select(t => $"DROP TABLE IF EXISTS {t}").ToList());
        c.ExecuteAll([CreateTableSql, RollupUnits.CreateTableSql]);
        RecordKeys.AssignNew(c);
    }

    /// <summary>
    /// Every bucket built afresh from the aggregates into temporary tables shaped like the rollup and its kept units:
    /// what tests compare the refreshed ones with.
    /// </summary>
    public static void BuildInto(DuckDBConnection c, string tempTable, string tempUnitsTable)
    {
        c.ExecuteAll(
        [
            CreateTableSql.Replace($"CREATE TABLE IF NOT EXISTS {Table}", $"CREATE OR REPLACE TEMP TABLE {tempTable}"),
            RollupUnits.CreateTempSql(tempUnitsTable),
        ]);
        Build(c, tempTable, tempUnitsTable, null, null, byDifference: false);
    }

    /// <returns>The rows written (those of the rebuilt buckets).</returns>
    private static long Build(DuckDBConnection c, string target, string unitsTarget, DateOnly? from, DateOnly? to, bool byDifference)
    {
        var everyBucket = from is null || to is null;
        // A partial build takes its years from the calendar, not from the rows left: a year whose last rows a load
        // removed must lose its rollup rows and kept units too, or they would come back under later rows.
        var years = everyBucket
            ? c.Rows($"SELECT DISTINCT academic_year FROM {AggregateTable.Enrolments.View}").Select(r => new Calendar.AcademicYear(r.GetInt16(0))).ToList()
            : Enumerable.Range(Calendar.AcademicYear.Containing(from!.Value).StartYear, Calendar.AcademicYear.Containing(to!.Value).StartYear - Calendar.AcademicYear.Containing(from.Value).StartYear + 1)
                .Select(y => new Calendar.AcademicYear(y)).ToList();
        // Only the buckets overlapping the dirty dates are computed: a daily load rewrites its week, month, half term,
        // term and year. Their plan sums a bucket from finer ones only when all of those are rebuilt too, so a daily
        // load's half term is summed from its own fragments rather than from weeks of which all but one are unchanged.
        var plan = new RollupPlan(years.SelectMany(RollupBucket.For).Where(b => everyBucket || b.From <= to && b.To >= from).ToList(),
            byDifference ? b => RollupUnits.KeptKinds.Contains(b.Kind) : null);
        c.Execute("CREATE OR REPLACE TEMP TABLE rollup_buckets (id INTEGER, kind VARCHAR, b_from DATE, b_to DATE, label DATE)");
        c.Execute("CREATE OR REPLACE TEMP TABLE rollup_children (level INTEGER, child INTEGER, parent INTEGER)");
        // A few dozen rows a year, as parameterised INSERTs (an appender cannot write a temp table on a read-only connection).
        InsertRows(c, "rollup_buckets", plan.Buckets.Select((b, id) => new object[] { id, b.Kind, b.From, b.To, b.Label }).ToList());
        InsertRows(c, "rollup_children", plan.Children.Select(x => new object[] { x.Level, x.Child, x.Parent }).ToList());
        InsertRows(c, "rollup_fragment_buckets", [], create: "CREATE OR REPLACE TEMP TABLE rollup_fragment_buckets (id INTEGER)");
        InsertRows(c, "rollup_fragment_buckets", plan.FromFragments.Select(id => new object[] { id }).ToList());
        InsertRows(c, "rollup_unit_buckets", [], create: "CREATE OR REPLACE TEMP TABLE rollup_unit_buckets (id INTEGER)");
        InsertRows(c, "rollup_unit_buckets", plan.FromKeptUnits.Select(id => new object[] { id }).ToList());
        // The fragment-built buckets' dates as literals (from the calendar, not input): the scan drops other fragments
        // before unpacking their counts, which matters when a daily load needs a month's fragments out of a year's.
        var fragmentBuckets = plan.FromFragments.Select(id => plan.Buckets[id]).ToList();
        var span = fragmentBuckets.Count == 0 ? "FALSE"
            : $"a.frag_start BETWEEN {WeekRange.Literal(fragmentBuckets.Min(b => b.From))} AND {WeekRange.Literal(fragmentBuckets.Max(b => b.To))}";
        c.ExecuteAll(
        [
            $"DELETE FROM {target} r USING rollup_buckets b WHERE r.kind = b.kind AND r.b_from = b.b_from AND r.b_to = b.b_to",
            // Each day of each bucket, so fragments join their buckets on equality (a hash join).
            DaysSql("rollup_days", "rollup_fragment_buckets"),
            DaysSql("rollup_unit_days", "rollup_unit_buckets"),
            $"CREATE OR REPLACE TEMP TABLE rollup_units AS {Units(AggregateTable.Enrolments, span)} UNION ALL {Units(AggregateTable.Cohorts, span)}",
            .. byDifference ? [RollupUnits.UpdatedSql(c)] : Array.Empty<string>(),
            .. Enumerable.Range(0, RollupPlan.LevelCount).Select(LevelSql),
            // A unit with no sessions counts in no school row; dropped in every mode, so a daily load and a full build
            // write the same rows (the rest correction would otherwise keep all-zero rows the other drops).
            $"DELETE FROM rollup_units WHERE {string.Join(" AND ", SessionColumns.Select(s => $"{s.Name} = 0"))}",
            // Rows and rest corrections in one insert, so the whole refresh is written in RowOrder.
            $"INSERT INTO {target} SELECT * FROM ({RowsSql()} UNION ALL {RestCorrectionSql()}) ORDER BY {RowOrder}",
        ]);
        var written = c.Scalar<long>($"SELECT count(*) FROM {target} r SEMI JOIN rollup_buckets b ON r.kind = b.kind AND r.b_from = b.b_from AND r.b_to = b.b_to");
        c.ExecuteAll(
        [
            .. RollupUnits.KeepSql(unitsTarget, everyBucket),
            "DROP TABLE rollup_units",
            "DROP TABLE rollup_days",
            "DROP TABLE rollup_unit_days",
            "DROP TABLE rollup_fragment_buckets",
            "DROP TABLE rollup_unit_buckets",
            "DROP TABLE rollup_children",
            "DROP TABLE rollup_buckets",
        ]);
        return written;
    }

    private static string DaysSql(string table, string buckets) =>
        $"""
        CREATE OR REPLACE TEMP TABLE {table} AS
        SELECT b.id, b.kind, g.d::DATE AS day FROM rollup_buckets b SEMI JOIN {buckets} f ON f.id = b.id,
          generate_series(b.b_from::TIMESTAMP, b.b_to::TIMESTAMP, INTERVAL 1 DAY) g(d)
        """;

    private static void InsertRows(DuckDBConnection c, string table, IReadOnlyList<object[]> rows, string? create = null)
    {
        if (create is not null) c.Execute(create);
        if (rows.Count == 0) return;
        var parameters = new List<(string, object?)>();
        var values = rows.Select((row, i) => "(" + string.Join(", ", row.Select((v, j) =>
        {
            parameters.Add(($"p{i}_{j}", v));
            return $"$p{i}_{j}";
        })) + ")");
        c.Execute($"INSERT INTO {table} VALUES {string.Join(", ", values)}", parameters.ToArray());
    }

    private static string Sums(string alias) => string.Join(",\n  ", SessionColumns.Select(s => $"sum({alias}.{s.Name})::BIGINT AS {s.Name}"));

    /// <summary>
    /// Each enrolment's totals per fragment-built bucket (and cohort). A week inside one month is a single fragment row,
    /// so it is its own unit, as is every week part; only weeks that straddle a month end, and months, are grouped (the
    /// group-by is the cost: grouping every week measured 2.2× the CPU of grouping just the straddling ones, 25k LA).
    /// </summary>
    private static string Units(AggregateTable source, string span)
    {
        var cohort = source.HasCohort ? "a.cohort" : "''";
        var values = string.Join(",\n  ", SessionColumns.Select(s => $"{SessionCountSql.RowExpression(s.Sessions!, "a")}::BIGINT AS {s.Name}"));
        const string whole = $"(b.kind = '{RollupBucket.Week}' AND month(a.week_start) = month(a.week_start + 6) OR b.kind = '{RollupBucket.WeekPart}')";
        return $"""
            SELECT b.id AS bucket, a.urn, a.pupil_id, {cohort} AS cohort, a.compulsory, {Sums("a")}
            FROM (SELECT a.urn, a.pupil_id, {cohort} AS cohort, a.compulsory, a.frag_start, a.week_start, {values} FROM {source.View} a WHERE {span}) a
            JOIN rollup_days b ON b.day = a.frag_start
            WHERE NOT ({whole})
            GROUP BY b.id, a.urn, a.pupil_id, a.cohort, a.compulsory
            UNION ALL
            SELECT b.id, a.urn, a.pupil_id, {cohort}, a.compulsory, {values}
            FROM {source.View} a JOIN rollup_days b ON b.day = a.frag_start
            WHERE {span} AND {whole}
            """;
    }

    /// <summary>Level k's buckets, each the sum of the finer buckets that tile it.</summary>
    private static string LevelSql(int level) =>
        $"""
        INSERT INTO rollup_units
        SELECT m.parent, u.urn, u.pupil_id, u.cohort, u.compulsory, {Sums("u")}
        FROM rollup_units u JOIN rollup_children m ON m.child = u.bucket AND m.level = {level}
        GROUP BY m.parent, u.urn, u.pupil_id, u.cohort, u.compulsory
        """;

    private static string Test(CountMeasure count, string alias) =>
        SessionCountSql.ThresholdTest(count.Threshold!, $"{alias}.{MeasureCatalogue.Holding(count.Threshold!.Numerator).Name}",
            $"{alias}.{MeasureCatalogue.Holding(count.Threshold.Denominator).Name}");

    private static string Key => RecordKeys.KeyOf("rk");

    private static string RowsSql() => Select(rest: false, "rollup_units",
        [
            "count(*)",
            .. PersonColumns.Skip(1).Select(p => $"count(*) FILTER (WHERE {Test(p, "u")})"),
            .. SessionColumns.Select(s => $"sum(u.{s.Name})"),
            $"sum({Key})",
            .. PersonColumns.Skip(1).Select(p => $"coalesce(sum({Key}) FILTER (WHERE {Test(p, "u")}), 0)"),
            $"sum({SessionKeySql.Contribution(Key, c => $"u.{c.Name}")})",
        ], $"u.{MeasureCatalogue.PossibleSessions.Name} > 0");

    /// <summary>
    /// Per enrolment ever in cohort k: (its figures less its cohort sessions, as the rest counts it) minus (its figures in
    /// full, as the all-pupils row counts it). Each unit's difference is computed once and the group sums plain columns:
    /// a filtered sum of each side per column (26 filtered aggregates) measured about 1.4× the time at 100,000 pupils.
    /// </summary>
    private static string RestCorrectionSql()
    {
        var possible = MeasureCatalogue.PossibleSessions.Name;
        static string Passes(CountMeasure p, string prefix) => SessionCountSql.ThresholdTest(p.Threshold!,
            $"u.{prefix}{MeasureCatalogue.Holding(p.Threshold!.Numerator).Name}", $"u.{prefix}{MeasureCatalogue.Holding(p.Threshold.Denominator).Name}");
        // The unit's value where it counts (it has possible sessions and, for a person count, passes the test), else 0.
        string Part(string prefix, Func<string, string> value, CountMeasure? person = null) =>
            $"CASE WHEN u.{prefix}{possible} > 0{(person is null ? "" : $" AND {Passes(person, prefix)}")} THEN {value(prefix)} ELSE 0 END";
        string Difference(Func<string, string> value, CountMeasure? person = null) => $"({Part("", value, person)}) - ({Part("e_", value, person)})";
        List<string> differences =
        [
            Difference(_ => "1"),
            .. PersonColumns.Skip(1).Select(p => Difference(_ => "1", p)),
            .. SessionColumns.Select(s => Difference(prefix => $"u.{prefix}{s.Name}")),
            Difference(_ => "u.k"),
            .. PersonColumns.Skip(1).Select(p => Difference(_ => "u.k", p)),
            // The rest's units hold their sessions without the cohort's, so their session keys differ from the same
            // enrolments' keys in the all-pupils row: the correction adds the one and takes away the other.
            Difference(prefix => SessionKeySql.Contribution("u.k", c => $"u.{prefix}{c.Name}")),
        ];
        var pairs = $"SELECT c.bucket, c.urn, c.pupil_id, c.cohort, c.compulsory, {Key} AS k, " +
            string.Join(", ", SessionColumns.Select(s => $"e.{s.Name} AS e_{s.Name}, e.{s.Name} - c.{s.Name} AS {s.Name}")) +
            " FROM rollup_units c JOIN rollup_units e ON e.cohort = '' AND e.bucket = c.bucket" +
            " AND e.urn = c.urn AND e.pupil_id = c.pupil_id AND e.compulsory = c.compulsory" +
            $" LEFT JOIN {RecordKeys.Table} rk ON rk.pupil_id = c.pupil_id WHERE c.cohort <> ''";
        var units = $"(SELECT u.bucket, u.urn, u.cohort, u.compulsory, {string.Join(", ", differences.Select((d, i) => $"{d} AS d{i}"))} FROM ({pairs}) u)";
        return Select(rest: true, units, differences.Select((_, i) => $"sum(u.d{i})").ToList(), "TRUE", keyed: false);
    }

    /// <summary>
    /// The order rows are written in: a bucket's rows together (kinds apart, then by date), each school's together within
    /// them, all in one run. DuckDB skips a row group on its columns' min/max, so a named period's query reads only that
    /// bucket's row groups (an LA-wide term or half term, not the whole kind), and one school's query of a named period about
    /// one row group, whatever the LA's size. URN before date instead made the LA's queries of one term or half term read
    /// every row group of the kind: in the scale section at 4 × the data, cold p95 of the schools list 25 -> 71 ms and of
    /// the LA's weekly trend 12 -> 63 ms. Before, the rows and the rest corrections were two runs, so a bucket's rows lay in
    /// two places.
    /// </summary>
    public const string RowOrder = "kind, b_from, urn, cohort, rest, compulsory";

    /// <summary>
    /// Groups units by a small integer bucket id (four wide bucket columns as group keys measured slower), then joins
    /// the bucket's columns back; <paramref name="values"/> are the table's count and key-sum columns in order.
    /// </summary>
    /// <param name="keyed">Join each unit's record key as <c>rk</c> (false: <paramref name="units"/> carry what they need).</param>
    private static string Select(bool rest, string units, IReadOnlyList<string> values, string where, bool keyed = true) =>
        $"""
        SELECT b.kind, b.b_from, b.b_to, b.label, u.urn, u.cohort, {(rest ? "true" : "false")} AS rest, u.compulsory, {string.Join(", ", values.Select((_, i) => $"u.v{i}"))}
        FROM (SELECT u.bucket, u.urn, u.cohort, u.compulsory,
          {string.Join(",\n  ", values.Select((v, i) => $"{v} AS v{i}"))}
          FROM {units} u{(keyed ? $" LEFT JOIN {RecordKeys.Table} rk ON rk.pupil_id = u.pupil_id" : "")}
          WHERE {where}
          GROUP BY u.bucket, u.urn, u.cohort, u.compulsory) u
        JOIN rollup_buckets b ON b.id = u.bucket
        """;
}

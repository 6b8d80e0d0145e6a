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
/// Contract for anything that feeds the enrolment aggregates (registers today, DfE pupil-level totals next): write
/// enrolment × fragment rows into the aggregate tables, then call <see cref="Refresh"/> with the dates the new rows
/// cover; the rollup reads nothing else.
/// </para>
/// </summary>
public static class SchoolRollup
{
    public const string Table = "school_period_rollup";

    /// <summary>The session measures, stored as sums over the enrolments in the row.</summary>
    public static IReadOnlyList<CountMeasure> SessionColumns { get; } = MeasureCatalogue.Counts.Where(c => c.Sessions is not null).ToList();

    /// <summary>The enrolment counts: enrolments, and those persistently or severely absent; each has a record-key sum.</summary>
    public static IReadOnlyList<CountMeasure> PersonColumns { get; } =
        [MeasureCatalogue.Enrolments, .. MeasureCatalogue.Counts.Where(c => c.Threshold is not null)];

    /// <summary>The column holding Σ record keys (not yet mod 256) of the units a person count counts.</summary>
    public static string KeySumColumn(CountMeasure count) => "ks_" + count.Name;

    public static string CreateTableSql =>
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          kind VARCHAR NOT NULL,
          b_from DATE NOT NULL,
          b_to DATE NOT NULL,
          label DATE NOT NULL,
          urn INTEGER NOT NULL,
          cohort VARCHAR NOT NULL,
          rest BOOLEAN NOT NULL,
          compulsory BOOLEAN NOT NULL,
          {string.Join(",\n  ", PersonColumns.Concat(SessionColumns).Select(c => $"{c.Name} BIGINT NOT NULL").Concat(PersonColumns.Select(c => $"{KeySumColumn(c)} BIGINT NOT NULL")))})
        """;

    /// <summary>
    /// Rebuilds every bucket that overlaps [<paramref name="from"/>, <paramref name="to"/>] (null: every bucket of
    /// every year with aggregate rows, as a first load or an upgrade needs). A daily load dirties one week, so it
    /// rebuilds that week's year, term, half term, month and week: its cost is the current year's enrolment rows, not
    /// the warehouse's history.
    /// </summary>
    public static void Refresh(DuckDBConnection c, DateOnly? from = null, DateOnly? to = null)
    {
        c.Execute(CreateTableSql);
        RecordKeys.AssignNew(c); // the key sums need every pupil's key (the publish would assign them anyway)
        Build(c, Table, from, to);
    }

    /// <summary>Every bucket built afresh into a temporary table of the same shape: what tests compare a refreshed rollup with.</summary>
    public static void BuildInto(DuckDBConnection c, string tempTable)
    {
        c.Execute(CreateTableSql.Replace($"CREATE TABLE IF NOT EXISTS {Table}", $"CREATE OR REPLACE TEMP TABLE {tempTable}"));
        Build(c, tempTable, null, null);
    }

    private static void Build(DuckDBConnection c, string target, DateOnly? from, DateOnly? to)
    {
        var years = c.Rows($"SELECT DISTINCT academic_year FROM {AggregateTable.Enrolments.View}")
            .Select(r => new Calendar.AcademicYear(r.GetInt16(0))).ToList();
        var buckets = years.SelectMany(RollupBucket.For)
            .Where(b => from is null || to is null || b.From <= to && b.To >= from).ToList();
        c.Execute("CREATE OR REPLACE TEMP TABLE rollup_buckets (kind VARCHAR, b_from DATE, b_to DATE, label DATE)");
        // A few dozen rows a year, as one parameterised INSERT (an appender cannot write a temp table on a read-only connection).
        if (buckets.Count > 0)
        {
            var values = new List<string>();
            var parameters = new List<(string, object?)>();
            for (var i = 0; i < buckets.Count; i++)
            {
                values.Add($"($k{i}, $f{i}, $t{i}, $l{i})");
                parameters.AddRange([($"k{i}", buckets[i].Kind), ($"f{i}", buckets[i].From), ($"t{i}", buckets[i].To), ($"l{i}", buckets[i].Label)]);
            }
            c.Execute($"INSERT INTO rollup_buckets VALUES {string.Join(", ", values)}", parameters.ToArray());
        }
        c.ExecuteAll(
        [
            $"DELETE FROM {target} r USING rollup_buckets b WHERE r.kind = b.kind AND r.b_from = b.b_from AND r.b_to = b.b_to",
            // Each day of each bucket, so fragments join their buckets on equality (a hash join) rather than a range.
            """
            CREATE OR REPLACE TEMP TABLE rollup_days AS
            SELECT b.*, g.d::DATE AS day FROM rollup_buckets b, generate_series(b.b_from::TIMESTAMP, b.b_to::TIMESTAMP, INTERVAL 1 DAY) g(d)
            """,
            $"CREATE OR REPLACE TEMP TABLE rollup_units AS {Units(AggregateTable.Enrolments)} UNION ALL {Units(AggregateTable.Cohorts)}",
            RowsSql(target),
            RestCorrectionSql(target),
            "DROP TABLE rollup_units",
            "DROP TABLE rollup_days",
            "DROP TABLE rollup_buckets",
        ]);
    }

    /// <summary>Each enrolment's totals per bucket (and cohort): the unit persistent and severe absence are tested on.</summary>
    private static string Units(AggregateTable source) =>
        $"""
        SELECT b.kind, b.b_from, b.b_to, b.label, a.urn, a.pupil_id, {(source.HasCohort ? "a.cohort" : "''")} AS cohort, a.compulsory,
          {string.Join(",\n  ", SessionColumns.Select(s => $"{SessionCountSql.Sum(s.Sessions!, "a")} AS {s.Name}"))}
        FROM {source.View} a JOIN rollup_days b ON b.day = a.frag_start
        GROUP BY ALL
        """;

    private static string Test(CountMeasure count, string alias) =>
        SessionCountSql.ThresholdTest(count.Threshold!, $"{alias}.{MeasureCatalogue.Holding(count.Threshold!.Numerator).Name}",
            $"{alias}.{MeasureCatalogue.Holding(count.Threshold.Denominator).Name}");

    private static string Key => RecordKeys.KeyOf("rk");

    private static string RowsSql(string target) =>
        $"""
        INSERT INTO {target}
        SELECT u.kind, u.b_from, u.b_to, u.label, u.urn, u.cohort, false, u.compulsory,
          count(*),
          {string.Join(",\n  ", PersonColumns.Skip(1).Select(p => $"count(*) FILTER (WHERE {Test(p, "u")})"))},
          {string.Join(",\n  ", SessionColumns.Select(s => $"sum(u.{s.Name})"))},
          sum({Key}),
          {string.Join(",\n  ", PersonColumns.Skip(1).Select(p => $"coalesce(sum({Key}) FILTER (WHERE {Test(p, "u")}), 0)"))}
        FROM rollup_units u LEFT JOIN {RecordKeys.Table} rk ON rk.pupil_id = u.pupil_id
        WHERE u.{MeasureCatalogue.PossibleSessions.Name} > 0
        GROUP BY u.kind, u.b_from, u.b_to, u.label, u.urn, u.cohort, u.compulsory
        """;

    /// <summary>
    /// Per enrolment ever in cohort k: (its figures less its cohort sessions, as the rest counts it) minus (its
    /// figures in full, as the all-pupils row counts it). r is the enrolment without its cohort sessions.
    /// </summary>
    private static string RestCorrectionSql(string target)
    {
        {
            var rest = $"(SELECT c.kind, c.b_from, c.b_to, c.label, c.urn, c.pupil_id, c.cohort, c.compulsory, " +
                string.Join(", ", SessionColumns.Select(s => $"e.{s.Name} AS e_{s.Name}, e.{s.Name} - c.{s.Name} AS {s.Name}")) +
                " FROM rollup_units c JOIN rollup_units e ON e.cohort = '' AND e.kind = c.kind AND e.b_from = c.b_from AND e.b_to = c.b_to" +
                " AND e.urn = c.urn AND e.pupil_id = c.pupil_id AND e.compulsory = c.compulsory WHERE c.cohort <> '')";
            var rIn = $"u.{MeasureCatalogue.PossibleSessions.Name} > 0";
            var eIn = $"u.e_{MeasureCatalogue.PossibleSessions.Name} > 0";
            string ETest(CountMeasure p) => SessionCountSql.ThresholdTest(p.Threshold!, $"u.e_{MeasureCatalogue.Holding(p.Threshold!.Numerator).Name}",
                $"u.e_{MeasureCatalogue.Holding(p.Threshold.Denominator).Name}");
            string Diff(string value, string rCondition, string eCondition) =>
                $"coalesce(sum({value}) FILTER (WHERE {rCondition}), 0) - coalesce(sum({value}) FILTER (WHERE {eCondition}), 0)";
            return $"""
                INSERT INTO {target}
                SELECT u.kind, u.b_from, u.b_to, u.label, u.urn, u.cohort, true, u.compulsory,
                  {Diff("1", rIn, eIn)},
                  {string.Join(",\n  ", PersonColumns.Skip(1).Select(p => Diff("1", $"{rIn} AND {Test(p, "u")}", $"{eIn} AND {ETest(p)}")))},
                  {string.Join(",\n  ", SessionColumns.Select(s => $"coalesce(sum(u.{s.Name}) FILTER (WHERE {rIn}), 0) - coalesce(sum(u.e_{s.Name}) FILTER (WHERE {eIn}), 0)"))},
                  {Diff(Key, rIn, eIn)},
                  {string.Join(",\n  ", PersonColumns.Skip(1).Select(p => Diff(Key, $"{rIn} AND {Test(p, "u")}", $"{eIn} AND {ETest(p)}")))}
                FROM {rest} u LEFT JOIN {RecordKeys.Table} rk ON rk.pupil_id = u.pupil_id
                GROUP BY u.kind, u.b_from, u.b_to, u.label, u.urn, u.cohort, u.compulsory
                """;
        }
    }
}

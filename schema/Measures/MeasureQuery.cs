using System.Text;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// Generates and runs the SQL for a <see cref="MeasureRequest"/> from <see cref="MeasureDefinitions"/>: sessions
/// are summed per enrolment (or per pupil), enrolments with no possible sessions are dropped, the PA/SA tests are
/// applied per enrolment, then everything is summed per group. One query answers every group at once, so a
/// list of 400 schools costs one query, not 400. Every value is a parameter; only generated names are SQL text.
/// </summary>
public static partial class MeasureQuery
{
    private static readonly (string Name, SessionCount Count)[] Sessions =
        MeasureCatalogue.Counts.Where(c => c.Sessions is not null).Select(c => (c.Name, c.Sessions!)).ToArray();

    private static readonly CountMeasure[] Thresholds = MeasureCatalogue.Counts.Where(c => c.Threshold is not null).ToArray();

    /// <summary>The aggregate count columns the session measures add up (a request for codes reads every column besides).</summary>
    private static readonly IReadOnlyList<string> SessionColumns = Sessions.SelectMany(s => SessionCountSql.Columns(s.Count)).Distinct().ToList();

    /// <param name="wholeFragmentsFromAggregates">
    /// False reads every day of an unaligned period from the marks: the reference the split path is tested against.
    /// </param>
    /// <param name="fromRollup">
    /// False never reads the school rollup (<see cref="SchoolRollup"/>): the enrolment aggregates it is tested against.
    /// </param>
    public static IReadOnlyList<MeasureRow> Run(DuckDBConnection connection, MeasureRequest request, bool wholeFragmentsFromAggregates = true,
        bool fromRollup = true)
    {
        EnsureCohorts(request);
        if (fromRollup && wholeFragmentsFromAggregates && ByWeeks(connection, request) is { } byWeeks) return byWeeks;
        var plan = Plan(connection, request, wholeFragmentsFromAggregates, fromRollup);
        return connection.Rows(plan.Sql, plan.Parameters.ToArray()).Select(plan.Read).ToList();
    }

    /// <summary>
    /// Cells of <paramref name="request"/> from counts read elsewhere, named as this class's statements name them (schools'
    /// and a phase's cells held with their positions: <see cref="Rollups.PeerPositions"/>), made as the statement's rows are: the period
    /// checked against weeks loaded as totals (refused as the statement is), register detail marked unknown where they count.
    /// </summary>
    /// <param name="cells">Each cell's school (for a request grouped by school) and its columns.</param>
    public static IReadOnlyList<MeasureRow> HeldCells(DuckDBConnection connection, MeasureRequest request, IEnumerable<(int? Urn, Func<string, long> Column)> cells)
    {
        EnsureCohorts(request);
        var fromTotals = SessionTotalsCoverage.EnsureAnswerable(connection, request);
        var planned = new PlannedMeasure(request, "", [], fromTotals ? SessionTotalsCoverage.CellsFromTotals(connection, request) : null, FromRollup: true);
        var cohort = request.Population != Population.AllPupils ? request.Cohorts[0] : null;
        return cells.Select(c => planned.Cell(request.GroupBy == MeasureGrouping.School ? c.Urn : null, null, null, cohort, null, c.Column)).ToList();
    }

    private static void EnsureCohorts(MeasureRequest request)
    {
        if (request.Population != Population.AllPupils && request.Cohorts.Count == 0)
            throw new ArgumentException("a cohort measure needs at least one cohort");
    }

    /// <summary>
    /// The statement that answers <paramref name="request"/> (from the school rollup when it can, else from the enrolment
    /// aggregates or the marks) and how its rows are read.
    /// </summary>
    /// <param name="fusedAs">
    /// A prefix for the rollup statement's parameters, which is then written to sit beside others in one statement
    /// (<see cref="RunTogether"/>); the other statements are unchanged by it.
    /// </param>
    private static PlannedMeasure Plan(DuckDBConnection connection, MeasureRequest request, bool wholeFragmentsFromAggregates, bool fromRollup,
        string? fusedAs = null)
    {
        // Weeks loaded as totals have no register codes: late sessions and per-code counts are unknown, not zero.
        var fromTotals = SessionTotalsCoverage.EnsureAnswerable(connection, request);
        var cellFromTotals = fromTotals ? SessionTotalsCoverage.CellsFromTotals(connection, request) : null;
        var otherLas = TestsLaSchools(connection, request);
        var rolled = fromRollup && wholeFragmentsFromAggregates && RollupMeasureQuery.Available(connection) ? RollupMeasureQuery.TryBuild(request, otherLas, fusedAs) : null;
        var units = fromRollup && rolled is null && UnitsBucket(request) is { } bucket && RollupUnits.Readable(connection) ? bucket : null;
        var (sql, parameters) = rolled ?? Build(request, wholeFragmentsFromAggregates, fromTotals, otherLas, CohortIntervals.In(connection), units);
        return new PlannedMeasure(request, sql, parameters, cellFromTotals, FromRollup: rolled is not null);
    }

    /// <summary>
    /// Whether the request's statement must test each row it reads against the LA's schools: when the warehouse holds
    /// enrolments at other LAs' schools, unless the request names its schools and every one is the LA's (its rows are then
    /// the LA's already, whatever its population). The semi-join was about a quarter of a one-school statement's time on
    /// the 38 M-mark LA, and what grew of it at 4 × (docs/scaling.md, run 17).
    /// </summary>
    internal static bool TestsLaSchools(DuckDBConnection connection, MeasureRequest request) =>
        ServedLocalAuthority.HoldsOtherEnrolments(connection)
        && !(request.Urns is { Count: > 0 } urns && urns.All(ServedLocalAuthority.Schools(connection).Contains));

    /// <summary>A request's statement, and whether it reads the school rollup (and so can share a statement with others).</summary>
    private sealed record PlannedMeasure(MeasureRequest Request, string Sql, List<(string Name, object? Value)> Parameters,
        Func<MeasureRow, bool>? CellFromTotals, bool FromRollup)
    {
        /// <summary>One result row as the request's cell; columns are found by name, so a fused statement's extra ones are ignored.</summary>
        public MeasureRow Read(System.Data.Common.DbDataReader r)
        {
            var request = Request;
            return Cell(
                request.GroupBy == MeasureGrouping.School ? r.GetInt32(r.GetOrdinal("g_urn")) : null,
                request.GroupBy == MeasureGrouping.Phase ? r.GetString(r.GetOrdinal("g_phase")) : null,
                request.Grain != TimeGrain.None ? r.GetFieldValue<DateOnly>(r.GetOrdinal("g_bucket")) : null,
                request.Population != Population.AllPupils ? r.GetString(r.GetOrdinal("g_cohort")) : null,
                request.Breakdown is not null ? r.GetString(r.GetOrdinal("g_char")) : null,
                column => Long(r, column));
        }

        /// <summary>The request's cell for a group, from its columns' values (a missing or null column is 0).</summary>
        public MeasureRow Cell(int? urn, string? phase, DateOnly? bucket, string? cohort, string? group, Func<string, long> column)
        {
            var request = Request;
            var cell = new MeasureRow(urn, phase, bucket, cohort, MeasureValues.Empty);
            var registersOnly = CellFromTotals?.Invoke(cell) != true;
            Dictionary<string, long>? codes = null;
            if (request.IncludeCodes && registersOnly)
            {
                codes = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var code in CodeCatalogue.Instance.Codes) codes[code.Code] = column(code.Column);
            }
            var values = MeasureValues.FromCounts(m => column(m.Name)) with
                { CodeSessions = codes, RegisterDetailUnavailable = registersOnly ? null : SessionTotalsCoverage.RegisterDetailReason };
            return cell with
            {
                Values = values,
                Keys = request.CellKeys ? new CellKeys((int)column(KeyColumn(MeasureCatalogue.Enrolments)),
                    (int)column(KeyColumn(MeasureCatalogue.PersistentAbsenceEnrolments)), (int)column(KeyColumn(MeasureCatalogue.SevereAbsenceEnrolments)),
                    (int)column(SessionKeyColumn))
                {
                    SessionUnits = request.Methodology == Methodology.Official ? null : new(column(SessionUnitsColumn), (int)column(SessionUnitsKeyColumn)),
                } : null,
                Group = group,
            };
        }
    }

    /// <summary>
    /// A weekly series over a day range, as its whole weeks from the school rollup and the days of its part weeks from the
    /// marks (<see cref="WeeklySplit"/>), in the one query's order; null when the rollup cannot answer the whole weeks.
    /// Read as one query, every enrolment's week in the range was summed from the enrolment aggregates: the LA's weekly trend
    /// over a day range on the 25,000-pupil LA took 180-240 ms that way.
    /// </summary>
    private static IReadOnlyList<MeasureRow>? ByWeeks(DuckDBConnection connection, MeasureRequest request)
    {
        if (request.Grain != TimeGrain.Week || WeeklySplit.Of(request.Period) is not { } split) return null;
        if (RollupMeasureQuery.Scope(request with { Period = split.WholeWeeks }) is null || !RollupMeasureQuery.Available(connection)) return null;
        // Refused as the one period the caller asked for, not as a part of it.
        SessionTotalsCoverage.EnsureAnswerable(connection, request);
        return split.PartWeeks.Prepend(split.WholeWeeks)
            .SelectMany(part => Run(connection, request with { Period = part }))
            .OrderBy(r => r.Cohort, StringComparer.Ordinal).ThenBy(r => r.Urn).ThenBy(r => r.Phase, StringComparer.Ordinal).ThenBy(r => r.BucketStart)
            .ToList();
    }

    /// <summary>The column of a person count's cell key: Σ record keys of the units it counts, mod 256.</summary>
    public static string KeyColumn(CountMeasure count) => "ck_" + count.Name;

    /// <summary>The column of a cell's session key: Σ of its units' <see cref="SessionKeySql"/> contributions, mod 256.</summary>
    public const string SessionKeyColumn = "ck_sessions";

    /// <summary>The count, and the key, of every unit a cell's session totals sum over (the live method counts fewer enrolments).</summary>
    private const string SessionUnitsColumn = "ck_session_units";
    private const string SessionUnitsKeyColumn = "ck_session_units_key";

    private static long Long(System.Data.Common.DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? 0 : r.GetInt64(i);
    }

    /// <param name="weeksOfTotals">Some of the period was loaded as session totals: edge days also read the totals' weeks.</param>
    /// <param name="otherLaSchools">Rows read may be at other LAs' schools: test each against the LA's own (<see cref="TestsLaSchools"/>).</param>
    /// <param name="cohortIntervals">Where cohort intervals are read from (<see cref="CohortIntervals.In"/>).</param>
    /// <param name="units">
    /// A year or term whose enrolments' totals are read from the rollup's kept units (<see cref="RollupUnits"/>, one row per
    /// enrolment and cohort) instead of summed from the enrolment aggregates' fragments (<see cref="UnitsBucket"/>).
    /// </param>
    public static (string Sql, List<(string Name, object? Value)> Parameters) Build(MeasureRequest request, bool wholeFragmentsFromAggregates = true,
        bool weeksOfTotals = false, bool otherLaSchools = true, string cohortIntervals = CohortIntervals.Table, RollupBucket? units = null)
    {
        EnsureCohorts(request);
        var p = new List<(string, object?)> { ("from", request.Period.Start), ("to", request.Period.End), ("all_ages", request.IncludeAllAges) };
        if (request.WithinCohort is not null) p.Add(("within", request.WithinCohort));
        var columns = Sessions.Select(s => s.Name).Concat(request.IncludeCodes ? CodeCatalogue.Instance.Codes.Select(c => c.Column) : []).ToList();
        var keys = GroupKeys(request, p);
        var unitKeys = request.Unit == MeasureUnit.Enrolment ? "a.urn, a.pupil_id" : "a.pupil_id";
        var needsSchools = request.Phase is not null || request.GroupBy == MeasureGrouping.Phase;
        var needsCharacteristics = request.Breakdown is not null || request.Filter is not null;
        var (filters, scope) = Filters(request, p, otherLaSchools);
        var cohortValues = "";

        var cohortFilter = "";
        if (request.Population != Population.AllPupils)
        {
            var names = request.Cohorts.Distinct().Select((k, i) => { p.Add(($"k{i}", k)); return $"$k{i}"; }).ToList();
            cohortFilter = $" AND a.cohort IN ({string.Join(", ", names)})";
            cohortValues = string.Join(", ", names.Select(n => $"({n}::VARCHAR)"));
        }

        // A breakdown's group is a function of the unit (its characteristics are one row per unit), so the unit's rows can be
        // summed first and the group attached to each unit's sums after: the join then meets one row per unit rather than
        // every fragment row (the LA page's ethnicity breakdown over a year at 38 M marks: 1.5-1.9 s -> 0.9-1.1 s on a loaded
        // machine, same rows). A characteristic filter is applied to the fragment rows, so it keeps the join where it was.
        var deferCharacteristics = request.Breakdown is not null && request.Filter is null && !WeeksAreRows(request);
        var unitKeyColumns = request.Unit == MeasureUnit.Enrolment ? "ch.pupil_id = u.pupil_id AND ch.urn = u.urn" : "ch.pupil_id = u.pupil_id";

        string PerUnit(string name, bool cohort)
        {
            var unitGroupKeys = deferCharacteristics ? keys.Where(k => k.Alias != "g_char").ToList() : keys;
            var groupKeys = (cohort ? ["g_cohort"] : Array.Empty<string>()).Concat(unitGroupKeys.Select(k => k.Alias)).Append(unitKeys);
            var source = units is null ? Source(request, cohort, wholeFragmentsFromAggregates, weeksOfTotals, cohortIntervals, scope, p) : UnitsSource(units, cohort, scope, p);
            var from = new StringBuilder($"\n  FROM {source} a");
            if (needsSchools) from.Append(" JOIN schools s ON s.urn = a.urn");
            // A unit without an enrolment row cannot exist (marks and totals need one); LEFT keeps it in Unknown all the same.
            if (needsCharacteristics && !deferCharacteristics)
                from.Append("\n  LEFT JOIN unit_characteristics ch ON ch.pupil_id = a.pupil_id" +
                            (request.Unit == MeasureUnit.Enrolment ? " AND ch.urn = a.urn" : ""));
            from.Append($"\n  WHERE {filters}{(cohort ? cohortFilter : "")}");
            string Select(bool summed)
            {
                var sb = new StringBuilder("SELECT ");
                if (cohort) sb.Append("a.cohort AS g_cohort, ");
                foreach (var (alias, expr) in unitGroupKeys) sb.Append($"{expr} AS {alias}, ");
                sb.Append(unitKeys);
                foreach (var (col, count) in Sessions)
                    sb.Append($",\n    {(units is not null ? $"SUM(a.{col})::BIGINT" : summed ? SessionCountSql.Sum(count, "a") : SessionCountSql.RowExpression(count, "a") + "::BIGINT")} AS {col}");
                if (request.IncludeCodes)
                    foreach (var code in CodeCatalogue.Instance.Codes) sb.Append($",\n    {(summed ? $"SUM(a.{code.Column})" : $"a.{code.Column}")}::BIGINT AS {code.Column}");
                return sb.Append(from).ToString();
            }
            var grouped = $"{Select(summed: true)}\n  GROUP BY {string.Join(", ", groupKeys)}";
            if (deferCharacteristics)
                return $"{name} AS (\n  SELECT {keys.Single(k => k.Alias == "g_char").Expr} AS g_char, u.*\n  FROM ({grouped}) u\n" +
                       $"  LEFT JOIN unit_characteristics ch ON {unitKeyColumns})";
            if (!WeeksAreRows(request)) return $"{name} AS (\n  {grouped})";
            // Most weeks lie inside one month, so an enrolment's week is one fragment row: those rows are the
            // per-enrolment values already. Grouping only the weeks that straddle a month end measured 1.5x faster
            // on the 25,000-pupil LA's weekly trend (whole year, same figures), the group-by being the cost.
            return $"{name} AS (\n  {grouped.Replace("\n  GROUP BY", $" AND {StraddlesMonth}\n  GROUP BY")}\n  UNION ALL\n  {Select(summed: false)} AND NOT {StraddlesMonth})";
        }

        var ctes = new List<string>();
        // Each unit's characteristics once, however many times the per-unit rows read them (a weekly trend reads them twice).
        if (needsCharacteristics) ctes.Add($"unit_characteristics AS MATERIALIZED (\n{CharacteristicCatalogue.UnitsSql(request.Unit == MeasureUnit.Enrolment)})");
        string target;
        switch (request.Population)
        {
            case Population.AllPupils:
                ctes.Add(PerUnit("e", cohort: false));
                target = "e";
                break;
            case Population.Cohort:
                ctes.Add(PerUnit("c", cohort: true));
                target = "c";
                break;
            default:
                // Everyone else in the same scope: each enrolment's sessions less those it spent in the cohort,
                // computed per cohort (k), so enrolments never in the cohort count in full.
                ctes.Add(PerUnit("e", cohort: false));
                ctes.Add(PerUnit("c", cohort: true));
                var unitColumns = request.Unit == MeasureUnit.Enrolment ? new[] { "urn", "pupil_id" } : ["pupil_id"];
                var joinOn = string.Join(" AND ", keys.Select(k => k.Alias).Concat(unitColumns)
                    .Select(k => $"e.{k} IS NOT DISTINCT FROM c.{k}").Append("c.g_cohort = k.g_cohort"));
                ctes.Add($"""
                    r AS (
                      SELECT {string.Join(", ", new[] { "k.g_cohort", "e.pupil_id" }.Concat(keys.Select(k => "e." + k.Alias)).Concat(columns.Select(col => $"e.{col} - coalesce(c.{col}, 0) AS {col}")))}
                      FROM e CROSS JOIN (VALUES {cohortValues}) k(g_cohort) LEFT JOIN c ON {joinOn})
                    """);
                target = "r";
                break;
        }

        var outerKeys = string.Join(", ", (request.Population != Population.AllPupils ? ["g_cohort"] : Array.Empty<string>()).Concat(keys.Select(k => k.Alias)));
        var select = new StringBuilder("SELECT ");
        if (outerKeys.Length > 0) select.Append(outerKeys).Append(", ");
        // Which units the enrolment counts count: every one with a possible session (the WHERE below), or under the live
        // method only those with more than 10. Sessions are summed over every unit either way (Methodology).
        var counted = CountedUnits(request, p);
        string Where(string? test) => (counted, test) switch
        {
            (null, null) => "",
            (null, _) => $" FILTER (WHERE {test})",
            (_, null) => $" FILTER (WHERE {counted})",
            _ => $" FILTER (WHERE {counted} AND {test})",
        };
        select.Append($"count(*){Where(null)}::BIGINT AS {MeasureCatalogue.Enrolments.Name}");
        foreach (var col in columns) select.Append($", SUM({col})::BIGINT AS {col}");
        foreach (var count in Thresholds)
            select.Append($", count(*){Where(ThresholdTest(count))}::BIGINT AS {count.Name}");
        if (request.CellKeys)
        {
            // Cell keys (Census 2021's cell-key method): Σ record keys mod 256 over the units each count counts.
            select.Append($", (coalesce(sum(record_key){Where(null)}, 0) % 256)::BIGINT AS {KeyColumn(MeasureCatalogue.Enrolments)}");
            foreach (var count in Thresholds)
                select.Append($", (coalesce(sum(record_key){Where(ThresholdTest(count))}, 0) % 256)::BIGINT AS {KeyColumn(count)}");
            // The session key and, when the live method leaves some out of the enrolments, the count and key of every unit
            // the session totals sum over: the rates' noise is scaled by those, so a cell's rates are the same under both methods.
            select.Append($", (sum({SessionKeySql.Contribution("record_key", c => c.Name)}) % 256)::BIGINT AS {SessionKeyColumn}");
            // Under the official method they are the enrolments and their key, already above.
            if (counted is not null)
                select.Append($", count(*)::BIGINT AS {SessionUnitsColumn}, (sum(record_key) % 256)::BIGINT AS {SessionUnitsKeyColumn}");
            target = $"(SELECT u.*, {RecordKeys.KeyOf("rk")} AS record_key FROM {target} u LEFT JOIN {RecordKeys.Table} rk ON rk.pupil_id = u.pupil_id)";
        }
        select.Append($"\nFROM {target} WHERE {MeasureCatalogue.PossibleSessions.Name} > 0");
        if (outerKeys.Length > 0) select.Append($"\nGROUP BY {outerKeys} ORDER BY {outerKeys}");
        return ($"WITH {string.Join(",\n", ctes)}\n{select}", p);
    }

    private static string ThresholdTest(CountMeasure count)
    {
        var t = count.Threshold!;
        return SessionCountSql.ThresholdTest(t, MeasureCatalogue.Holding(t.Numerator).Name, MeasureCatalogue.Holding(t.Denominator).Name);
    }

    /// <summary>
    /// The condition a per-unit row meets to be counted in enrolments, PA and SA under the request's methodology; null
    /// (officially) when every row with a possible session counts.
    /// </summary>
    private static string? CountedUnits(MeasureRequest r, List<(string, object?)> p)
    {
        if (r.Methodology == Methodology.Official) return null;
        p.Add(("live_excluded", MeasureDefinitions.LiveMaximumExcludedPossibleSessions));
        return $"{MeasureCatalogue.PossibleSessions.Name} > $live_excluded";
    }

    /// <summary>
    /// Aligned periods read the materialised aggregates. Any other period reads its whole fragments from the
    /// aggregates and only its edge days from the marks (<see cref="PeriodSplit"/>), aggregated on the fly with the
    /// same SQL the ETL materialises, and only the marks of the request's schools. A cohort-within-cohort request
    /// reads every day from the marks, since the aggregates hold one cohort at a time.
    /// </summary>
    private static string Source(MeasureRequest r, bool cohort, bool wholeFragmentsFromAggregates, bool weeksOfTotals, string intervals, Func<string, string> scope,
        List<(string, object?)> p)
    {
        var view = cohort ? "agg_cohort_enrolment_week" : "agg_enrolment_week";
        if (UsesAggregates(r)) return view;
        var split = wholeFragmentsFromAggregates && r.WithinCohort is null ? PeriodSplit.Of(r.Period) : new PeriodSplit(null, [(r.Period.Start, r.Period.End)]);
        // A rest-of-pupils request reads the source twice (everyone, and the cohort): its parameters are added once.
        void Add(string name, DateOnly value)
        {
            if (!p.Exists(x => x.Item1 == name)) p.Add((name, value));
        }
        var edges = AggregateSql.MarksOnDays(split.Edges.Select((e, i) =>
        {
            Add($"edge{i}_from", e.Start);
            Add($"edge{i}_to", e.End);
            return ($"$edge{i}_from", $"$edge{i}_to");
        }).ToList());
        // Only the within-cohort's pupils can pass its join below, so their marks are picked first: without it the marks met
        // every cohort's intervals before the within-cohort's (the Virtual School's cohort breakdown over a year at 38 M
        // marks, alternating on a loaded machine: 1.0-6.0 s -> 0.8-5.8 s, faster in each of five pairs; same rows).
        if (r.WithinCohort is not null)
            edges = $"(SELECT * FROM {edges} wm WHERE wm.pupil_id IN (SELECT pupil_id FROM {intervals} WHERE cohort = $within))";
        var inRange = $"WHERE TRUE{scope("m")}";
        if (r.WithinCohort is not null)
            inRange = $"JOIN {intervals} wc ON wc.pupil_id = m.pupil_id AND m.date BETWEEN wc.start_date AND wc.end_date AND wc.cohort = $within\n{inRange}";
        // Only the columns the measures read, so the marks are counted into a few columns rather than pivoted into 40 (and the
        // core's rows carry no more): a request for codes reads them all.
        var only = r.IncludeCodes ? null : SessionColumns;
        var marks = cohort
            ? AggregateSql.CohortEnrolmentWeeks(inRange, intervals, edges, only)
            : AggregateSql.EnrolmentWeeks(inRange, edges, only);
        if (weeksOfTotals && r.WithinCohort is null)
        {
            // Weeks loaded as totals that lie wholly in an edge (SessionTotalsCoverage refuses any they would cut),
            // the registers-win check bounded to the edge's marks.
            var schools = scope("t");
            for (var i = 0; i < split.Edges.Count; i++)
            {
                var inEdge = $"t.span_start >= $edge{i}_from AND t.span_end <= $edge{i}_to{schools}";
                var bound = $"m.date BETWEEN $edge{i}_from AND $edge{i}_to";
                marks += $"\nUNION ALL BY NAME\n{(cohort ? AggregateSql.CohortTotalsEnrolmentWeeks(inEdge, bound, intervals) : AggregateSql.TotalsEnrolmentWeeks(inEdge, bound))}";
            }
        }
        if (split.Core is not { } core) return $"({marks})";
        Add("core_from", core.Start);
        Add("core_to", core.End);
        // The school scope is repeated inside the core's scan, so it can skip other schools' row groups: EXPLAIN ANALYZE of
        // a one-school cohort day range showed the cohort table's scan as its costliest step (0.74 s of 3.7 s, load ~30).
        var coreColumns = only is null ? "*" : string.Join(", ", AggregateSql.KeyColumns(cohort).Concat(only).Select(c => "c." + c));
        return $"(SELECT {coreColumns} FROM {view} c WHERE c.frag_start BETWEEN $core_from AND $core_to{scope("c")}\nUNION ALL BY NAME\n{marks})";
    }

    /// <summary>
    /// The year or term a request can read from the kept units: by enrolment, without a grain, per-code counts or a cohort
    /// within a cohort, over exactly one of the kept buckets. What the school rollup answers is left to it; this serves what
    /// it cannot, chiefly breakdowns and filters by a pupil characteristic and the live method, which otherwise sum every
    /// enrolment's fragments of the period (a year's breakdown on the LA page: ~39 rows per enrolment instead of one).
    /// </summary>
    public static RollupBucket? UnitsBucket(MeasureRequest r)
    {
        if (r.Unit != MeasureUnit.Enrolment || r.Grain != TimeGrain.None || r.IncludeCodes || r.WithinCohort is not null) return null;
        var year = AcademicYear.Containing(r.Period.Start);
        return RollupBucket.For(year).FirstOrDefault(b => RollupUnits.KeptKinds.Contains(b.Kind) && b.From == r.Period.Start && b.To == r.Period.End);
    }

    /// <summary>The kept units of <paramref name="bucket"/> as per-enrolment rows (their totals already summed), in the aggregates' key columns.</summary>
    private static string UnitsSource(RollupBucket bucket, bool cohort, Func<string, string> scope, List<(string, object?)> p)
    {
        if (!p.Exists(x => x.Item1 == "unit_kind")) p.AddRange([("unit_kind", bucket.Kind), ("unit_from", bucket.From)]);
        var columns = string.Join(", ", Sessions.Select(s => $"u.{s.Name}"));
        return $"(SELECT u.cohort, u.urn, u.pupil_id, u.b_from AS frag_start, u.compulsory, {columns} FROM {RollupUnits.Table} u " +
               $"WHERE u.kind = $unit_kind AND u.b_from = $unit_from AND {(cohort ? "u.cohort <> ''" : "u.cohort = ''")}{scope("u")})";
    }

    /// <summary>A fragment row's week runs into the next month, so the enrolment has two rows that week.</summary>
    private const string StraddlesMonth = "month(a.week_start) <> month(a.week_start + 6)";

    /// <summary>
    /// Weekly figures per enrolment: each (enrolment, cohort, fragment) has one row, so a week inside one month is one
    /// row. Not per pupil (a pupil who changes school mid-week has two enrolments that week). Only over the aggregate
    /// tables: the two halves each read the source, and a source with marks in it would pivot them twice.
    /// </summary>
    private static bool WeeksAreRows(MeasureRequest r) => r.Grain == TimeGrain.Week && r.Unit == MeasureUnit.Enrolment && UsesAggregates(r);

    private static bool UsesAggregates(MeasureRequest r) => r.Period.IsFragmentAligned && r.WithinCohort is null;

    /// <summary>The conditions on the per-unit rows, and the same school scope as a condition on rows of a given alias.</summary>
    private static (string Rows, Func<string, string> Scope) Filters(MeasureRequest r, List<(string, object?)> p, bool otherLaSchools)
    {
        // Aligned periods select whole fragments; otherwise the source already holds only the sessions in range.
        var f = new List<string> { UsesAggregates(r) ? "a.frag_start BETWEEN $from AND $to" : "TRUE", "(a.compulsory OR $all_ages)" };
        var marks = new List<string>();
        // Another LA's school is never in the LA's figures, whoever asks and for whichever schools, unless the request's
        // population takes the LA's resident pupils educated elsewhere (or the Virtual School's children, wherever they are).
        if (LaPopulationSql.Condition(r.LaPopulation, "{0}", otherLaSchools) is { } population)
        {
            marks.Add(population);
            f.Add(string.Format(population, "a."));
        }
        if (r.Phase is not null)
        {
            p.Add(("phase", r.Phase));
            f.Add("s.phase = $phase");
            marks.Add("{0}urn IN (SELECT urn FROM schools WHERE phase = $phase)");
        }
        if (r.Filter is { } only)
        {
            p.Add(("char_group", only.Group));
            f.Add($"{CharacteristicCatalogue.GroupSql(only.Characteristic, "ch")} = $char_group");
        }
        if (r.Urns is not null)
        {
            if (r.Urns.Count == 0) f.Add("FALSE");
            else
            {
                var names = string.Join(", ", r.Urns.Distinct().Select((urn, i) => { p.Add(($"u{i}", urn)); return $"$u{i}"; }));
                f.Add($"a.urn IN ({names})");
                marks.Add($"{{0}}urn IN ({names})");
            }
        }
        return (string.Join(" AND ", f), alias => string.Concat(marks.Select(m => " AND " + string.Format(m, alias + "."))));
    }

    private static List<(string Alias, string Expr)> GroupKeys(MeasureRequest r, List<(string, object?)> p)
    {
        var keys = new List<(string, string)>();
        if (r.GroupBy == MeasureGrouping.School) keys.Add(("g_urn", "a.urn"));
        if (r.GroupBy == MeasureGrouping.Phase) keys.Add(("g_phase", "s.phase"));
        if (r.Grain != TimeGrain.None) keys.Add(("g_bucket", BucketExpression(r, p)));
        if (r.Breakdown is { } c) keys.Add(("g_char", CharacteristicCatalogue.GroupSql(c, "ch")));
        return keys;
    }

    /// <summary>The start date of the week, month, half term, term or academic year a fragment falls in.</summary>
    private static string BucketExpression(MeasureRequest r, List<(string, object?)> p)
    {
        switch (r.Grain)
        {
            case TimeGrain.Week: return "a.week_start";
            case TimeGrain.Month: return "a.month";
            case TimeGrain.AcademicYear: return "make_date(a.academic_year, 8, 1)";
        }
        // Half-term boundaries are Mondays, so no fragment straddles one: a CASE over the boundaries is exact.
        var starts = MeasureBuckets.TermStarts(r);
        var sb = new StringBuilder("CASE");
        foreach (var (start, i) in starts.Reverse().Select((s, i) => (s, i)))
        {
            p.Add(($"b{i}", start));
            sb.Append($" WHEN a.frag_start >= $b{i} THEN $b{i}::DATE");
        }
        return sb.Append(" END").ToString();
    }
}

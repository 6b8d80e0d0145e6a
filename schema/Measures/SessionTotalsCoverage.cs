using System.Collections.Concurrent;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// What a measure can answer where data was loaded as weekly session totals (DfE pupil-level files) rather than
/// registers. Totals are one row per enrolment per school week and cannot be split by day, so a period whose start
/// or end falls inside such a week, a monthly grain over a week that straddles a month end, and a cohort-within-
/// cohort request (which needs each day's membership) are refused rather than answered from part of the data.
/// The spans are read from <c>session_total_spans</c>, a few rows per school and week.
/// </summary>
public static class SessionTotalsCoverage
{
    /// <summary>Why figures over part of the period have no register detail (late sessions, counts by code); null when none.</summary>
    public const string RegisterDetailReason =
        "some of these sessions were loaded as weekly totals (DfE pupil-level file), which have no register codes: " +
        "late sessions and counts by code are not known for them";

    /// <summary>
    /// Throws <see cref="SessionTotalsPeriodException"/> when <paramref name="r"/> would cut through a week known only as
    /// totals; otherwise says whether any of the period, in the request's schools, is answered from totals. One query.
    /// </summary>
    public static bool EnsureAnswerable(DuckDBConnection connection, MeasureRequest r)
    {
        if (!HoldsSpans(connection)) return false; // registers only: nothing to refuse, no cell from totals
        var p = new List<(string, object?)> { ("from", r.Period.Start), ("to", r.Period.End) };
        var scope = Scope(r, p);
        DateOnly? cutStart = null, cutEnd = null;
        bool straddles = false, overlaps = false;
        foreach (var x in connection.Rows($"""
            SELECT min(span_start) FILTER (WHERE cut), min(span_end) FILTER (WHERE cut),
                   coalesce(bool_or(inside AND month(span_start) <> month(span_end)), false), coalesce(bool_or(touches), false)
            FROM (SELECT span_start, span_end,
                    (span_start < $from AND span_end >= $from) OR (span_start <= $to AND span_end > $to) AS cut,
                    span_start >= $from AND span_end <= $to AS inside,
                    span_start <= $to AND span_end >= $from AS touches
                  FROM session_total_spans WHERE TRUE{scope})
            """, p.ToArray()))
        {
            cutStart = x.IsDBNull(0) ? null : x.GetFieldValue<DateOnly>(0);
            cutEnd = x.IsDBNull(1) ? null : x.GetFieldValue<DateOnly>(1);
            straddles = x.GetBoolean(2);
            overlaps = x.GetBoolean(3);
        }
        if (cutStart is { } s && cutEnd is { } e)
            throw new SessionTotalsPeriodException(
                $"the period {r.Period.Label} cuts through the week {s:yyyy-MM-dd} to {e:yyyy-MM-dd}, " +
                "which was loaded as weekly session totals (DfE pupil-level file) and cannot be split by day: " +
                "ask for a period that starts on a Monday and ends on a Friday or Sunday of weeks loaded as totals");
        if (r.Grain == TimeGrain.Month && straddles)
            throw new SessionTotalsPeriodException(
                $"monthly figures for {r.Period.Label} would split a week that straddles a month end and was loaded as weekly " +
                "session totals (DfE pupil-level file): ask for weekly, half-termly or termly figures instead");
        if (r.WithinCohort is not null && overlaps)
            throw new SessionTotalsPeriodException(
                $"a cohort within a cohort needs each day's membership and registers, and some of {r.Period.Label} was loaded " +
                "as weekly session totals (DfE pupil-level file)");
        return overlaps;
    }

    /// <summary>
    /// Which of a request's cells count sessions loaded as totals, so lose their register detail (late sessions, codes): a
    /// cell's own schools (its school, its phase, or the request's) and its own days (its bucket within the period), never the
    /// rest of the request. A cell then says the same whichever query asks for it: a school's late rate is not withheld in the
    /// schools list because another school loaded a DfE file. Called only when the request overlaps totals (one query).
    /// </summary>
    public static Func<MeasureRow, bool> CellsFromTotals(DuckDBConnection connection, MeasureRequest r)
    {
        var p = new List<(string, object?)> { ("from", r.Period.Start), ("to", r.Period.End) };
        var scope = Scope(r, p);
        var spans = new List<(int Urn, string? Phase, DateOnly Start, DateOnly End)>();
        foreach (var x in connection.Rows($"""
            SELECT t.urn, s.phase, t.span_start, t.span_end FROM session_total_spans t LEFT JOIN schools s USING (urn)
            WHERE t.span_start <= $to AND t.span_end >= $from{scope}
            """, p.ToArray()))
            spans.Add((x.GetInt32(0), x.IsDBNull(1) ? null : x.GetString(1), x.GetFieldValue<DateOnly>(2), x.GetFieldValue<DateOnly>(3)));
        // A population reaching other LAs' schools is checked against every school, as the refusal is (see Scope).
        var everySchool = ReachesOtherLas(r.LaPopulation);
        var bucketEnd = MeasureBuckets.EndOf(r);
        var atSchool = spans.ToLookup(s => s.Urn);
        var inPhase = spans.ToLookup(s => s.Phase);
        return row =>
        {
            var (from, to) = row.BucketStart is { } b ? (Max(b, r.Period.Start), Min(bucketEnd(b), r.Period.End)) : (r.Period.Start, r.Period.End);
            var candidates = everySchool ? spans : row.Urn is { } urn ? atSchool[urn] : row.Phase is { } phase ? inPhase[phase] : spans;
            return candidates.Any(s => s.Start <= to && s.End >= from);
        };
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static bool ReachesOtherLas(LaPopulation population) =>
        population is LaPopulation.Residents or LaPopulation.ResidentsElsewhere or LaPopulation.LaSchoolsOrResidents;

    /// <summary>
    /// The request's schools (a phase or a list, and the LA's or other LAs' by its population), as a condition; every school
    /// otherwise. Weeks of DfE's resident-pupil download at other LAs' schools never touch the LA's own figures.
    /// </summary>
    private static string Scope(MeasureRequest r, List<(string, object?)> p)
    {
        // A population that reaches other LAs' schools is checked against every school's spans, whatever its phase or
        // schools: narrowed, the refusal itself told a protected role whether a resident educated elsewhere in that
        // phase was known only as totals that week (a cold attack), which its published figures may not say.
        if (ReachesOtherLas(r.LaPopulation)) return "";
        var scope = r.LaPopulation switch
        {
            LaPopulation.LaSchools or LaPopulation.NonResidents => $" AND urn IN ({ServedLocalAuthority.SchoolsSql})",
            _ => "",
        };
        if (r.Phase is not null)
        {
            p.Add(("phase", r.Phase));
            scope += " AND urn IN (SELECT urn FROM schools WHERE phase = $phase)";
        }
        if (r.Urns is not null)
            scope += r.Urns.Count == 0 ? " AND FALSE"
                : $" AND urn IN ({string.Join(", ", r.Urns.Distinct().Select((u, i) => { p.Add(($"u{i}", u)); return $"$u{i}"; }))})";
        return scope;
    }

    /// <summary>
    /// Rebuilds <c>session_total_spans</c> after a load: the school-weeks some enrolment of which is answered from
    /// totals, i.e. has no marks that week (registers win), so a school loaded from registers is never refused.
    /// </summary>
    public static IReadOnlyList<string> RebuildSpansSql { get; } =
    [
        "DELETE FROM session_total_spans",
        """
        INSERT INTO session_total_spans
        SELECT DISTINCT t.urn, t.span_start, t.span_end FROM session_totals t
        ANTI JOIN (SELECT DISTINCT urn, pupil_id, (date - (isodow(date) - 1)::INTEGER) AS week_start FROM marks
                   WHERE date BETWEEN (SELECT min(span_start) FROM session_totals) AND (SELECT max(span_start) + 6 FROM session_totals)) m
          ON m.urn = t.urn AND m.pupil_id = t.pupil_id AND m.week_start = t.span_start
        """,
    ];

    /// <summary>Whether totals were ever possible here: a warehouse built before them has no spans table.</summary>
    public static bool SpansTableExists(DuckDBConnection connection) => WarehouseTables.Has(connection, "session_total_spans");

    // Snapshots are immutable once published: whether one answers any school-week from totals is asked once per file.
    private static readonly ConcurrentDictionary<string, bool> KnownSpans = new();

    /// <summary>
    /// Whether any school-week is answered from totals. Most warehouses hold registers only, and the coverage query each
    /// measure ran before its own (with the request's school list as parameters) cost about as much as a rollup read: on
    /// the 38M-mark LA a 406-school list for one week spent 11 ms CPU in it against 15 ms in its measure (loaded machine).
    /// Remembered only for a published (read-only) file, as <see cref="ServedLocalAuthority.HoldsOtherEnrolments"/> is.
    /// </summary>
    private static bool HoldsSpans(DuckDBConnection connection)
    {
        if (!SpansTableExists(connection)) return false; // a warehouse built before totals existed has loaded none
        var file = connection.DataSource;
        var cacheable = !string.IsNullOrEmpty(file) && file != ":memory:" && connection.ConnectionString.Contains("READ_ONLY", StringComparison.OrdinalIgnoreCase);
        if (cacheable && KnownSpans.TryGetValue(file, out var known)) return known;
        var holds = connection.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM session_total_spans)");
        if (cacheable) KnownSpans[file] = holds;
        return holds;
    }
}

/// <summary>A period the weekly session totals cannot answer exactly; the message says why and what to ask instead.</summary>
public sealed class SessionTotalsPeriodException(string message) : InvalidOperationException(message);

using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// What a measure can answer where data was loaded as weekly session totals (DfE pupil-level files) rather than
/// registers. Totals are one row per enrolment per school week and cannot be split by day, so a period whose start
/// or end falls inside such a week, a monthly grain over a week that straddles a month end, and a cohort-within-
/// cohort request (which needs each day's membership) are refused rather than answered from part of the data.
/// The spans are read from <c>session_total_spans</c>, a row per school and week, once per published snapshot.
/// </summary>
public static class SessionTotalsCoverage
{
    /// <summary>Why figures over part of the period have no register detail (late sessions, counts by code); null when none.</summary>
    public const string RegisterDetailReason =
        "some of these sessions were loaded as weekly totals (DfE pupil-level file), which have no register codes: " +
        "late sessions and counts by code are not known for them";

    /// <summary>
    /// Throws <see cref="SessionTotalsPeriodException"/> when <paramref name="r"/> would cut through a week known only as
    /// totals; otherwise says whether any of the period, in the request's schools, is answered from totals.
    /// </summary>
    public static bool EnsureAnswerable(DuckDBConnection connection, MeasureRequest r)
    {
        var (from, to) = (r.Period.Start, r.Period.End);
        DateOnly? cutStart = null, cutEnd = null;
        bool straddles = false, overlaps = false;
        foreach (var span in InScope(Spans(connection), r))
        {
            if (span.Start < from && span.End >= from || span.Start <= to && span.End > to)
            {
                cutStart = cutStart is { } c && c < span.Start ? c : span.Start;
                cutEnd = cutEnd is { } d && d < span.End ? d : span.End;
            }
            straddles |= span.Start >= from && span.End <= to && span.Start.Month != span.End.Month;
            overlaps |= span.Start <= to && span.End >= from;
        }
        if (cutStart is { } s && cutEnd is { } e)
            throw SessionTotalsPeriodException.CutsWeek(r.Period.Label, s, e);
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
        var spans = InScope(Spans(connection), r).Where(s => s.Start <= r.Period.End && s.End >= r.Period.Start).ToList();
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
    /// The spans at the request's schools (a phase or a list, and the LA's or other LAs' by its population); every span
    /// otherwise. Weeks of DfE's resident-pupil download at other LAs' schools never touch the LA's own figures.
    /// </summary>
    /// <summary>Whether school <paramref name="urn"/> has a week known only as totals overlapping [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static bool AnyAtSchool(DuckDBConnection connection, int urn, DateOnly from, DateOnly to) =>
        Spans(connection).Any(s => s.Urn == urn && s.Start <= to && s.End >= from);

    private static IEnumerable<TotalsSpan> InScope(IReadOnlyList<TotalsSpan> spans, MeasureRequest r)
    {
        // A population that reaches other LAs' schools is checked against every school's spans, whatever its phase or
        // schools: narrowed, the refusal itself told a protected role whether a resident educated elsewhere in that
        // phase was known only as totals that week (a cold attack), which its published figures may not say.
        if (ReachesOtherLas(r.LaPopulation)) return spans;
        var laSchoolsOnly = r.LaPopulation is LaPopulation.LaSchools or LaPopulation.NonResidents;
        var urns = r.Urns?.ToHashSet();
        return spans.Where(s => (!laSchoolsOnly || s.AtLaSchool) && (r.Phase is null || s.Phase == r.Phase) && (urns is null || urns.Contains(s.Urn)));
    }

    /// <summary>A school-week answered from totals, with what a request's scope asks of its school.</summary>
    private sealed record TotalsSpan(int Urn, string? Phase, bool AtLaSchool, DateOnly Start, DateOnly End);

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

    /// <summary>
    /// The school-weeks answered from totals (none in a warehouse of registers only, or one built before totals). Each measure
    /// checks its period against them before its own query; as a query, with the request's school list as parameters, the
    /// check cost about as much as a rollup read (on the 38M-mark LA a 406-school list for one week spent 11 ms CPU in it
    /// against 15 ms in its measure; one school's cohorts for the year, 2.1 ms against 2.1 ms in a probe, quiet machine).
    /// A row per school and week (the LA's schools', and other LAs' where the residents' download puts its pupils): some
    /// thousands a year where every school sends DfE files, scanned per request in microseconds. Read once per published
    /// file (<see cref="PublishedSnapshotFacts"/>).
    /// </summary>
    private static IReadOnlyList<TotalsSpan> Spans(DuckDBConnection connection) =>
        PublishedSnapshotFacts.Remember<IReadOnlyList<TotalsSpan>>(connection, "session total spans", () => !SpansTableExists(connection) ? [] : connection.Rows($"""
            SELECT t.urn, s.phase, t.urn IN ({ServedLocalAuthority.SchoolsSql}), t.span_start, t.span_end
            FROM session_total_spans t LEFT JOIN schools s USING (urn)
            """).Select(x => new TotalsSpan(x.GetInt32(0), x.IsDBNull(1) ? null : x.GetString(1), x.GetBoolean(2),
                x.GetFieldValue<DateOnly>(3), x.GetFieldValue<DateOnly>(4))).ToList());
}

/// <summary>A period the weekly session totals cannot answer exactly; the message says why and what to ask instead.</summary>
public sealed class SessionTotalsPeriodException(string message) : InvalidOperationException(message)
{
    /// <summary>The refusal of a period (<paramref name="period"/>, as the caller will recognise it) that cuts through a week of totals.</summary>
    public static SessionTotalsPeriodException CutsWeek(string period, DateOnly weekStart, DateOnly weekEnd) => new(
        $"the period {period} cuts through the week {weekStart:yyyy-MM-dd} to {weekEnd:yyyy-MM-dd}, " +
        "which was loaded as weekly session totals (DfE pupil-level file) and cannot be split by day: " +
        "ask for a period that starts on a Monday and ends on a Friday or Sunday of weeks loaded as totals");
}

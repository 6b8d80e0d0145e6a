using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using DuckDB.NET.Data;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// Reads every pupil in a <see cref="PupilScope"/> that the <see cref="PupilViewer"/> may see in the period with a few
/// parameterised queries whatever the number of pupils (a school's pupils, pupils with enrolments, ordered marks, school open days
/// (<see cref="SchoolOpenDays"/>), cohort memberships, visible windows), each over the viewer's visible views, and computes each pupil's
/// <see cref="PupilPatterns"/> in memory. A school is a few hundred pupils and a year of marks, so this is small.
/// </summary>
public static class PupilAttendanceQuery
{
    public static IReadOnlyList<PupilAttendanceRow> Run(DuckDBConnection c, PupilScope scope, PupilPatternOptions o, PupilViewer viewer) =>
        Read(c, scope, o, viewer).Rows(o, _ => true);

    /// <summary>
    /// A school's pupils over <paramref name="o"/>, and from the same reading, as they were over <paramref name="earlier"/>
    /// (the same start, an earlier end) for the pupils <paramref name="alsoEarlier"/> picks from the first list: equal to
    /// running each on its own (a school's pupils in a period are those with a visible mark there in it, which the reading
    /// holds), at the cost of one. The needs-attention list compares the year to date now with the year to date as of the
    /// previous load for the pupils persistently absent now; read twice, that was two of its page's three pupil readings.
    /// </summary>
    public static (IReadOnlyList<PupilAttendanceRow> Rows, IReadOnlyDictionary<int, PupilAttendanceRow> Earlier) RunWithEarlier(
        DuckDBConnection c, PupilScope.School scope, PupilPatternOptions o, PupilPatternOptions earlier, PupilViewer viewer,
        Func<PupilAttendanceRow, bool> alsoEarlier)
    {
        // The same start and lookback: a week's marks before a later lookback would still count in its penalty-notice week.
        if (earlier.Period.Start != o.Period.Start || earlier.LookbackStart != o.LookbackStart || earlier.End > o.End || DaysTo(earlier) > DaysTo(o))
            throw new ArgumentException($"the earlier reading ({earlier.Period.Start:yyyy-MM-dd} to {earlier.End:yyyy-MM-dd}, marks from " +
                $"{earlier.LookbackStart:yyyy-MM-dd}) must start where the later one does and end no later ({o.Period.Start:yyyy-MM-dd} to " +
                $"{o.End:yyyy-MM-dd}, from {o.LookbackStart:yyyy-MM-dd})", nameof(earlier));
        var reading = Read(c, scope, o, viewer);
        var rows = reading.Rows(o, _ => true);
        var wanted = rows.Where(alsoEarlier).Select(r => r.PupilId).ToHashSet();
        var earlierRows = reading.Rows(earlier, id => wanted.Contains(id) && reading.HasMarkBetween(id, earlier.Period.Start, earlier.End));
        return (rows, earlierRows.ToDictionary(r => r.PupilId));
    }

    private static PupilReading Read(DuckDBConnection c, PupilScope scope, PupilPatternOptions o, PupilViewer viewer)
    {
        var scopeParams = scope.Parameters(o.Period.Start, o.End).Concat(viewer.Parameters).ToList();
        (string, object?)[] With(params (string, object?)[] extra) => scopeParams.Concat(extra).ToArray();
        // In scope, and with a window touching the period: a pupil seen only before or after the period is not listed.
        var ids = $"""
            SELECT pupil_id FROM ({scope.PupilIdsSql(CohortIntervals.In(c))}) scoped
            WHERE pupil_id IN (SELECT pupil_id FROM viewer_windows WHERE window_from <= $scope_to AND window_to >= $scope_from)
            """;

        // Patterns (spells, weekdays, the penalty-notice window, overdue N codes, reasons) are read from the marks: a
        // pupil whose weeks were loaded as DfE session totals would look fully present or absent from nothing.
        // A school's pupils are those with marks there, so its weeks of totals are checked directly. A virtual school's
        // pupils are listed all the same (a looked-after child at another LA's school is often known only from DfE's
        // resident-pupil download): their weeks of totals count in their measures, flagged as without register detail.
        if (scope is PupilScope.School school && SessionTotalsCoverage.AnyAtSchool(c, school.Urn, o.LookbackStart, o.End))
            throw new Measures.SessionTotalsPeriodException(
                $"pupil-level patterns (absence spells, weekday profile, the penalty-notice window, overdue N codes, reasons by code) " +
                $"need registers, and some of these pupils' weeks from {o.LookbackStart:yyyy-MM-dd} to {o.End:yyyy-MM-dd} were loaded " +
                "as weekly session totals (DfE pupil-level file): use the aggregate measures for them");

        // A school's pupils, read once: each query below reads only theirs, as a list, rather than repeating the scope's
        // sub-query (a scan of the period's marks at the school, 10–15 ms at 38 M marks) in each of them. A cohort's
        // sub-query reads the cohort intervals, which DuckDB joins better as a sub-query than as a list (the looked-after
        // children's latest day took 290–293 ms with the list against 210–212 ms without, the rest of the code the same).
        var scoped = scope is PupilScope.School ? c.Rows(viewer.Sql(ids), With()).Select(r => r.GetInt32(0)).ToArray() : [];
        var inScope = scope is PupilScope.School ? "SELECT unnest($scoped_ids)" : ids;
        (string, object?)[] Scoped(params (string, object?)[] extra) => With([("scoped_ids", scoped), .. extra]);

        var (totals, unpatterned) = scope is PupilScope.Cohort && SessionTotalsCoverage.SpansTableExists(c)
            ? TotalsByPupil(c, scope, viewer, inScope, o, Scoped(("look_from", o.LookbackStart), ("look_to", o.End)))
            : ([], []);

        var pupils = new Dictionary<int, (string Upn, List<PupilEnrolment> Enrolments)>();
        foreach (var r in c.Rows(viewer.Sql($"""
            SELECT p.pupil_id, p.upn, e.urn, e.entry_date, e.leaving_date, e.nc_year
            FROM pupils p LEFT JOIN visible_enrolments e ON e.pupil_id = p.pupil_id
            WHERE p.pupil_id IN ({inScope})
            ORDER BY p.pupil_id, e.entry_date
            """), Scoped()))
        {
            var id = r.GetInt32(0);
            if (!pupils.TryGetValue(id, out var p)) pupils[id] = p = (r.GetString(1), []);
            if (!r.IsDBNull(2))
                p.Enrolments.Add(new PupilEnrolment(r.GetInt32(2), r.GetFieldValue<DateOnly>(3),
                    r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetString(5)));
        }

        var marks = new Dictionary<int, List<PupilMark>>();
        var catalogue = CodeCatalogue.Instance;
        foreach (var r in c.Rows(viewer.Sql($"""
            SELECT m.pupil_id, m.urn, m.date, m.session, m.code_id FROM visible_marks m
            WHERE m.pupil_id IN ({inScope}) AND m.date BETWEEN $look_from AND $look_to{scope.MarkFilterSql}
            ORDER BY m.pupil_id, m.date, m.session
            """), Scoped(("look_from", o.LookbackStart), ("look_to", o.End))))
        {
            var id = r.GetInt32(0);
            if (!marks.TryGetValue(id, out var list)) marks[id] = list = [];
            list.Add(new PupilMark(id, r.GetInt32(1), r.GetFieldValue<DateOnly>(2), r.GetByte(3), catalogue.ById(r.GetByte(4))));
        }

        // The open days of every school these pupils have visible marks at, up to the as-of date (for N-code ageing).
        // Open days are the school's, not the pupil's, so they are read from every school's (a few hundred rows a
        // school-year) and kept for the pupils' schools.
        var urns = marks.Values.SelectMany(list => list.Select(m => m.Urn)).ToHashSet();
        var days = c.Rows($"SELECT urn, date FROM {SchoolOpenDays.In(c)} WHERE date BETWEEN $look_from AND $days_to",
                [("look_from", o.LookbackStart), ("days_to", DaysTo(o))])
            .Select(r => (r.GetInt32(0), r.GetFieldValue<DateOnly>(1))).Where(d => urns.Contains(d.Item1)).ToList();

        var memberships = new Dictionary<int, List<PupilCohortMembership>>();
        foreach (var r in c.Rows(viewer.Sql($"""
            SELECT pupil_id, cohort, start_date, end_date FROM visible_memberships
            WHERE pupil_id IN ({inScope})
            ORDER BY pupil_id, start_date, cohort
            """), Scoped()))
        {
            var id = r.GetInt32(0);
            if (!memberships.TryGetValue(id, out var list)) memberships[id] = list = [];
            list.Add(new PupilCohortMembership(r.GetString(1), r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
        }

        var windows = PupilWindowsQuery.Of(c, viewer, inScope, [.. scope.Parameters(o.Period.Start, o.End), ("scoped_ids", scoped)]);
        var urn = scope is PupilScope.School s ? s.Urn : (int?)null;
        return new PupilReading(pupils, marks, days, new SchoolDays(days), memberships, windows, totals, unpatterned, urn, DaysTo(o));
    }

    /// <summary>The open days a reading needs go to the as-of date (N codes age up to it), or the period end when later.</summary>
    private static DateOnly DaysTo(PupilPatternOptions o) => o.AsOf > o.End ? o.AsOf : o.End;

    /// <summary>What one reading holds: the pupils in scope, their marks, their schools' open days (to <paramref name="DaysUpTo"/>), and the rest their patterns need.</summary>
    private sealed class PupilReading(
        Dictionary<int, (string Upn, List<PupilEnrolment> Enrolments)> Pupils,
        Dictionary<int, List<PupilMark>> Marks,
        List<(int Urn, DateOnly Date)> OpenDays,
        SchoolDays Days,
        Dictionary<int, List<PupilCohortMembership>> Memberships,
        IReadOnlyDictionary<int, IReadOnlyList<DateWindow>> Windows,
        Dictionary<int, MeasureValues> Totals,
        HashSet<int> Unpatterned,
        int? Urn,
        DateOnly DaysUpTo)
    {
        public bool HasMarkBetween(int pupilId, DateOnly from, DateOnly to) =>
            Marks.GetValueOrDefault(pupilId)?.Any(m => m.Date >= from && m.Date <= to) == true;

        /// <summary>
        /// The rows of the pupils <paramref name="include"/> picks, over <paramref name="o"/>. Their patterns count only
        /// marks up to o's end (<see cref="PupilPatterns.Compute"/> filters by date), but a school's open days past o's end
        /// would change how it ages N codes near it (days after the last open day known are counted from the calendar),
        /// so a reading that ends sooner sees only the open days a reading of its own would.
        /// </summary>
        public List<PupilAttendanceRow> Rows(PupilPatternOptions o, Func<int, bool> include)
        {
            var days = DaysTo(o) < DaysUpTo ? new SchoolDays(OpenDays.Where(d => d.Date <= DaysTo(o))) : Days;
            return Pupils.Where(p => include(p.Key)).OrderBy(p => p.Value.Upn, StringComparer.Ordinal)
                .Select(p => new PupilAttendanceRow(p.Key, p.Value.Upn, p.Value.Enrolments, Memberships.GetValueOrDefault(p.Key) ?? [], o.End, Urn,
                    WithTotals(PupilPatterns.Compute(Marks.GetValueOrDefault(p.Key) ?? [], days, o), Totals.GetValueOrDefault(p.Key), Unpatterned.Contains(p.Key)),
                    DateWindow.Clip(Windows.GetValueOrDefault(p.Key) ?? [], o.Period.Start, o.End)))
                .ToList();
        }
    }

    /// <summary>
    /// The pupils' visible weeks known only as totals (registers win, as in the aggregates) from the lookback's start to the
    /// period's end, in one read: each pupil's totals over the weeks wholly inside the period, and the pupils with any such
    /// week, whose patterns (spells, weekdays, the penalty-notice window, overdue N codes, reasons, the comparisons before
    /// the period) would be read from marks that are not there. A period that cuts through one of those weeks is refused, as
    /// the aggregate measures refuse it: the week's sessions cannot be split by day, and leaving them out would answer with
    /// too few.
    /// </summary>
    private static (Dictionary<int, MeasureValues> InPeriod, HashSet<int> Unpatterned) TotalsByPupil(DuckDBConnection c, PupilScope scope,
        PupilViewer viewer, string ids, PupilPatternOptions o, (string, object?)[] parameters)
    {
        var sums = new Dictionary<int, (long Possible, long Attendance, long Authorised, long Unauthorised)>();
        var unpatterned = new HashSet<int>();
        var (from, to) = (o.Period.Start, o.End);
        foreach (var r in c.Rows(viewer.Sql($"""
            SELECT t.pupil_id, t.span_start, t.span_end, t.possible, t.present + t.aea, t.authorised, t.unauthorised
            {viewer.VisibleTotalsSql($"t.pupil_id IN ({ids}) AND t.span_start <= $look_to AND t.span_end >= $look_from{scope.TotalsFilterSql}")}
            ORDER BY t.span_start
            """), parameters))
        {
            var pupilId = r.GetInt32(0);
            DateOnly start = r.GetFieldValue<DateOnly>(1), end = r.GetFieldValue<DateOnly>(2);
            unpatterned.Add(pupilId);
            if (start > to || end < from) continue; // before the period: its patterns' weeks only
            if (start < from || end > to) throw SessionTotalsPeriodException.CutsWeek($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}", start, end);
            var s = sums.GetValueOrDefault(pupilId);
            sums[pupilId] = (s.Possible + r.GetByte(3), s.Attendance + r.GetInt32(4), s.Authorised + r.GetByte(5), s.Unauthorised + r.GetByte(6));
        }
        return (sums.ToDictionary(x => x.Key, x => PupilPatterns.MeasureTotals(x.Value.Possible, x.Value.Attendance, x.Value.Authorised, x.Value.Unauthorised)),
            unpatterned);
    }

    /// <summary>
    /// The pupil's patterns with weeks known only as totals added to the period's measures (and its band from them), and
    /// said to be unknown when such weeks fall where they read (<paramref name="unpatterned"/>): a fall in attendance is then
    /// not known either, so the band is from the period's measures alone.
    /// </summary>
    private static PupilPatterns WithTotals(PupilPatterns patterns, MeasureValues? totals, bool unpatterned)
    {
        if (unpatterned) patterns = patterns with { Unavailable = PupilPatterns.UnavailableReason, Band = PupilPatterns.Classify(patterns.Measures, falling: false) };
        if (totals is null) return patterns;
        var m = patterns.Measures;
        long possible = m.PossibleSessions + totals.PossibleSessions, overall = m.OverallAbsenceSessions + totals.OverallAbsenceSessions;
        var measures = new MeasureValues(possible > 0 ? 1 : 0, possible, m.AttendanceSessions + totals.AttendanceSessions,
            m.AuthorisedAbsenceSessions + totals.AuthorisedAbsenceSessions, m.UnauthorisedAbsenceSessions + totals.UnauthorisedAbsenceSessions, overall,
            m.LateSessions, MeasureDefinitions.PersistentAbsence.IsMet(overall, possible) ? 1 : 0, MeasureDefinitions.SevereAbsence.IsMet(overall, possible) ? 1 : 0,
            m.CodeSessions) { RegisterDetailUnavailable = SessionTotalsCoverage.RegisterDetailReason };
        return patterns with { Measures = measures, Band = PupilPatterns.Classify(measures, patterns.Falling && !unpatterned) };
    }
}

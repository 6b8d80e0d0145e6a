using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>One pupil's attendance and absence patterns over a period (at one school, or across all schools for a virtual school).</summary>
public sealed record PupilPatterns(
    MeasureValues Measures,
    MeasureValues PreviousMeasures,
    double? YearToDateAttendanceRate,
    double? RecentAttendanceRate,
    bool Falling,
    TsmBand Band,
    int AbsenceSpells,
    int LongestAbsenceSpell,
    WeekdayProfile Weekdays,
    PenaltyNoticeCheck PenaltyNotice,
    IReadOnlyList<OverdueUnexplainedAbsence> OverdueUnexplained)
{
    /// <summary>
    /// Null when every week these patterns read had registers. Otherwise why they are not known: some weeks between the
    /// lookback's start and the period's end were loaded as DfE's weekly totals, so the patterns, read from marks, would
    /// count those weeks as if nothing had happened in them.
    /// </summary>
    public string? Unavailable { get; init; }

    public const string UnavailableReason =
        "some of this pupil's weeks in the period or the weeks before it that the patterns compare were loaded as weekly totals " +
        "(DfE pupil-level file), which have no registers: absence spells, the weekday profile, the penalty-notice window, overdue " +
        "N codes, reasons by code and the comparisons with earlier weeks are not known for this pupil";

    public double? AttendanceRateChange =>
        Measures.AttendanceRate is { } now && PreviousMeasures.AttendanceRate is { } before ? Math.Round(now - before, 4) : null;

    /// <summary>The absence codes with most sessions in the period (ties by catalogue order).</summary>
    public IReadOnlyList<(AttendanceCode Code, long Sessions)> TopAbsenceCodes(int count) =>
        CodeCatalogue.Instance.Codes.Where(c => c.IsAbsence && Measures.CodeSessions!.GetValueOrDefault(c.Code) > 0)
            .Select(c => (c, Measures.CodeSessions![c.Code]))
            .OrderByDescending(x => x.Item2).Take(count).ToList();

    /// <summary>
    /// Computes everything from one pupil's marks (any order; any schools) and the schools' open days.
    /// Rules: session counts use <see cref="MeasureDefinitions"/>; a spell is a run of consecutive absence sessions
    /// in register order, so weekends and holidays (no sessions) never break it, a session attended does, and a
    /// session that is not a possible session (X, Y, #, …) neither breaks nor extends it. Penalty-notice windows are
    /// the 10 school weeks ending with each school week that overlaps the period. N codes age in school days.
    /// </summary>
    public static PupilPatterns Compute(IEnumerable<PupilMark> pupilMarks, SchoolDays schoolDays, PupilPatternOptions o)
    {
        var marks = pupilMarks.ToList();
        if (!InRegisterOrder(marks)) marks = marks.OrderBy(m => m.Ordinal).ToList(); // stable: the same order a sort of sorted marks keeps
        var end = o.End;
        var inPeriod = marks.Where(m => m.Date >= o.Period.Start && m.Date <= end).ToList();
        var measures = Measure(inPeriod);
        var previousEnd = o.PreviousPeriod.End < end ? o.PreviousPeriod.End : end;
        var previous = Measure(marks.Where(m => m.Date >= o.PreviousPeriod.Start && m.Date <= previousEnd));

        var urns = new List<int>(1);
        foreach (var m in marks)
            if (!urns.Contains(m.Urn)) urns.Add(m.Urn); // one school, or a few for a virtual school's pupil
        var weeks = schoolDays.WeekStarts(urns, end);
        var yearToDate = Measure(marks.Where(m => m.Date >= o.YearStart && m.Date <= end)).AttendanceRate;
        var recentWeeks = weeks.TakeLast(PupilPatternOptions.RecentSchoolWeeks).ToHashSet();
        var recent = Measure(marks.Where(m => m.Date <= end && recentWeeks.Contains(SchoolCalendar.MondayOf(m.Date)))).AttendanceRate;
        var falling = yearToDate is { } ytd && recent is { } r && ytd - r >= o.FallingMargin - 1e-9;

        var (spells, longest) = Spells(inPeriod);
        var weekdays = WeekdayCounts(inPeriod);
        var penalty = Penalty(marks.Where(m => m.Date <= end), weeks, o.Period.Start);
        var overdue = marks
            .Where(m => m.Code.Code == "N" && m.Date >= o.Period.Start && m.Date <= end)
            .Select(m => new OverdueUnexplainedAbsence(m.Urn, m.Date, m.Session, schoolDays.CountAfter(m.Urn, m.Date, o.AsOf)))
            .Where(x => x.SchoolDaysOpen > PupilPatternOptions.UnexplainedGraceSchoolDays)
            .ToList();

        var band = Classify(measures, falling);
        return new PupilPatterns(measures, previous, yearToDate, recent, falling, band, spells, longest, weekdays, penalty, overdue);
    }

    public static TsmBand Classify(MeasureValues m, bool falling)
    {
        if (m.PossibleSessions == 0) return TsmBand.NotInPack;
        if (m.SevereAbsenceEnrolments > 0) return TsmBand.SevereAbsence;
        if (m.PersistentAbsenceEnrolments > 0) return TsmBand.PersistentAbsence;
        // Not PA means attendance above 90%; at risk below 95%, compared in integers like the thresholds.
        if (m.AttendanceSessions * 100 < m.PossibleSessions * 95 || falling) return TsmBand.AtRisk;
        return TsmBand.NotInPack;
    }

    /// <summary>The DfE measures of one pupil's marks (Enrolments 1 when there is a possible session).</summary>
    /// <remarks>
    /// Marks are counted by code, then each code's count is added to the measures that include it: each pupil is measured
    /// four times (period, previous period, year to date, recent weeks) over a few hundred marks, and asking six measures
    /// of every mark was half of a school's pupil patterns.
    /// </remarks>
    /// <summary>
    /// One enrolment's measures from DfE session totals (one or more weeks of them): by category only, flagged as without
    /// register detail (no late sessions, no codes).
    /// </summary>
    public static MeasureValues MeasureTotals(long possible, long attendance, long authorised, long unauthorised)
    {
        var overall = authorised + unauthorised;
        return new MeasureValues(possible > 0 ? 1 : 0, possible, attendance, authorised, unauthorised, overall, 0,
            MeasureDefinitions.PersistentAbsence.IsMet(overall, possible) ? 1 : 0, MeasureDefinitions.SevereAbsence.IsMet(overall, possible) ? 1 : 0,
            new Dictionary<string, long>()) { RegisterDetailUnavailable = SessionTotalsCoverage.RegisterDetailReason };
    }

    public static MeasureValues Measure(IEnumerable<PupilMark> marks)
    {
        Span<long> byId = stackalloc long[256];
        foreach (var m in marks) byId[m.Code.Id]++;
        long possible = 0, attendance = 0, authorised = 0, unauthorised = 0, overall = 0, late = 0;
        var codes = new Dictionary<string, long>(CodeCatalogue.Instance.Codes.Count, StringComparer.Ordinal);
        foreach (var code in CodeCatalogue.Instance.Codes)
        {
            var n = byId[code.Id];
            codes[code.Code] = n;
            if (n == 0) continue;
            if (MeasureDefinitions.Possible.Includes(code)) possible += n;
            if (MeasureDefinitions.Attendance.Includes(code)) attendance += n;
            if (MeasureDefinitions.Authorised.Includes(code)) authorised += n;
            if (MeasureDefinitions.Unauthorised.Includes(code)) unauthorised += n;
            if (MeasureDefinitions.OverallAbsence.Includes(code)) overall += n;
            if (MeasureDefinitions.Late.Includes(code)) late += n;
        }
        var pa = MeasureDefinitions.PersistentAbsence.IsMet(overall, possible) ? 1 : 0;
        var sa = MeasureDefinitions.SevereAbsence.IsMet(overall, possible) ? 1 : 0;
        return new MeasureValues(possible > 0 ? 1 : 0, possible, attendance, authorised, unauthorised, overall, late, pa, sa, codes);
    }

    private static bool InRegisterOrder(List<PupilMark> marks)
    {
        for (var i = 1; i < marks.Count; i++)
            if (marks[i].Ordinal < marks[i - 1].Ordinal) return false;
        return true;
    }

    public static (int Spells, int Longest) Spells(IEnumerable<PupilMark> ordered)
    {
        int spells = 0, longest = 0, current = 0;
        foreach (var m in ordered)
        {
            if (MeasureDefinitions.OverallAbsence.Includes(m.Code))
            {
                if (current == 0) spells++;
                current++;
                longest = Math.Max(longest, current);
            }
            else if (MeasureDefinitions.Attendance.Includes(m.Code)) current = 0;
        }
        return (spells, longest);
    }

    private static WeekdayProfile WeekdayCounts(IEnumerable<PupilMark> marks)
    {
        var n = new int[7];
        foreach (var m in marks)
            if (MeasureDefinitions.OverallAbsence.Includes(m.Code)) n[(int)m.Date.DayOfWeek]++;
        return new WeekdayProfile(n[1], n[2], n[3], n[4], n[5]);
    }

    private static PenaltyNoticeCheck Penalty(IEnumerable<PupilMark> marks, IReadOnlyList<DateOnly> weeks, DateOnly periodStart)
    {
        var perWeek = marks.Where(m => m.Code.CountsForPenaltyNotice)
            .GroupBy(m => SchoolCalendar.MondayOf(m.Date)).ToDictionary(g => g.Key, g => g.Count());
        int latest = 0, max = 0;
        DateOnly? maxEnd = null, maxStart = null;
        for (var i = 0; i < weeks.Count; i++)
        {
            if (weeks[i].AddDays(6) < periodStart) continue; // the window must end in a week of the period
            var from = Math.Max(0, i - PupilPatternOptions.PenaltyWindowSchoolWeeks + 1);
            var sum = 0;
            for (var j = from; j <= i; j++) sum += perWeek.GetValueOrDefault(weeks[j]);
            latest = sum;
            if (sum > max) { max = sum; maxEnd = weeks[i]; maxStart = weeks[from]; }
        }
        return new PenaltyNoticeCheck(latest, max, maxEnd, maxStart);
    }
}

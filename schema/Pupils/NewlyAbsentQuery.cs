using AttendanceGraph.Schema.Calendar;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>A pupil persistently or severely absent in the year to date now, who was not as of the previous load's day.</summary>
/// <param name="Now">The pupil's year to date up to the latest day.</param>
/// <param name="Before">The year to date up to the previous load's day (null when the pupil had no visible marks by then).</param>
public sealed record NewlyAbsentPupil(PupilAttendanceRow Now, PupilAttendanceRow? Before);

/// <summary>
/// Which of a school's pupils became persistently (≥10%) or severely (≥50%) absent since the previous load: absent so in
/// the academic year to date up to <c>latest</c>, and not in the year to date up to <c>previous</c> (the day the previous
/// batch's registers reached). Both sides are the TSM pack's own reading (<see cref="PupilAttendanceQuery"/>, the
/// enrolment at the school, the viewer's windows) over the registers as they read now: the warehouse keeps current marks
/// only, so a mark amended since is read amended on both sides. A previous day in an earlier academic year had no year to
/// date in this one, so every pupil absent so now is new.
/// </summary>
public static class NewlyAbsentQuery
{
    public static IReadOnlyList<NewlyAbsentPupil> Run(DuckDBConnection c, int urn, DateOnly latest, DateOnly previous, PupilViewer viewer)
    {
        if (previous >= latest) return [];
        var scope = new PupilScope.School(urn);
        IReadOnlyList<PupilAttendanceRow> now;
        IReadOnlyDictionary<int, PupilAttendanceRow> before;
        if (AcademicYear.Containing(previous) == AcademicYear.Containing(latest))
            // One reading of the year to date, the earlier day's only for the pupils it can change the answer for.
            (now, before) = PupilAttendanceQuery.RunWithEarlier(c, scope, PupilPatternOptions.YearToDate(latest), PupilPatternOptions.YearToDate(previous), viewer, IsPersistentlyAbsent);
        else
            (now, before) = (PupilAttendanceQuery.Run(c, scope, PupilPatternOptions.YearToDate(latest), viewer), new Dictionary<int, PupilAttendanceRow>());
        return now
            .Where(r => IsPersistentlyAbsent(r) && !(before.GetValueOrDefault(r.PupilId) is { } b && IsPersistentlyAbsent(b)))
            .Select(r => new NewlyAbsentPupil(r, before.GetValueOrDefault(r.PupilId)))
            .OrderBy(p => p.Now.Patterns.Band)
            .ThenBy(p => p.Now.Patterns.Measures.AttendanceRate ?? 0)
            .ThenBy(p => p.Now.Upn, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Severe absence is persistent absence too (50% is over 10%).</summary>
    private static bool IsPersistentlyAbsent(PupilAttendanceRow r) => r.Patterns.Band is TsmBand.SevereAbsence or TsmBand.PersistentAbsence;

}

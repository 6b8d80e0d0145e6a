using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Counts one enrolment slot's register into aggregate fragments (a week, split where a month ends: the grain
/// of the aggregate tables, see WarehouseSchema), in date order, optionally only on days inside some intervals
/// (a pupil's merged membership of a cohort). The counts are cleared before each fragment; only fragments with
/// at least one counted session are reported, as grouping the marks would.
/// </summary>
internal static class RegisterFragments
{
    /// <param name="within">Sorted, non-overlapping inclusive day-number intervals, or null for every day.</param>
    /// <param name="fragment">Called with (week start, month start) day numbers once the fragment's counts are complete.</param>
    public static void Count(EnrolmentSlot slot, IReadOnlyList<(int Start, int End)>? within, FragmentCounts counts,
        Action<int, int> fragment)
    {
        int week = int.MinValue, month = int.MinValue;
        var fragmentEnd = int.MinValue; // first day after the current fragment
        var any = false;
        var interval = 0;
        for (var b = 0; b < slot.BlockCount; b++)
        {
            var block = slot.Block(b);
            if (block.IsEmpty) continue;
            var firstDay = slot.BaseDay + b * EnrolmentSlot.BlockDays;
            for (var k = 0; k < EnrolmentSlot.BlockDays; k++)
            {
                var am = block[2 * k];
                var pm = block[2 * k + 1];
                if ((am | pm) == 0) continue;
                var day = firstDay + k;
                if (within is not null)
                {
                    while (interval < within.Count && within[interval].End < day) interval++;
                    if (interval == within.Count) break; // no later day of this block (or any later one) counts
                    if (within[interval].Start > day) continue;
                }
                // Days come in order, so a day past the fragment's end starts the next one; the calendar is
                // worked out once per fragment rather than once per day.
                if (day >= fragmentEnd)
                {
                    if (any) fragment(week, month);
                    counts.Clear();
                    any = false;
                    var date = DateOnly.FromDayNumber(day);
                    week = SchoolCalendar.MondayOf(date).DayNumber;
                    month = day - (date.Day - 1);
                    fragmentEnd = Math.Min(week + 7, month + DateTime.DaysInMonth(date.Year, date.Month));
                }
                if (am != 0) counts.Add(am);
                if (pm != 0) counts.Add(pm);
                any = true;
            }
        }
        if (any) fragment(week, month);
    }
}

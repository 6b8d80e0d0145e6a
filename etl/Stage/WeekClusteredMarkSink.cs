using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Sends each mark to an appender of its own school week, so every row group the parser thread commits holds one
/// week's marks. Files arrive in school (or pupil) order, and a row group in that order holds every date of the
/// year: a query for a few days anywhere in the LA (the edge days of a day range, a daily load's dirty week) then
/// read every mark, where DuckDB's per-row-group date ranges now skip all but that week's (EXPLAIN ANALYZE at 38 M
/// marks: the edge days' scan was 2.1 s of a 4.2 s LA-wide day range). Within a week the file's order is kept,
/// so one school's marks still share few row groups. Each week's appender has its own connection (a connection's
/// appends share one set of local row groups); not thread-safe, like the sinks it holds.
/// </summary>
public sealed class WeekClusteredMarkSink(Func<MarkAppenderSink> openWeek) : IMarkSink, IDisposable
{
    private readonly Dictionary<int, MarkAppenderSink> weeks = [];
    private int lastWeek = int.MinValue;
    private MarkAppenderSink? last;

    public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId)
    {
        // Day 0 of DateOnly (1 January 0001) was a Monday, so whole weeks from it start on Mondays.
        var week = date.DayNumber / 7;
        if (week != lastWeek)
        {
            if (!weeks.TryGetValue(week, out last)) weeks[week] = last = openWeek();
            lastWeek = week;
        }
        last!.Add(urn, pupilId, date, session, codeId);
    }

    public long Count => weeks.Values.Sum(w => w.Count);

    /// <summary>
    /// Appends the marks every week still buffers, of all the parser threads' sinks, a week at a time in date order;
    /// call once the stream has succeeded. Only whole row groups were committed while streaming; what is left of each
    /// week is less than one, and DuckDB tops up the table's last row group with each commit, so committed in date
    /// order the remainders share row groups only with the weeks either side.
    /// </summary>
    public static void CloseInWeekOrder(IEnumerable<WeekClusteredMarkSink> sinks)
    {
        foreach (var (_, week) in sinks.SelectMany(s => s.weeks).OrderBy(w => w.Key).Select(w => (w.Key, w.Value))) week.Close();
    }

    public void Dispose()
    {
        foreach (var w in weeks.Values) w.Dispose();
    }
}

using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Holds each school week's marks apart and hands the parser thread's appender one whole row group of a single week at a
/// time, so every row group committed while streaming holds one week's marks. Files arrive in school (or pupil) order,
/// and a row group in that order holds every date of the year: a query for a few days anywhere in the LA (the edge days
/// of a day range, a daily load's dirty week) then read every mark, where DuckDB's per-row-group date ranges now skip
/// all but that week's (EXPLAIN ANALYZE at 38 M marks: the edge days' scan was 2.1 s of a 4.2 s LA-wide day range).
/// Within a week the file's order is kept, so one school's marks still share few row groups. What is left of each week
/// at the end (under a row group), of every thread's sink, is appended in date order, cut into one run per appender
/// (<see cref="CloseAll"/>), so those row groups hold runs of consecutive weeks.
/// The weeks are buffered here rather than each given its own appender, which would be a DuckDB connection per week
/// and thread. A week's buffer keeps its arrays once grown (up to a row group, 1.7 MB: about 150 MB for a year's weeks
/// on 2 threads): releasing them after each row group and growing them again measured worse (large-object churn; peak
/// 1.85 against 1.60 GiB, single runs at 38 M marks). Peak before clustering: 1.44 GiB. Not thread-safe.
/// </summary>
public sealed class WeekClusteredMarkSink(MarkAppenderSink appender) : IMarkSink, IDisposable
{
    private readonly MarkAppenderSink sink = appender;
    private readonly Dictionary<int, WeekBuffer> weeks = [];
    private int lastWeek = int.MinValue;
    private WeekBuffer? last;

    public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId)
    {
        // Day 0 of DateOnly (1 January 0001) was a Monday, so whole weeks from it start on Mondays.
        var week = date.DayNumber / 7;
        if (week != lastWeek)
        {
            if (!weeks.TryGetValue(week, out last)) weeks[week] = last = new WeekBuffer();
            lastWeek = week;
        }
        if (last!.Add(urn, pupilId, date.DayNumber, session, codeId) == ColumnarAppender.RowGroupSize) last.MoveTo(sink);
    }

    /// <summary>
    /// Appends what every week of every sink still holds, in date order, then closes them all; call once the stream has
    /// succeeded. The rows are cut into one run per sink, each through that sink's appender beside the others (each
    /// appender has committed whole row groups only, so each starts a fresh one): one appender alone left the other
    /// parser threads' cores idle at the end of the stream (0.2–0.3 s of a 38 M-mark load, ~4.6 million marks under a row
    /// group a week). Every run but the last is whole row groups, cut inside a week where it must: DuckDB adds a commit
    /// of whole row groups as row groups of its own, but appends a commit of under a row group to the table's last row
    /// group, so two runs each ending in part of one would share a row group across both runs' weeks. The first failure
    /// stops the other runs at their next week and is the one thrown.
    /// </summary>
    public static void CloseAll(IReadOnlyList<WeekClusteredMarkSink> sinks)
    {
        if (sinks.Count == 0) return;
        var weeks = sinks.SelectMany(s => s.weeks).OrderBy(w => w.Key).Select(w => w.Value).ToList();
        var cuts = Cuts(weeks.Sum(w => (long)w.Count), sinks.Count);
        var failed = 0;
        try
        {
            Parallel.For(0, sinks.Count, Run);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        foreach (var s in sinks) s.weeks.Clear();

        void Run(int i)
        {
            try
            {
                long at = 0;
                foreach (var week in weeks)
                {
                    if (Volatile.Read(ref failed) != 0) return;
                    var (from, to) = (Math.Max(cuts[i], at), Math.Min(cuts[i + 1], at + week.Count));
                    if (from < to) week.Append(sinks[i].sink, (int)(from - at), (int)(to - from));
                    at += week.Count;
                }
                sinks[i].sink.Close();
            }
            catch
            {
                Interlocked.Exchange(ref failed, 1);
                throw;
            }
        }
    }

    /// <summary>Where each of <paramref name="parts"/> runs of <paramref name="rows"/> rows starts (and the last ends): whole row groups but the last.</summary>
    internal static long[] Cuts(long rows, int parts)
    {
        var cuts = new long[parts + 1];
        for (var i = 1; i < parts; i++) cuts[i] = Math.Max(cuts[i - 1], rows * i / parts / ColumnarAppender.RowGroupSize * ColumnarAppender.RowGroupSize);
        cuts[parts] = rows;
        return cuts;
    }

    public void Dispose() => sink.Dispose();

    /// <summary>One week's marks, column by column, grown as they come (a daily load's week stays small).</summary>
    private sealed class WeekBuffer
    {
        private int[] urns = new int[1024], pupils = new int[1024], days = new int[1024];
        private byte[] sessions = new byte[1024], codes = new byte[1024];

        public int Count { get; private set; }

        public int Add(int urn, int pupilId, int day, byte session, byte codeId)
        {
            if (Count == urns.Length) Grow();
            urns[Count] = urn;
            pupils[Count] = pupilId;
            days[Count] = day;
            sessions[Count] = session;
            codes[Count] = codeId;
            return ++Count;
        }

        public void MoveTo(MarkAppenderSink appender)
        {
            Append(appender, 0, Count);
            Count = 0;
        }

        /// <summary>Rows [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) to the appender; the buffer is left as it is.</summary>
        public void Append(MarkAppenderSink appender, int from, int count)
        {
            for (var i = from; i < from + count; i++) appender.Add(urns[i], pupils[i], days[i], sessions[i], codes[i]);
        }

        private void Grow()
        {
            var size = Math.Min(urns.Length * 2, ColumnarAppender.RowGroupSize);
            Array.Resize(ref urns, size);
            Array.Resize(ref pupils, size);
            Array.Resize(ref days, size);
            Array.Resize(ref sessions, size);
            Array.Resize(ref codes, size);
        }
    }
}

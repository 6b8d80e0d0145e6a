namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// A run of days, both ends inclusive. <see cref="OpenStart"/> and <see cref="OpenEnd"/> stand for "no bound" (an
/// enrolment still open, the la-lead's unbounded view); they are the same sentinels the SQL uses, so windows read back
/// from the warehouse compare equal to them.
/// </summary>
public readonly record struct DateWindow(DateOnly From, DateOnly To)
{
    public static readonly DateOnly OpenStart = new(1, 1, 1), OpenEnd = new(9999, 12, 31);

    public const string OpenStartSql = "DATE '0001-01-01'", OpenEndSql = "DATE '9999-12-31'";

    public DateOnly? BoundedFrom => From == OpenStart ? null : From;

    public DateOnly? BoundedTo => To == OpenEnd ? null : To;

    /// <summary>The parts of <paramref name="from"/>–<paramref name="to"/> inside <paramref name="windows"/>, in order.</summary>
    public static IReadOnlyList<DateWindow> Clip(IEnumerable<DateWindow> windows, DateOnly from, DateOnly to) =>
        windows.Select(w => new DateWindow(w.From > from ? w.From : from, w.To < to ? w.To : to))
            .Where(w => w.From <= w.To).OrderBy(w => w.From).ToList();
}

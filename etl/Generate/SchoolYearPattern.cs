using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// The within-year shape of absence for one academic year, shared by every school: day factors per
/// <see cref="FactorKind"/> (each averaging 1 over the year, so they move absence around without changing
/// its total), school days left before each break (episodes stop at the holiday), festival days, and the
/// pre-formatted date bytes the mark writer copies.
/// </summary>
public sealed class SchoolYearPattern
{
    private readonly double[][] factors;
    private readonly Dictionary<(AbsenceReason, bool), double> effectiveLength = new();

    public SchoolYearPattern(AcademicYear year, int seed)
    {
        Year = year;
        var calendar = SchoolCalendar.For(year);
        Days = calendar.SchoolDays.ToArray();
        var n = Days.Length;
        DateText = Days.Select(d => System.Text.Encoding.ASCII.GetBytes(CsvField.IsoDate(d) + ",")).ToArray();
        DaysToBreak = new int[n];
        var endOfTerm = new bool[n];
        var beforeHalfTerm = new bool[n];
        var afterBreak = new bool[n];
        foreach (var half in calendar.HalfTerms)
        {
            var idx = Enumerable.Range(0, n).Where(i => Days[i] >= half.FirstSchoolDay && Days[i] <= half.LastSchoolDay).ToArray();
            for (var k = 0; k < idx.Length; k++)
            {
                var left = idx.Length - k;
                DaysToBreak[idx[k]] = left;
                if (half.Half == 2 && left <= 5) endOfTerm[idx[k]] = true;
                if (half.Half == 1 && left <= 3) beforeHalfTerm[idx[k]] = true;
                if (k < 3) afterBreak[idx[k]] = true;
            }
        }

        var illness = new double[n];
        var disengagement = new double[n];
        var holiday = new double[n];
        for (var i = 0; i < n; i++)
        {
            var d = Days[i];
            var dow = d.DayOfWeek;
            // Seasonal illness: a cosine peaking in mid-December (flu and norovirus season), lowest in June.
            var sinceDecPeak = d.DayNumber - new DateOnly(year.StartYear, 12, 12).DayNumber;
            var seasonal = 1 + 0.45 * Math.Cos(2 * Math.PI * sinceDecPeak / 365.0);
            illness[i] = seasonal * (dow == DayOfWeek.Monday ? 1.12 : dow == DayOfWeek.Friday ? 1.02 : 0.96) * (endOfTerm[i] ? 1.15 : 1);
            disengagement[i] = (dow switch { DayOfWeek.Monday => 1.15, DayOfWeek.Friday => 1.22, _ => 0.91 })
                * (beforeHalfTerm[i] ? 1.35 : 1) * (endOfTerm[i] ? 1.5 : 1);
            holiday[i] = (DaysToBreak[i] <= 5 ? 4.0 : 1) * (afterBreak[i] ? 2.2 : 1)
                * (dow switch { DayOfWeek.Friday => 1.5, DayOfWeek.Monday => 1.3, _ => 1 }) * (endOfTerm[i] ? 1.4 : 1);
        }
        factors = [Enumerable.Repeat(1.0, n).ToArray(), Normalise(illness), Normalise(disengagement), Normalise(holiday)];

        // Term-time religious festivals move through the calendar each year; three stand-in days per year.
        Festival = new bool[n];
        var rng = new DemoRandom(DemoRandom.Derive(seed, year.StartYear, 0xFE57));
        for (var k = 0; k < 3; k++) Festival[rng.Next(n)] = true;
    }

    public AcademicYear Year { get; }
    public DateOnly[] Days { get; }
    public byte[][] DateText { get; }
    public int[] DaysToBreak { get; }
    public bool[] Festival { get; }

    public double[] Factor(FactorKind kind) => factors[(int)kind];

    public int IndexOfFirstOnOrAfter(DateOnly d)
    {
        var i = Array.BinarySearch(Days, d);
        return i >= 0 ? i : ~i;
    }

    public int IndexOfLastOnOrBefore(DateOnly d)
    {
        var i = Array.BinarySearch(Days, d);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>
    /// Mean sessions an episode of this reason really covers once cut short at the next break, weighted by when
    /// episodes start. Hazards divide by it, so holidays squeezed before half term still add up to their share.
    /// </summary>
    public double EffectiveLength(AbsenceReason reason, bool morning)
    {
        lock (effectiveLength)
        {
            if (effectiveLength.TryGetValue((reason, morning), out var cached)) return cached;
            var f = Factor(reason.Kind);
            double weighted = 0, weights = 0;
            for (var i = 0; i < Days.Length; i++)
            {
                var room = reason.AfternoonsOnly ? DaysToBreak[i] : 2 * DaysToBreak[i] - (morning ? 0 : 1);
                var expected = 0.0;
                for (var k = 0; k < reason.DayLengths.Length; k++)
                    expected += reason.DayWeights[k] * Math.Min(reason.Sessions(reason.DayLengths[k], morning), room);
                weighted += f[i] * expected;
                weights += f[i];
            }
            return effectiveLength[(reason, morning)] = weighted / weights;
        }
    }

    private static double[] Normalise(double[] values)
    {
        var mean = values.Average();
        return values.Select(v => v / mean).ToArray();
    }
}

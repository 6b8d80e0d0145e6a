namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// What happens to a whole school or year group on a day: planned closures (#), an unexpected closure (Y4, e.g.
/// snow or a boiler failure), travel disruption (Y2 for some pupils), educational visits (V) per year group,
/// a work-experience week (W), and Reception's staggered start (X afternoons for the first week).
/// </summary>
public sealed class SchoolYearEvents
{
    public const byte Normal = 0, PlannedClosure = 1, UnexpectedClosure = 2, TravelDisruption = 3;

    public SchoolYearEvents(DemoSchool school, SchoolYearPattern pattern, int seed)
    {
        var n = pattern.Days.Length;
        var rng = new DemoRandom(DemoRandom.Derive(seed, school.Urn, pattern.Year.StartYear, 0xE7E7));
        DayKind = new byte[n];
        if (rng.Chance(0.35)) DayKind[rng.Next(10, n - 10)] = PlannedClosure;
        if (rng.Chance(0.06))
        {
            // Snow closes schools in winter: find a day in December–February.
            var winter = Enumerable.Range(0, n).Where(i => pattern.Days[i].Month is 12 or 1 or 2).ToArray();
            DayKind[winter[rng.Next(winter.Length)]] = UnexpectedClosure;
        }
        if (rng.Chance(0.15)) DayKind[rng.Next(n)] = TravelDisruption;

        Trips = new bool[14][];
        for (var g = 0; g < 14; g++)
        {
            Trips[g] = new bool[n];
            var trips = rng.Chance(0.6) ? 2 : 1;
            for (var t = 0; t < trips; t++) Trips[g][rng.Next(5, n - 5)] = true;
        }

        WorkExperience = new bool[n];
        if (school.Phase == SchoolPhase.Secondary && rng.Chance(0.4))
        {
            // A week in late June or July, after exams.
            var summer = Enumerable.Range(0, n).Where(i => pattern.Days[i].Month is 6 or 7 && pattern.Days[i].DayOfWeek == DayOfWeek.Monday).ToArray();
            if (summer.Length > 0)
            {
                var start = summer[rng.Next(summer.Length)];
                for (var i = start; i < Math.Min(n, start + 5); i++) WorkExperience[i] = true;
            }
        }
        StaggeredStart = school.Phase == SchoolPhase.Primary && rng.Chance(0.5);
    }

    public byte[] DayKind { get; }
    public bool[][] Trips { get; }

    /// <summary>Year 10 (and Year 12) work experience days.</summary>
    public bool[] WorkExperience { get; }

    public bool StaggeredStart { get; }
}

using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Simulates who is on roll where across the academic years: a starting population in every year group, pupils
/// who move school mid-year (one enrolment ends, another starts days later), joiners from and leavers to other
/// LAs, and each summer the real transitions (Reception intake, Year 6 to secondary, Year 11 to sixth form or
/// away). Sequential on one random stream: it is cheap next to the marks and keeps identities deterministic.
/// </summary>
public sealed class PopulationSimulator
{
    private const double MoversPerYear = 0.035, LeaversPerYear = 0.015, JoinersPerYear = 0.015;
    // Pupils joining from elsewhere carry UPNs issued in their first LA: mostly Sutton's neighbours (Merton 315,
    // Croydon 306, Kingston 314, Surrey 936), some from further across London (Wandsworth 212, Lambeth 208).
    private static readonly int[] OtherLas = [315, 315, 306, 306, 314, 936, 936, 212, 208];

    private readonly IReadOnlyList<DemoSchool> schools;
    private readonly IReadOnlyList<AcademicYear> years;
    private readonly DemoRandom rng;
    private readonly UpnIssuer upns = new();
    private readonly CohortAssigner cohorts;
    private readonly DateOnly referenceDate;
    private readonly List<DemoPupil> pupils = [];
    private readonly List<DemoEnrolment> enrolments = [];
    private readonly Dictionary<SchoolPhase, (StratifiedUniform Chronic, StratifiedUniform Severe)> draws = new()
    {
        [SchoolPhase.Primary] = (new(), new()), [SchoolPhase.Secondary] = (new(), new()), [SchoolPhase.Special] = (new(), new()),
    };

    public PopulationSimulator(IReadOnlyList<DemoSchool> schools, IReadOnlyList<AcademicYear> years, DateOnly asOf, DemoRandom rng)
    {
        this.schools = schools.Where(s => s.HasPupils).ToList();
        this.years = years;
        this.rng = rng;
        var windowStart = years[0].Start;
        cohorts = new CohortAssigner(windowStart, asOf);
        referenceDate = DateOnly.FromDayNumber((windowStart.DayNumber + asOf.DayNumber) / 2);
    }

    public IReadOnlyList<DemoPupil> Pupils => pupils;
    public IReadOnlyList<DemoEnrolment> Enrolments => enrolments;

    public void Run()
    {
        var first = years[0];
        foreach (var school in schools)
            for (var g = school.LowestYearGroup; g <= school.HighestYearGroup; g++)
            {
                var n = GroupSize(school, g);
                for (var i = 0; i < n; i++)
                {
                    var pupil = NewPupil(school, g, first, external: false);
                    Enrol(pupil, school, PastEntry(school, g, first));
                }
            }
        for (var k = 0; k < years.Count; k++)
        {
            InYearMobility(years[k]);
            if (k + 1 < years.Count) SummerTransition(years[k], years[k + 1]);
        }
    }

    private void InYearMobility(AcademicYear year)
    {
        var days = SchoolCalendar.For(year).SchoolDays;
        var current = enrolments.Where(e => e.LeavingDate is null).ToList();
        var movers = (int)Math.Round(current.Count * MoversPerYear);
        for (var i = 0; i < movers; i++)
        {
            var e = current[rng.Next(current.Count)];
            var idx = rng.Next(10, days.Count - 10);
            if (e.LeavingDate is not null || e.EntryDate >= days[idx]) continue;
            var g = e.Pupil.YearGroupIn(year.StartYear);
            var target = PickSchool(e.School.Phase, g, e.School, e.Pupil.Sex);
            if (target is null) continue;
            e.LeavingDate = days[idx];
            // Usually a few school days between schools; a same-day transfer is rarer.
            Enrol(e.Pupil, target, days[Math.Min(idx + 1 + rng.Next(6), days.Count - 1)]);
        }
        var leavers = (int)Math.Round(current.Count * LeaversPerYear);
        for (var i = 0; i < leavers; i++)
        {
            var e = current[rng.Next(current.Count)];
            var idx = rng.Next(5, days.Count - 5);
            if (e.LeavingDate is null && e.EntryDate < days[idx]) e.LeavingDate = days[idx];
        }
        var joiners = (int)Math.Round(current.Count * JoinersPerYear);
        for (var i = 0; i < joiners; i++)
        {
            var school = PickSchool(null, -1, null)!;
            var g = rng.Next(Math.Max(1, school.LowestYearGroup), Math.Min(11, school.HighestYearGroup) + 1);
            var pupil = NewPupil(school, g, year, external: true);
            Enrol(pupil, school, days[rng.Next(5, days.Count - 5)]);
        }
    }

    private void SummerTransition(AcademicYear year, AcademicYear next)
    {
        var lastDay = SchoolCalendar.For(year).SchoolDays[^1];
        var firstDay = SchoolCalendar.For(next).SchoolDays[0];
        var current = enrolments.Where(e => e.LeavingDate is null).ToList();
        foreach (var e in current)
        {
            var g = e.Pupil.YearGroupIn(next.StartYear);
            var staysOn = g <= e.School.HighestYearGroup && !(e.School.Phase == SchoolPhase.Secondary && g == 12 && !rng.Chance(0.55));
            if (staysOn) continue;
            e.LeavingDate = lastDay;
            if (e.School.Phase == SchoolPhase.Primary && g == 7 && rng.Chance(0.9)
                && PickSchool(SchoolPhase.Secondary, 7, null, e.Pupil.Sex) is { } secondary)
                Enrol(e.Pupil, secondary, firstDay);
        }

        var onRoll = new Dictionary<(DemoSchool, int), int>();
        foreach (var e in enrolments)
            if (e.LeavingDate is null)
            {
                var key = (e.School, e.Pupil.YearGroupIn(next.StartYear));
                onRoll[key] = onRoll.GetValueOrDefault(key) + 1;
            }
        foreach (var school in schools)
        {
            int[] intakeGroups = school.Phase switch
            {
                SchoolPhase.Primary => [0],
                SchoolPhase.Secondary => school.HasSixthForm ? [7, 12] : [7],
                _ => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            };
            foreach (var g in intakeGroups)
            {
                var gap = GroupSize(school, g) - onRoll.GetValueOrDefault((school, g));
                // Special schools admit through the year as plans are issued; fill only part of a gap at September.
                if (school.Phase == SchoolPhase.Special) gap = (int)Math.Round(gap * 0.6);
                for (var i = 0; i < gap; i++)
                    Enrol(NewPupil(school, g, next, external: g > 0), school, firstDay);
            }
        }
    }

    private DemoPupil NewPupil(DemoSchool school, int group, AcademicYear year, bool external)
    {
        var receptionYear = year.StartYear - group;
        var dob = new DateOnly(receptionYear - 5, 9, 1).AddDays(rng.Next(365));
        string upn;
        if (!external && school.Phase == SchoolPhase.Primary)
            upn = upns.Issue(school.LaCode, school.EstablishmentNumber, receptionYear);
        else if (!external && rng.Chance(0.7))
        {
            var primary = PickSchool(SchoolPhase.Primary, -1, null);
            upn = primary is null ? upns.Issue(school.LaCode, 2999, receptionYear) : upns.Issue(primary.LaCode, primary.EstablishmentNumber, receptionYear);
        }
        else upn = upns.Issue(OtherLas[rng.Next(OtherLas.Length)], 2000 + rng.Next(400), receptionYear);

        var sex = school.Gender switch { "Boys" => 'M', "Girls" => 'F', _ => rng.Chance(0.51) ? 'M' : 'F' };
        var pupil = new DemoPupil { Id = pupils.Count, Upn = upn, DateOfBirth = dob, Sex = sex, ReceptionYear = receptionYear };
        AssignTraits(pupil, school.Phase);
        pupils.Add(pupil);
        return pupil;
    }

    private void AssignTraits(DemoPupil pupil, SchoolPhase phase)
    {
        cohorts.Assign(pupil, phase, rng);
        var profile = PhaseAbsenceProfile.For(phase);
        var (chronicDraws, severeDraws) = draws[phase];
        pupil.ChronicDraw = chronicDraws.Next(rng);
        pupil.PropensityZ = rng.NextGaussian();
        if (severeDraws.Next(rng) < profile.SevereChance(CohortEffects.On(pupil, referenceDate).Severe))
            pupil.SevereRate = PhaseAbsenceProfile.SevereMin + (PhaseAbsenceProfile.SevereMax - PhaseAbsenceProfile.SevereMin) * rng.NextDouble();
        pupil.LatenessRate = Math.Min(0.6, 0.041 * rng.NextLogNormalMeanOne(0.9));
        pupil.ObservesFestivals = rng.Chance(0.105);
        pupil.PlaysSport = rng.Chance(phase == SchoolPhase.Secondary ? 0.22 : 0.12);
        if (phase != SchoolPhase.Primary && rng.Chance(0.015)) pupil.AlternativeProvisionShare = 0.1 + 0.2 * rng.NextDouble();
        pupil.DualRegistered = phase == SchoolPhase.Secondary && rng.Chance(0.004);
    }

    private void Enrol(DemoPupil pupil, DemoSchool school, DateOnly entry) =>
        enrolments.Add(new DemoEnrolment { Pupil = pupil, School = school, EntryDate = entry });

    /// <summary>When a pupil already on roll at the start joined: at the school's entry year group, sometimes in-year.</summary>
    private DateOnly PastEntry(DemoSchool school, int group, AcademicYear first)
    {
        var startGroup = school.Phase switch
        {
            SchoolPhase.Secondary => group >= 12 && rng.Chance(0.3) ? 12 : 7,
            SchoolPhase.Special => rng.Next(0, group + 1),
            _ => 0,
        };
        var entryYear = first.StartYear - (group - startGroup);
        if (entryYear < first.StartYear && rng.Chance(0.12))
        {
            var year = rng.Next(entryYear, first.StartYear);
            var days = SchoolCalendar.For(new AcademicYear(year)).SchoolDays;
            return days[rng.Next(days.Count)];
        }
        return SchoolCalendar.For(new AcademicYear(entryYear)).SchoolDays[0];
    }

    /// <summary>A school weighted by size, of a phase (null = any) that teaches the year group (-1 = any).</summary>
    private DemoSchool? PickSchool(SchoolPhase? phase, int group, DemoSchool? except, char? sex = null)
    {
        var total = 0;
        foreach (var s in schools)
            if (Fits(s)) total += s.CompulsoryRoll;
        if (total == 0) return null;
        var pick = rng.Next(total);
        foreach (var s in schools)
        {
            if (!Fits(s)) continue;
            pick -= s.CompulsoryRoll;
            if (pick < 0) return s;
        }
        return null;

        bool Fits(DemoSchool s) => s != except && (phase is null || s.Phase == phase)
            && (group < 0 || (group >= s.LowestYearGroup && group <= s.HighestYearGroup))
            && (sex is null || s.Gender == "Mixed" || (s.Gender == "Boys") == (sex == 'M'));
    }

    private int GroupSize(DemoSchool school, int g)
    {
        var c = school.CompulsoryRoll;
        var size = school.Phase switch
        {
            SchoolPhase.Primary => c / 6.0,
            SchoolPhase.Secondary => g switch { 12 => 0.6 * c / 5, 13 => 0.55 * c / 5, _ => c / 5.0 },
            _ => g switch { 0 => 0.3 * c / 11, 12 or 13 => 0.75 * c / 11, _ => c / 11.0 },
        };
        return (int)Math.Round(size * (0.92 + 0.16 * rng.NextDouble()));
    }
}

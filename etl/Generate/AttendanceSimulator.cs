using System.Text;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Writes every session mark of one school's enrolments. Each pupil has an absence rate (their place in the phase's
/// mixture, see <see cref="PhaseAbsenceProfile"/>, under the cohort effects in force that day × school effect, or a
/// severe absentee's rate); the rate is
/// split over <see cref="AbsenceReasons"/> and turned into episode start hazards per session, shaped by the
/// <see cref="SchoolYearPattern"/> day factors and divided by each reason's effective length, so the long-run
/// share of each code matches its target while absences come in realistic runs. Every pupil draws from their
/// own seeded stream, so output does not depend on which thread ran which school.
/// </summary>
public sealed class AttendanceSimulator
{
    private const double AfternoonSportChance = 0.022, OtherActivityChance = 0.0008, UnavoidableChance = 0.00004, NoAccessChance = 0.00002;
    private const double SpecialTransportChance = 0.003, TravelDisruptionShare = 0.15, FestivalTakeUp = 0.7, UnresolvedShare = 0.5;

    private static readonly IReadOnlyList<AbsenceReason> Reasons = AbsenceReasons.All;
    private static readonly byte[] ReasonCode = Reasons.Select(r => MarkCode.Id(r.Code)).ToArray();
    private static readonly int[] ReasonKind = Reasons.Select(r => (int)r.Kind).ToArray();
    private static readonly double[] ReasonFraction = Reasons.Select(r => r.Share / AbsenceReasons.TotalShare).ToArray();
    private static readonly int C2Index = Reasons.ToList().FindIndex(r => r.AfternoonsOnly);

    private readonly IReadOnlyList<SchoolYearPattern> patterns;
    private readonly DateOnly asOf;
    private readonly int seed;

    public AttendanceSimulator(IReadOnlyList<SchoolYearPattern> patterns, DateOnly asOf, int seed)
    {
        this.patterns = patterns;
        this.asOf = asOf;
        this.seed = seed;
    }

    /// <param name="enrolments">The school's enrolments in output order (by UPN).</param>
    public MarkChunk Simulate(DemoSchool school, IReadOnlyList<DemoEnrolment> enrolments)
    {
        var estimate = enrolments.Count * patterns.Sum(p => p.Days.Length) * 2L * 32;
        var chunk = new MarkChunk((int)Math.Min(estimate, 1L << 30));
        var events = patterns.Select(p => new SchoolYearEvents(school, p, seed)).ToArray();
        var state = new PupilState();
        foreach (var e in enrolments)
        {
            var rng = new DemoRandom(DemoRandom.Derive(seed, school.Urn, e.Pupil.Id, e.EntryDate.DayNumber));
            var prefix = Encoding.ASCII.GetBytes($"{e.Pupil.Upn},{school.Urn},");
            for (var y = 0; y < patterns.Count; y++)
                SimulateYear(e, school, patterns[y], events[y], prefix, rng, state, chunk);
        }
        return chunk;
    }

    /// <summary>Per-pupil working arrays, reused across pupils to keep the hot loop allocation-free.</summary>
    private sealed class PupilState
    {
        public readonly double[] Am = new double[Reasons.Count];
        public readonly double[] Pm = new double[Reasons.Count];
        public readonly double[] AmByKind = new double[4];
        public readonly double[] PmByKind = new double[4];
    }

    private void SimulateYear(DemoEnrolment e, DemoSchool school, SchoolYearPattern pattern, SchoolYearEvents events,
        byte[] prefix, DemoRandom rng, PupilState st, MarkChunk chunk)
    {
        var pupil = e.Pupil;
        var last = e.LeavingDate is { } leave && leave < asOf ? leave : asOf;
        var from = pattern.IndexOfFirstOnOrAfter(e.EntryDate);
        var to = pattern.IndexOfLastOnOrBefore(last);
        if (from > to) return;

        var days = pattern.Days;
        var group = Math.Clamp(pupil.YearGroupIn(pattern.Year.StartYear), 0, 13);
        var trips = events.Trips[group];
        var workExperience = group is 10 or 12 ? events.WorkExperience : null;
        var profile = PhaseAbsenceProfile.For(school.Phase);
        var special = school.Phase == SchoolPhase.Special;
        var staggered = group == 0 && events.StaggeredStart;
        var unresolvedFrom = asOf.AddDays(-2);
        var tails = MarkCode.RowTail;
        double[] fFlat = pattern.Factor(FactorKind.Flat), fIll = pattern.Factor(FactorKind.Illness),
            fDis = pattern.Factor(FactorKind.Disengagement), fHol = pattern.Factor(FactorKind.Holiday);
        double[][] byKind = [fFlat, fIll, fDis, fHol];

        var remaining = 0;
        byte episode = 0;
        var afternoonsLeft = 0;
        var nextChange = -1;
        for (var di = from; di <= to; di++)
        {
            if (di > nextChange) nextChange = SetRates(pupil, school, profile, pattern, di, to, st);
            var date = pattern.DateText[di];
            var kind = events.DayKind[di];
            if (kind == SchoolYearEvents.PlannedClosure || kind == SchoolYearEvents.UnexpectedClosure
                || (kind == SchoolYearEvents.TravelDisruption && rng.NextDouble() < TravelDisruptionShare))
            {
                var code = kind == SchoolYearEvents.PlannedClosure ? MarkCode.Closure
                    : kind == SchoolYearEvents.UnexpectedClosure ? MarkCode.SiteClosed : MarkCode.TravelDisruption;
                chunk.Add(prefix, date, tails[0][code]);
                chunk.Add(prefix, date, tails[1][code]);
                continue;
            }
            var festival = pattern.Festival[di] && pupil.ObservesFestivals && rng.NextDouble() < FestivalTakeUp;
            var dual = pupil.DualRegistered && days[di].DayOfWeek == DayOfWeek.Wednesday;
            // Reception children start part-time: afternoons of the first week are not required (X).
            var receptionSettling = staggered && di < 5;
            for (var s = 0; s < 2; s++)
            {
                byte code;
                if (dual) code = MarkCode.DualRegistered;
                else if (remaining > 0) { code = episode; remaining--; }
                else if (s == 1 && afternoonsLeft > 0) code = ReasonCode[C2Index];
                else if (festival) code = MarkCode.Festival;
                else if (s == 1 && receptionSettling) code = MarkCode.NotRequired;
                else
                {
                    var h = s == 0 ? st.AmByKind : st.PmByKind;
                    var total = h[0] * fFlat[di] + h[1] * fIll[di] + h[2] * fDis[di] + h[3] * fHol[di];
                    var u = rng.NextDouble();
                    if (u < total)
                    {
                        // Severe absentees can have hazards summing past 1: rescale so every reason keeps its share.
                        var r = PickReason(s == 0 ? st.Am : st.Pm, byKind, di, u / Math.Min(total, 1.0) * total);
                        var reason = Reasons[r];
                        var daysLeft = pattern.DaysToBreak[di];
                        var length = reason.Sessions(reason.DrawDays(rng), s == 0);
                        if (reason.AfternoonsOnly)
                        {
                            afternoonsLeft = Math.Min(length, daysLeft);
                            code = s == 1 ? ReasonCode[r] : Present(0, pupil, trips, workExperience, special, di, rng);
                        }
                        else
                        {
                            length = Math.Min(length, 2 * daysLeft - s);
                            code = episode = ReasonCode[r];
                            remaining = length - 1;
                        }
                    }
                    else code = Present(s, pupil, trips, workExperience, special, di, rng);
                }
                // Registers are checked after the event: marks from the last days before the extract may not be resolved.
                if (days[di] >= unresolvedFrom && IsResolvable(code) && rng.NextDouble() < UnresolvedShare) code = MarkCode.Unresolved;
                chunk.Add(prefix, date, tails[s][code]);
            }
            if (afternoonsLeft > 0) afternoonsLeft--;
        }
    }

    private static bool IsResolvable(byte code) =>
        code == MarkCode.Illness || code == MarkCode.Other || code == MarkCode.Medical || code == MarkCode.Exceptional;

    private static int PickReason(double[] hazards, double[][] byKind, int di, double u)
    {
        var acc = 0.0;
        for (var r = 0; r < hazards.Length; r++)
        {
            acc += hazards[r] * byKind[ReasonKind[r]][di];
            if (u < acc) return r;
        }
        return hazards.Length - 1;
    }

    private static byte Present(int session, DemoPupil pupil, bool[] trips, bool[]? workExperience, bool special, int di, DemoRandom rng)
    {
        if (trips[di]) return MarkCode.Visit;
        if (workExperience is not null && workExperience[di]) return MarkCode.WorkExperience;
        var v = rng.NextDouble();
        if (v < OtherActivityChance) return MarkCode.OtherActivity;
        if (v < OtherActivityChance + UnavoidableChance) return MarkCode.OtherUnavoidable;
        if (v < OtherActivityChance + UnavoidableChance + NoAccessChance) return MarkCode.NoAccess;
        if (special && v > 1 - SpecialTransportChance) return MarkCode.Transport;
        if (pupil.AlternativeProvisionShare > 0 && rng.NextDouble() < pupil.AlternativeProvisionShare) return MarkCode.LaProvision;
        if (session == 1) return pupil.PlaysSport && rng.NextDouble() < AfternoonSportChance ? MarkCode.Sport : MarkCode.PresentPm;
        return rng.NextDouble() < pupil.LatenessRate ? MarkCode.Late : MarkCode.PresentAm;
    }

    /// <summary>Sets the pupil's hazards for the cohort state on day <paramref name="di"/>; returns the last day they hold.</summary>
    private static int SetRates(DemoPupil pupil, DemoSchool school, PhaseAbsenceProfile profile, SchoolYearPattern pattern, int di, int to,
        PupilState st)
    {
        var date = pattern.Days[di];
        var until = to;
        foreach (var m in pupil.Memberships)
        {
            // The next day on which this membership starts or stops applying.
            if (m.StartDate > date) until = Math.Min(until, pattern.IndexOfFirstOnOrAfter(m.StartDate) - 1);
            if (m.EndDate is { } end && end >= date) until = Math.Min(until, pattern.IndexOfLastOnOrBefore(end));
        }
        var p = pupil.SevereRate > 0 ? pupil.SevereRate
            : profile.Rate(pupil.ChronicDraw, pupil.PropensityZ, CohortEffects.On(pupil, date), school.AbsenceMultiplier);
        // A pupil can only start an episode on a session they are present, and an episode started covers its mean
        // length L. With start hazards h_r = c·f_r/L_r per session the long-run absent share is c·p / (c·p + 1 − c·S),
        // S = Σ f_r/L_r (the episode starts per session at c = 1); setting it to p gives c = 1 / (1 − p + S). Dividing by
        // (1 − p) alone overshoots badly for chronic and severe pupils (a 20% pupil came out at 21.5%, a 75% one at 90%).
        var starts = 0.0;
        for (var r = 0; r < Reasons.Count; r++)
        {
            var reason = Reasons[r];
            var am = reason.MorningStartShare;
            starts += p * ReasonFraction[r] * ((am > 0 ? am / pattern.EffectiveLength(reason, true) : 0)
                + (am < 1 ? (1 - am) / pattern.EffectiveLength(reason, false) : 0));
        }
        var scale = 1 / (1 - p + starts);
        Array.Clear(st.AmByKind);
        Array.Clear(st.PmByKind);
        for (var r = 0; r < Reasons.Count; r++)
        {
            var reason = Reasons[r];
            var f = p * ReasonFraction[r];
            var am = reason.MorningStartShare;
            // Morning hazards act on mornings only (half the sessions), hence 2·f·am; afternoons likewise.
            st.Am[r] = am > 0 ? 2 * f * am / pattern.EffectiveLength(reason, true) * scale : 0;
            st.Pm[r] = am < 1 ? 2 * f * (1 - am) / pattern.EffectiveLength(reason, false) * scale : 0;
            st.AmByKind[ReasonKind[r]] += st.Am[r];
            st.PmByKind[ReasonKind[r]] += st.Pm[r];
        }
        return Math.Max(until, di);
    }
}

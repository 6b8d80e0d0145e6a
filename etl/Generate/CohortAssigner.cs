using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Gives pupils dated memberships as the LA's SEN, social care and FSM systems would record them: most span the
/// whole period, some start or end inside it, and the transitions are joined up (SEN support ends the day before
/// an EHC plan starts; a child in need becomes looked after; a CPP steps down to CIN).
/// </summary>
public sealed class CohortAssigner(DateOnly windowStart, DateOnly windowEnd)
{
    private readonly QuotaSampler fsm = new(CohortEffects.FsmRate);
    private readonly QuotaSampler senSupport = new(CohortEffects.MainstreamSenSupportRate);
    private readonly QuotaSampler ehc = new(CohortEffects.MainstreamEhcRate);
    private readonly QuotaSampler cin = new(CohortEffects.ChildInNeedRate);
    private readonly QuotaSampler cpp = new(CohortEffects.ChildProtectionRate, 1000);
    private readonly QuotaSampler lac = new(CohortEffects.LookedAfterRate, 1000);
    private readonly QuotaSampler plac = new(CohortEffects.PreviouslyLookedAfterRate, 1000);

    public void Assign(DemoPupil pupil, SchoolPhase phase, DemoRandom rng)
    {
        var list = pupil.Memberships;
        if (fsm.Next(rng))
        {
            var u = rng.NextDouble();
            if (u < 0.84) list.Add(new(pupil.Upn, Cohort.Fsm, Before(pupil, rng), null));
            else if (u < 0.92) list.Add(new(pupil.Upn, Cohort.Fsm, Inside(rng), null));
            else list.Add(new(pupil.Upn, Cohort.Fsm, Before(pupil, rng), Inside(rng)));
        }

        var isEhc = ehc.Next(rng);
        var isSupport = senSupport.Next(rng);
        if (phase == SchoolPhase.Special) list.Add(new(pupil.Upn, Cohort.EhcPlan, Before(pupil, rng), null));
        else if (isEhc)
        {
            if (rng.Chance(0.8)) list.Add(new(pupil.Upn, Cohort.EhcPlan, Before(pupil, rng), null));
            else
            {
                var plan = Inside(rng);
                list.Add(new(pupil.Upn, Cohort.SenSupport, Before(pupil, rng), plan.AddDays(-1)));
                list.Add(new(pupil.Upn, Cohort.EhcPlan, plan, null));
            }
        }
        else if (isSupport)
        {
            var u = rng.NextDouble();
            if (u < 0.86) list.Add(new(pupil.Upn, Cohort.SenSupport, Before(pupil, rng), null));
            else if (u < 0.93) list.Add(new(pupil.Upn, Cohort.SenSupport, Inside(rng), null));
            else list.Add(new(pupil.Upn, Cohort.SenSupport, Before(pupil, rng), Inside(rng)));
        }

        bool isLac = lac.Next(rng), isCpp = cpp.Next(rng), isCin = cin.Next(rng), isPlac = plac.Next(rng);
        if (isLac)
        {
            var u = rng.NextDouble();
            if (u < 0.75) list.Add(new(pupil.Upn, Cohort.LookedAfter, Before(pupil, rng), null));
            else if (u < 0.95)
            {
                var care = Inside(rng);
                list.Add(new(pupil.Upn, Cohort.ChildInNeed, Before(pupil, rng), care.AddDays(-1)));
                list.Add(new(pupil.Upn, Cohort.LookedAfter, care, null));
            }
            else
            {
                var adopted = Inside(rng);
                list.Add(new(pupil.Upn, Cohort.LookedAfter, Before(pupil, rng), adopted.AddDays(-1)));
                list.Add(new(pupil.Upn, Cohort.PreviouslyLookedAfter, adopted, null));
            }
        }
        else if (isCpp)
        {
            if (rng.Chance(0.55))
            {
                var stepDown = Inside(rng);
                list.Add(new(pupil.Upn, Cohort.ChildProtectionPlan, Before(pupil, rng), rng.Chance(0.45) ? stepDown.AddDays(-1) : null));
                if (list[^1].EndDate is not null) list.Add(new(pupil.Upn, Cohort.ChildInNeed, stepDown, null));
            }
            else
            {
                var plan = Inside(rng);
                list.Add(new(pupil.Upn, Cohort.ChildInNeed, Before(pupil, rng), plan.AddDays(-1)));
                list.Add(new(pupil.Upn, Cohort.ChildProtectionPlan, plan, null));
            }
        }
        else if (isCin)
        {
            var u = rng.NextDouble();
            if (u < 0.55) list.Add(new(pupil.Upn, Cohort.ChildInNeed, Before(pupil, rng), null));
            else if (u < 0.77) list.Add(new(pupil.Upn, Cohort.ChildInNeed, Inside(rng), null));
            else list.Add(new(pupil.Upn, Cohort.ChildInNeed, Before(pupil, rng), Inside(rng)));
        }
        else if (isPlac) list.Add(new(pupil.Upn, Cohort.PreviouslyLookedAfter, Before(pupil, rng), null));
    }

    /// <summary>A start before the period, but not before the child was three.</summary>
    private DateOnly Before(DemoPupil pupil, DemoRandom rng)
    {
        var d = windowStart.AddDays(-rng.Next(30, 1500));
        var earliest = pupil.DateOfBirth.AddYears(3);
        return d >= earliest ? d : earliest < windowStart ? earliest : windowStart.AddDays(-1);
    }

    /// <summary>A date well inside the period, where a change is visible in the data.</summary>
    private DateOnly Inside(DemoRandom rng)
    {
        var span = windowEnd.DayNumber - windowStart.DayNumber;
        if (span < 60) return windowStart.AddDays(Math.Max(1, span / 2));
        return windowStart.AddDays(rng.Next(30, span - 20));
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Api.Tsm;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

/// <summary>One pupil in a TSM pack or a virtual school's list: rates, reasons, cohorts, change and patterns.</summary>
public sealed class PupilAttendanceType : ObjectGraphType<PupilAttendanceRow>
{
    public const int TopCodes = 3;

    public PupilAttendanceType()
    {
        Name = "PupilAttendance";
        Description = "One pupil's attendance over the period: at the school for a TSM pack (the enrolment), across all their schools for a virtual school.";
        Field(r => r.Upn).Description("Unique pupil number.");
        Field<StringGraphType>("ncYear").Description("National curriculum year of the enrolment reported on.").Resolve(c => c.Source.NcYear);
        Field<SchoolType>("currentSchool").Description("The school of the visible enrolment open on the as-at date (else the latest visible one).")
            .Resolve(c => c.Source.CurrentEnrolment is { } e ? c.Data().Facts.School(e.Urn) : null);
        Field<SchoolPlacementType>("currentPlacement")
            .Description("The school of the same enrolment as currentSchool, whichever LA maintains it: a virtual school's pupil may be placed at " +
                         "another LA's school (outOfArea), which is never one of the LA's schools and so has no currentSchool.")
            .Resolve(c => c.Source.CurrentEnrolment is { } e ? c.Data().Facts.Placement(e.Urn) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateWindowType>>>>("servedWindows")
            .Description("The parts of the period inside the dates the caller may see this pupil (a school: while on its roll; the virtual school: while " +
                         "in a qualifying cohort). Every figure of the row, the comparisons before the period included, counts only marks on visible days.")
            .Resolve(c => c.Source.Served);
        Field<NonNullGraphType<TsmBandEnum>>("band").Resolve(c => c.Source.Patterns.Band);
        Field<NonNullGraphType<MeasuresType>>("measures").Description("The pupil's measures for the period (enrolments is 1).")
            .Resolve(c => c.Source.Patterns.Measures);
        Field<FloatGraphType>("attendanceRate").Resolve(c => c.Source.Patterns.Measures.AttendanceRate);
        Field<FloatGraphType>("overallAbsenceRate").Resolve(c => c.Source.Patterns.Measures.OverallAbsenceRate);
        Field<FloatGraphType>("authorisedAbsenceRate").Resolve(c => c.Source.Patterns.Measures.AuthorisedAbsenceRate);
        Field<FloatGraphType>("unauthorisedAbsenceRate").Resolve(c => c.Source.Patterns.Measures.UnauthorisedAbsenceRate);
        Field<StringGraphType>("patternsUnavailable")
            .Description("Null when the patterns below were read from registers. Otherwise why they are null: some of the pupil's weeks in " +
                         "the period or the weeks before it they compare were loaded as weekly totals (DfE pupil-level file), which have no " +
                         "registers. The measures still count those weeks; the band is then from the measures alone (a fall is not known).")
            .Resolve(c => c.Source.Patterns.Unavailable);
        Field<ListGraphType<NonNullGraphType<CodeMeasureType>>>("mainAbsenceReasons")
            .Description($"The (up to {TopCodes}) absence codes with most sessions in the period. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.TopAbsenceCodes(TopCodes)
                .Select(x => new CodeMeasure(x.Code, x.Sessions, c.Source.Patterns.Measures.CodeRate(x.Code.Code))).ToList());
        Field<NonNullGraphType<CohortFlagsType>>("cohortFlags").Resolve(c => c.Source);
        Field<FloatGraphType>("previousAttendanceRate").Description($"Attendance rate in the comparison period (the previous term, or previousPeriod). {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.PreviousMeasures.AttendanceRate);
        Field<FloatGraphType>("attendanceRateChange").Description($"Attendance rate now minus in the comparison period, percentage points. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.AttendanceRateChange);
        Field<FloatGraphType>("yearToDateAttendanceRate").Description($"From 1 August to the end of the period. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.YearToDateAttendanceRate);
        Field<FloatGraphType>("recentAttendanceRate").Description($"In the last 4 school weeks up to the end of the period. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.RecentAttendanceRate);
        Field<BooleanGraphType>("falling")
            .Description($"The last 4 school weeks' attendance is below the year to date by at least the falling margin. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.Falling);
        Field<IntGraphType>("absenceSpells")
            .Description($"Runs of consecutive absence sessions in the period; weekends and holidays do not break a run, a session attended does. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.AbsenceSpells);
        Field<IntGraphType>("longestAbsenceSpell").Description($"Sessions in the longest run. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.LongestAbsenceSpell);
        Field<WeekdayProfileType>("weekdays").Description(Unknown).Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.Weekdays);
        Field<PenaltyNoticeCheckType>("penaltyNotice").Description(Unknown).Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.PenaltyNotice);
        Field<ListGraphType<NonNullGraphType<OverdueUnexplainedAbsenceType>>>("overdueUnexplainedAbsences")
            .Description($"Sessions in the period still coded N more than 2 school days after the session. {Unknown}")
            .Resolve(c => Unpatterned(c) ? null : c.Source.Patterns.OverdueUnexplained);
        Field<LastAgreedActionType>("lastAgreedAction")
            .Description("In a TSM pack: the last action agreed for this pupil at this school's Targeting Support Meetings held on or before " +
                         "the period end, with attendance since. Null when none, and in a virtual school's list.")
            .Resolve(c => PackOf(c)?.FollowUps.GetValueOrDefault(c.Source.Upn));
    }

    private const string Unknown = "Null when patternsUnavailable says why.";

    /// <summary>The row's patterns were read where some weeks are DfE totals: unknown, never computed from no marks.</summary>
    private static bool Unpatterned(IResolveFieldContext<PupilAttendanceRow> c) => c.Source.Patterns.Unavailable is not null;

    /// <summary>The TSM pack this row belongs to (the nearest ancestor field whose source is a pack), if any.</summary>
    private static TsmPack? PackOf(IResolveFieldContext context)
    {
        for (var c = context.Parent; c is not null; c = c.Parent)
            if (c.Source is TsmPack pack) return pack;
        return null;
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Benchmarks;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Benchmarks;

/// <summary>The published figure a comparison used, or (figure null) why there is none.</summary>
public sealed record NationalComparison(NationalFigure? Figure, string Basis);

/// <summary>
/// Picks the published figure to compare a period with. A week, a term or a year to date that DfE's in-year figures cover
/// is compared with England's same week, term or year to date; anything else with the annual figure of the period's
/// academic year or, until that is published, the latest earlier year.
/// </summary>
public static class NationalFigures
{
    /// <summary>England's figure for the phase and period, saying which it is (<see cref="NationalFigure.Basis"/>).</summary>
    public static NationalComparison Compare(SnapshotFacts facts, string phase, Period period)
    {
        var educationPhase = EducationPhase(phase);
        var year = period.AcademicYear;
        // A whole academic year: its own annual figure when published; while it is not, England's latest year to date.
        var sameYear = period.Kind == PeriodKind.AcademicYear ? For(facts.Benchmarks, phase, year) is { } f && f.TimePeriod == year.TimePeriod ? f : null : null;
        if (sameYear is not null) return new(sameYear, sameYear.Basis);
        if (InYear(facts.InYear, period, r => r.GeographicLevel == "National" && r.EducationPhase == educationPhase) is { } inYear)
            return new(inYear, inYear.Basis);
        if (For(facts.Benchmarks, phase, year) is { } annual)
            return new(annual, annual.TimePeriod == year.TimePeriod ? annual.Basis : $"{annual.Basis}, the latest published on or before {year.Label}");
        return new(null, $"no published figure for England: no in-year figure for {period.Label} and no annual figure for {year.Label} or earlier");
    }

    /// <summary>
    /// The in-year figures of the same period for England, the LA's region and the LA itself (the LA's own row names its
    /// region), for the phase; empty when the period is no week, term or year to date the figures cover.
    /// </summary>
    public static IReadOnlyList<NationalFigure> SamePeriod(SnapshotFacts facts, string phase, Period period)
    {
        var educationPhase = EducationPhase(phase);
        var la = facts.LocalAuthority.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var region = facts.InYear.FirstOrDefault(r => r.GeographicLevel == "Local authority" && r.OldLaCode == la && r.RegionCode is not null)?.RegionCode;
        return new Func<InYearFigure, bool>[]
            {
                r => r.GeographicLevel == "National",
                r => r.GeographicLevel == "Regional" && region is not null && r.RegionCode == region,
                r => r.GeographicLevel == "Local authority" && r.OldLaCode == la,
            }
            .Select(area => InYear(facts.InYear, period, r => r.EducationPhase == educationPhase && area(r)))
            .OfType<NationalFigure>().ToList();
    }

    /// <summary>
    /// England's annual figure for the phase for the period's academic year or, until that is published, the latest
    /// earlier year; official census statistics are preferred to daily data for the same year.
    /// </summary>
    public static NationalFigure? For(IReadOnlyList<NationalFigure> published, string phase, AcademicYear year)
    {
        var educationPhase = EducationPhase(phase);
        return published
            .Where(f => f.GeographicLevel == "National" && f.EducationPhase == educationPhase && f.TimePeriod <= year.TimePeriod)
            .OrderByDescending(f => f.TimePeriod)
            .ThenBy(f => f.Source == "census" ? 0 : 1)
            .FirstOrDefault();
    }

    private static string EducationPhase(string phase) => phase is "Primary" or "Secondary" or "Special" ? phase : "Total";

    /// <summary>
    /// The in-year figure of the same span as the period: the week it is (Monday to Sunday); the term it is; or, for a
    /// period from the start of the academic year (on or before its first school day), the year to date up to the week of its end (or the week before, a
    /// half-term holiday) and, for a whole academic year, the latest year to date of that year.
    /// </summary>
    private static NationalFigure? InYear(IReadOnlyList<InYearFigure> rows, Period period, Func<InYearFigure, bool> area)
    {
        var year = period.AcademicYear;
        InYearFigure? match = null;
        if (period.Start.DayOfWeek == DayOfWeek.Monday && period.End == period.Start.AddDays(6))
            match = rows.FirstOrDefault(r => r.Span == InYearSpan.Week && r.WeekCommencing == period.Start && area(r));
        else if (TermOf(period) is { } term)
            match = rows.FirstOrDefault(r => r.Span == InYearSpan.Term && r.TimePeriod == year.TimePeriod && r.Term == term.ToString().ToUpperInvariant() && area(r));
        // From the start of the year: 1 August, or any day up to the first school day (a range from 1 or 3 September).
        if (match is null && period.Start <= SchoolCalendar.For(year).Get(Term.Autumn, 1).FirstSchoolDay)
        {
            var lastWeek = SchoolCalendar.MondayOf(period.End);
            match = rows
                .Where(r => r.Span == InYearSpan.YearToDate && r.TimePeriod == year.TimePeriod && area(r) && r.WeekCommencing <= lastWeek &&
                            (period.Kind == PeriodKind.AcademicYear || r.WeekCommencing >= lastWeek.AddDays(-HolidayDays(period))))
                .MaxBy(r => r.WeekCommencing);
        }
        return match is null ? null : ToFigure(match);
    }

    /// <summary>
    /// How far before the week of a period's end the year to date may stop and still be the same span: a week (a half-term
    /// holiday) for a half term or a date range, two (Christmas, Easter) for a term.
    /// </summary>
    private static int HolidayDays(Period period) => period.Kind == PeriodKind.Term || TermOf(period) is not null ? 14 : 7;

    private static Term? TermOf(Period period)
    {
        foreach (var term in Enum.GetValues<Term>())
        {
            var t = Period.ForTerm(period.AcademicYear, term);
            if (t.Start == period.Start && t.End == period.End) return term;
        }
        return null;
    }

    private static NationalFigure ToFigure(InYearFigure r)
    {
        var year = new AcademicYear(r.TimePeriod / 100);
        var basis = r.Span switch
        {
            InYearSpan.Week => $"in-year, week commencing {r.WeekCommencing:yyyy-MM-dd}",
            InYearSpan.Term => $"in-year, {r.Term!.ToLowerInvariant()} term {year.Label}",
            _ => $"in-year, {year.Label} to date (up to the week commencing {r.WeekCommencing:yyyy-MM-dd})",
        };
        return new NationalFigure(r.TimePeriod, r.GeographicLevel, r.OldLaCode, r.LaName, r.EducationPhase, "in-year",
            r.OverallAbsenceRate, r.AuthorisedAbsenceRate, r.UnauthorisedAbsenceRate, r.PersistentAbsenceRate, null)
            { Basis = basis, RegionName = r.RegionName };
    }

    /// <summary>The national value of a headline measure, where the publication has one.</summary>
    public static double? Value(NationalFigure? f, MeasureSelector measure) => f is null ? null : measure.Name switch
    {
        "OVERALL_ABSENCE_RATE" => f.OverallAbsenceRate,
        "AUTHORISED_ABSENCE_RATE" => f.AuthorisedAbsenceRate,
        "UNAUTHORISED_ABSENCE_RATE" => f.UnauthorisedAbsenceRate,
        "PERSISTENT_ABSENCE_RATE" => f.PersistentAbsenceRate,
        "SEVERE_ABSENCE_RATE" => f.SevereAbsenceRate,
        "ATTENDANCE_RATE" => f.OverallAbsenceRate is { } a ? Math.Round(100 - a, 4) : null,
        _ => null,
    };
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Benchmarks;

/// <summary>Picks the published national figure to compare a period with.</summary>
public static class NationalFigures
{
    /// <summary>
    /// England's figure for the phase for the period's academic year or, until that is published, the latest
    /// earlier year; official census statistics are preferred to daily data for the same year.
    /// </summary>
    public static NationalFigure? For(IReadOnlyList<NationalFigure> published, string phase, AcademicYear year)
    {
        var educationPhase = phase is "Primary" or "Secondary" or "Special" ? phase : "Total";
        return published
            .Where(f => f.GeographicLevel == "National" && f.EducationPhase == educationPhase && f.TimePeriod <= year.TimePeriod)
            .OrderByDescending(f => f.TimePeriod)
            .ThenBy(f => f.Source == "census" ? 0 : 1)
            .FirstOrDefault();
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

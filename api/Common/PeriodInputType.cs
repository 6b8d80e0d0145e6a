using AttendanceGraph.Schema.Calendar;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class PeriodInputType : InputObjectGraphType<PeriodInput>
{
    public PeriodInputType()
    {
        Name = "PeriodInput";
        Description = "A reporting period: an academic year, optionally a term, half term or month of it; or a week; or a date range. " +
                      "Omit it for the latest academic year with possible sessions up to today. Its dates must fall within academic years " +
                      $"{SupportedDates.FirstYear} to {SupportedDates.LastYear} ({SupportedDates.Earliest:yyyy-MM-dd} to {SupportedDates.Latest:yyyy-MM-dd}); others are refused with BAD_PERIOD.";
        Field(p => p.AcademicYear, nullable: true).Description("Academic year, e.g. \"2025/26\" (1 August to 31 July).");
        Field(p => p.Term, type: typeof(TermEnum)).Description("Autumn, spring or summer term of the academic year.");
        Field(p => p.HalfTerm, nullable: true).Description("1 or 2: the first or second half of the term.");
        Field(p => p.Month, nullable: true).Description("Calendar month 1–12 within the academic year.");
        Field(p => p.WeekStarting, nullable: true).Description("Any date in the week (weeks start on Monday).");
        Field(p => p.From, nullable: true).Description("First day of a date range.");
        Field(p => p.To, nullable: true).Description("Last day of a date range (inclusive).");
    }
}

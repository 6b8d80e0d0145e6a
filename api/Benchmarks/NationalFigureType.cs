using AttendanceGraph.Api.Data;
using GraphQL.Types;

namespace AttendanceGraph.Api.Benchmarks;

public sealed class NationalFigureType : ObjectGraphType<NationalFigure>
{
    public NationalFigureType()
    {
        Name = "PublishedFigure";
        Description = "A published DfE figure (explore-education-statistics). Null where the publication gives no number (x, c, z, low).";
        Field(f => f.AcademicYear).Description("The academic year the figure is for; the latest published on or before the period's year.");
        Field(f => f.Basis).Description(
            "Which figure this is: \"in-year, week commencing 2025-11-10\", \"in-year, autumn term 2025/26\", \"in-year, 2025/26 to date (up to the week " +
            "commencing 2025-10-20)\" (DfE's in-year statistics for the same week, term or year to date as the period), or \"annual 2023/24 (census)\".");
        Field(f => f.GeographicLevel);
        Field(f => f.LaName, nullable: true);
        Field(f => f.EducationPhase);
        Field(f => f.Source, nullable: true).Description("census: official termly statistics; daily: DfE daily data, year to date at year end; in-year: DfE's weekly, termly or year-to-date figures.");
        Field(f => f.RegionName, nullable: true).Description("The region of an in-year regional or LA figure.");
        Field(f => f.OverallAbsenceRate, nullable: true);
        Field(f => f.AuthorisedAbsenceRate, nullable: true);
        Field(f => f.UnauthorisedAbsenceRate, nullable: true);
        Field(f => f.PersistentAbsenceRate, nullable: true);
        Field(f => f.SevereAbsenceRate, nullable: true);
    }
}

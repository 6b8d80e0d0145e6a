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
        Field(f => f.GeographicLevel);
        Field(f => f.LaName, nullable: true);
        Field(f => f.EducationPhase);
        Field(f => f.Source, nullable: true).Description("census: official termly statistics; daily: DfE daily data, year to date at year end.");
        Field(f => f.OverallAbsenceRate, nullable: true);
        Field(f => f.AuthorisedAbsenceRate, nullable: true);
        Field(f => f.UnauthorisedAbsenceRate, nullable: true);
        Field(f => f.PersistentAbsenceRate, nullable: true);
        Field(f => f.SevereAbsenceRate, nullable: true);
    }
}

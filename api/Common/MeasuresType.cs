using AttendanceGraph.Schema.Measures;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>The one measures type used everywhere (DfE methodology; rates are percentages).</summary>
public sealed class MeasuresType : ObjectGraphType<MeasureValues>
{
    public MeasuresType()
    {
        Name = "Measures";
        Description = "DfE absence measures. Rates are percentages of possible sessions (PA and SA: of enrolments); null with no denominator.";
        Field(m => m.Enrolments).Description("Enrolments with at least one possible session (pupils, for pupil-based views).");
        Field(m => m.PossibleSessions).Description(MeasureDefinitions.Possible.Description);
        Field(m => m.AttendanceSessions).Description(MeasureDefinitions.Attendance.Description);
        Field(m => m.AttendanceRate, nullable: true);
        Field(m => m.AuthorisedAbsenceSessions).Description(MeasureDefinitions.Authorised.Description);
        Field(m => m.AuthorisedAbsenceRate, nullable: true);
        Field(m => m.UnauthorisedAbsenceSessions).Description(MeasureDefinitions.Unauthorised.Description);
        Field(m => m.UnauthorisedAbsenceRate, nullable: true);
        Field(m => m.OverallAbsenceSessions).Description(MeasureDefinitions.OverallAbsence.Description);
        Field(m => m.OverallAbsenceRate, nullable: true);
        Field(m => m.PersistentAbsenceEnrolments).Description(MeasureDefinitions.PersistentAbsence.Description);
        Field(m => m.PersistentAbsenceRate, nullable: true);
        Field(m => m.SevereAbsenceEnrolments).Description(MeasureDefinitions.SevereAbsence.Description);
        Field(m => m.SevereAbsenceRate, nullable: true);
        Field(m => m.LateSessions).Description(MeasureDefinitions.Late.Description);
        Field(m => m.LateRate, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CodeMeasureType>>>>("codes")
            .Description("Sessions by register code, with each as % of possible sessions. Only codes with sessions are listed.")
            .Resolve(c => CodeMeasure.From(c.Source));
    }
}

using GraphQL.Types;

namespace AttendanceGraph.Api.Tables;

public sealed class MeasureTableRowType : ObjectGraphType<MeasureTableRow>
{
    public MeasureTableRowType()
    {
        Name = "MeasureTableRow";
        Description = "One row of scalar columns (for Power BI, Grafana, Tableau).";
        Field(r => r.Urn, nullable: true);
        Field(r => r.Laestab, nullable: true);
        Field(r => r.SchoolName, nullable: true);
        Field(r => r.Phase, nullable: true);
        Field(r => r.PeriodLabel);
        Field(r => r.PeriodStart);
        Field(r => r.PeriodEnd);
        Field(r => r.Cohort);
        Field<NonNullGraphType<LongGraphType>>("enrolments").Resolve(c => c.Source.Values.Enrolments);
        Field<NonNullGraphType<LongGraphType>>("possibleSessions").Resolve(c => c.Source.Values.PossibleSessions);
        Field<NonNullGraphType<LongGraphType>>("attendanceSessions").Resolve(c => c.Source.Values.AttendanceSessions);
        Field<FloatGraphType>("attendanceRate").Resolve(c => c.Source.Values.AttendanceRate);
        Field<NonNullGraphType<LongGraphType>>("authorisedAbsenceSessions").Resolve(c => c.Source.Values.AuthorisedAbsenceSessions);
        Field<FloatGraphType>("authorisedAbsenceRate").Resolve(c => c.Source.Values.AuthorisedAbsenceRate);
        Field<NonNullGraphType<LongGraphType>>("unauthorisedAbsenceSessions").Resolve(c => c.Source.Values.UnauthorisedAbsenceSessions);
        Field<FloatGraphType>("unauthorisedAbsenceRate").Resolve(c => c.Source.Values.UnauthorisedAbsenceRate);
        Field<NonNullGraphType<LongGraphType>>("overallAbsenceSessions").Resolve(c => c.Source.Values.OverallAbsenceSessions);
        Field<FloatGraphType>("overallAbsenceRate").Resolve(c => c.Source.Values.OverallAbsenceRate);
        Field<NonNullGraphType<LongGraphType>>("persistentAbsenceEnrolments").Resolve(c => c.Source.Values.PersistentAbsenceEnrolments);
        Field<FloatGraphType>("persistentAbsenceRate").Resolve(c => c.Source.Values.PersistentAbsenceRate);
        Field<NonNullGraphType<LongGraphType>>("severeAbsenceEnrolments").Resolve(c => c.Source.Values.SevereAbsenceEnrolments);
        Field<FloatGraphType>("severeAbsenceRate").Resolve(c => c.Source.Values.SevereAbsenceRate);
        Field<NonNullGraphType<LongGraphType>>("lateSessions").Resolve(c => c.Source.Values.LateSessions);
        Field<FloatGraphType>("lateRate").Resolve(c => c.Source.Values.LateRate);
    }
}

using AttendanceGraph.Api.Disclosure;
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
        Field<LongGraphType>("enrolments").Resolve(c => c.Source.Values.Count(MeasureField.Enrolments));
        Field<LongGraphType>("possibleSessions").Resolve(c => c.Source.Values.Count(MeasureField.PossibleSessions));
        Field<LongGraphType>("attendanceSessions").Resolve(c => c.Source.Values.Count(MeasureField.AttendanceSessions));
        Field<FloatGraphType>("attendanceRate").Resolve(c => c.Source.Values.AttendanceRate);
        Field<LongGraphType>("authorisedAbsenceSessions").Resolve(c => c.Source.Values.Count(MeasureField.AuthorisedAbsenceSessions));
        Field<FloatGraphType>("authorisedAbsenceRate").Resolve(c => c.Source.Values.AuthorisedAbsenceRate);
        Field<LongGraphType>("unauthorisedAbsenceSessions").Resolve(c => c.Source.Values.Count(MeasureField.UnauthorisedAbsenceSessions));
        Field<FloatGraphType>("unauthorisedAbsenceRate").Resolve(c => c.Source.Values.UnauthorisedAbsenceRate);
        Field<LongGraphType>("overallAbsenceSessions").Resolve(c => c.Source.Values.Count(MeasureField.OverallAbsenceSessions));
        Field<FloatGraphType>("overallAbsenceRate").Resolve(c => c.Source.Values.OverallAbsenceRate);
        Field<LongGraphType>("persistentAbsenceEnrolments").Resolve(c => c.Source.Values.Count(MeasureField.PersistentAbsenceEnrolments));
        Field<FloatGraphType>("persistentAbsenceRate").Resolve(c => c.Source.Values.PersistentAbsenceRate);
        Field<LongGraphType>("severeAbsenceEnrolments").Resolve(c => c.Source.Values.Count(MeasureField.SevereAbsenceEnrolments));
        Field<FloatGraphType>("severeAbsenceRate").Resolve(c => c.Source.Values.SevereAbsenceRate);
        Field<LongGraphType>("lateSessions").Resolve(c => c.Source.Values.Count(MeasureField.LateSessions));
        Field<FloatGraphType>("lateRate").Resolve(c => c.Source.Values.LateRate);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("True when disclosure control withheld any figure in the row.")
            .Resolve(c => c.Source.Values.AnySuppressed);
    }
}

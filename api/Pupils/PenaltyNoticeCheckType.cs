using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PenaltyNoticeCheckType : ObjectGraphType<PenaltyNoticeCheck>
{
    public PenaltyNoticeCheckType()
    {
        Name = "PenaltyNoticeCheck";
        Description = "Unauthorised absence (G, N, O, U) in rolling windows of 10 school weeks (National Framework 2024: a notice must be " +
                      "considered at 10 sessions). A school week is a week with at least one session at the pupil's school; windows may " +
                      "span holidays, terms and academic years. Every window ending in a school week of the period is checked.";
        Field(p => p.SessionsInLatestWindow).Description("Sessions in the 10 school weeks ending with the last school week of the period.");
        Field(p => p.MaxSessionsInWindow).Description("The most sessions in any window ending in the period.");
        Field(p => p.MaxWindowStartWeek, nullable: true).Description("Monday of the first week of that window.");
        Field(p => p.MaxWindowEndWeek, nullable: true).Description("Monday of the last week of that window.");
        Field(p => p.ThresholdMet).Description("Whether any window ending in the period reached 10 sessions.");
    }
}

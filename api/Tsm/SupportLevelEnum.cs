using AttendanceGraph.Schema.Operational;
using GraphQL.Types;

namespace AttendanceGraph.Api.Tsm;

public sealed class SupportLevelEnum : EnumerationGraphType
{
    public SupportLevelEnum()
    {
        Name = "SupportLevel";
        Description = "The level of support agreed for a pupil at a Targeting Support Meeting (DfE \"Working together to improve school attendance\", 2024).";
        Add("UNIVERSAL", SupportLevel.Universal, "Whole-school attendance work.");
        Add("TARGETED", SupportLevel.Targeted, "Targeted support by the school with partners.");
        Add("SPECIALIST", SupportLevel.Specialist, "Intensive support with specialist services.");
        Add("STATUTORY_ATTENDANCE_CONTRACT", SupportLevel.StatutoryAttendanceContract, "An attendance contract.");
        Add("STATUTORY_EDUCATION_SUPERVISION_ORDER", SupportLevel.StatutoryEducationSupervisionOrder, "An education supervision order.");
        Add("STATUTORY_PENALTY_NOTICE", SupportLevel.StatutoryPenaltyNotice, "A penalty notice.");
        Add("STATUTORY_PROSECUTION", SupportLevel.StatutoryProsecution, "Prosecution for non-attendance.");
    }
}

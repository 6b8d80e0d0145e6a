using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class TsmBandEnum : EnumerationGraphType
{
    public TsmBandEnum()
    {
        Name = "TsmBand";
        Description = "Why a pupil is in a Targeting Support Meeting pack; the most serious band that applies.";
        Add("SEVERE_ABSENCE", TsmBand.SevereAbsence, "Missed at least 50% of possible sessions in the period.");
        Add("PERSISTENT_ABSENCE", TsmBand.PersistentAbsence, "Missed at least 10% of possible sessions in the period.");
        Add("AT_RISK", TsmBand.AtRisk, "Attendance from 90% to under 95%, or falling (last 4 school weeks below the year to date by the margin).");
        Add("NOT_IN_PACK", TsmBand.NotInPack, "Attendance 95% or more and not falling.");
    }
}

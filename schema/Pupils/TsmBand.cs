namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// Why a pupil is on a Targeting Support Meeting list, most serious first (DfE "Working together to improve school
/// attendance" 2024): severe absence (≥50% of possible sessions missed), persistent absence (≥10%), at risk
/// (attendance 90% to under 95%, or falling), or none of these.
/// </summary>
public enum TsmBand
{
    SevereAbsence,
    PersistentAbsence,
    AtRisk,
    NotInPack,
}

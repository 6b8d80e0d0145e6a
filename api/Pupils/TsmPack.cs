using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Tsm;
using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Pupils;

/// <summary>A school's Targeting Support Meeting pack: every pupil measured, and the ones in a band, most serious first.</summary>
public sealed record TsmPack(SchoolInfo School, PupilPatternOptions Options, IReadOnlyList<PupilAttendanceRow> Measured)
{
    /// <summary>Pupils in a band: severe, then persistent, then at risk; lowest attendance first within a band; then by UPN.</summary>
    public IReadOnlyList<PupilAttendanceRow> Pupils { get; } = Measured
        .Where(r => r.Patterns.Band != TsmBand.NotInPack)
        .OrderBy(r => r.Patterns.Band)
        .ThenBy(r => r.Patterns.Measures.AttendanceRate ?? 0)
        .ThenBy(r => r.Upn, StringComparer.Ordinal)
        .ToList();

    /// <summary>Each pupil's last agreed action at this school's meetings up to the period end, by UPN.</summary>
    public IReadOnlyDictionary<string, AgreedActionFollowUp> FollowUps { get; init; } = new Dictionary<string, AgreedActionFollowUp>();

    public int Count(TsmBand band) => Pupils.Count(p => p.Patterns.Band == band);
}

using AttendanceGraph.Api.Common;

namespace AttendanceGraph.Api.Benchmarks;

/// <summary>Where a school stands among its LA peers of the same phase on one measure (rank 1 = best).</summary>
public sealed record PeerPosition(
    MeasureSelector Measure,
    double? Value,
    int? Rank,
    int PeerCount,
    double? Percentile,
    int? Quartile,
    double? LocalAuthorityPhaseValue,
    double? NationalPhaseValue);

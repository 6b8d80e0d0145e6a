using AttendanceGraph.Api.Common;

namespace AttendanceGraph.Api.Schools;

public sealed record MeasureFilter(MeasureSelector Measure, double? Below, double? AtLeast)
{
    /// <summary>Compares the published value (a withheld one is never kept), so the filter reveals nothing the field hides.</summary>
    public bool Keeps(double? value) =>
        value is { } v && (Below is null || v < Below) && (AtLeast is null || v >= AtLeast);
}

using AttendanceGraph.Api.Common;

namespace AttendanceGraph.Api.Schools;

public sealed record MeasureFilter(MeasureSelector Measure, double? Below, double? AtLeast)
{
    public bool Keeps(double? value) =>
        value is { } v && (Below is null || v < Below) && (AtLeast is null || v >= AtLeast);
}

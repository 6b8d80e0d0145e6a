using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.LocalAuthority;

public sealed record PhaseMeasures(string Phase, MeasureValues Measures, NationalFigure? National);

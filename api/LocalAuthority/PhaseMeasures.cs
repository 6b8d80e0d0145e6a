using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;

namespace AttendanceGraph.Api.LocalAuthority;

public sealed record PhaseMeasures(string Phase, DisclosedMeasures Measures, NationalFigure? National);

using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.LocalAuthority;

/// <param name="Measures">A MeasureValues, or DisclosedMeasures under disclosure control.</param>
public sealed record PhaseMeasures(string Phase, object Measures, NationalFigure? National);

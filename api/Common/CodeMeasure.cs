using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Common;

public sealed record CodeMeasure(AttendanceCode Code, long Sessions, double? Rate)
{
    public static IReadOnlyList<CodeMeasure> From(MeasureValues v) =>
        v.CodeSessions is null
            ? []
            : CodeCatalogue.Instance.Codes
                .Where(c => v.CodeSessions.GetValueOrDefault(c.Code) > 0)
                .Select(c => new CodeMeasure(c, v.CodeSessions[c.Code], v.CodeRate(c.Code)))
                .ToList();
}

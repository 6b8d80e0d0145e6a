using AttendanceGraph.Schema.Pupils;
using GraphQL.Types.Relay.DataObjects;

namespace AttendanceGraph.Api.Pupils;

/// <summary>A page of one pupil's marks and the parts of the requested range they were served for.</summary>
public sealed class PupilMarksPage : Connection<PupilMark>
{
    public required IReadOnlyList<DateWindow> Served { get; init; }

    public static PupilMarksPage From(Connection<PupilMark> page, IReadOnlyList<DateWindow> served) => new()
    {
        TotalCount = page.TotalCount,
        Edges = page.Edges,
        PageInfo = page.PageInfo,
        Served = served,
    };
}

using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// A school's pupils who became persistently or severely absent since the previous load (<see cref="NewlyAbsentQuery"/>).
/// <paramref name="Previous"/> is null when there is nothing to compare with: one load so far, or a previous load made
/// before the loader recorded the day its registers reached; <paramref name="Pupils"/> is then empty.
/// </summary>
public sealed record NewlyAbsent(SchoolInfo School, LoadCoverage Latest, LoadCoverage? Previous, DateOnly AsOf, IReadOnlyList<NewlyAbsentPupil> Pupils);

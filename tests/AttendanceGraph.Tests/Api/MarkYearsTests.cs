using AttendanceGraph.Api.Data;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// A snapshot's years of marks (<see cref="SnapshotFacts.ReadMarkYears"/>: first and last mark, first possible session),
/// read from the school open days and a few weeks of marks, against their definition over every mark
/// (<see cref="SnapshotFacts.MarkYearsSql"/>). The warehouse is the hand-checked LA (2025/26: marked 3–12 September 2025,
/// a possible session the first day) plus P1 at Alpha in 2026/27, closed (#, not a possible session) on Tuesday 1 September
/// 2026 and present on Wednesday 25 November 2026 (12 weeks later: past the four fortnights looked at one by one), and in
/// 2027/28 only closed, on Tuesday 7 September 2027 (no possible session that year).
/// </summary>
public sealed class MarkYearsTests : IDisposable
{
    private readonly EtlWarehouse warehouse = new();

    public MarkYearsTests()
    {
        var dir = warehouse.NewFolder("later-years");
        foreach (var f in Directory.GetFiles(warehouse.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(dir, "marks.csv"),
            $"{P1},{Alpha},2026-09-01,AM,#\n{P1},{Alpha},2026-09-01,PM,#\n{P1},{Alpha},2026-11-25,AM,/\n{P1},{Alpha},2026-11-25,PM,/\n" +
            $"{P1},{Alpha},2027-09-07,AM,#\n{P1},{Alpha},2027-09-07,PM,#\n");
        warehouse.Load(new LoadOptions(LaCode: 319) { Dates = new DateRules(new DateOnly(2027, 9, 30)) }, dir);
    }

    [Fact]
    public void EachYearsFirstAndLastMarkAndFirstPossibleSession_AreTheDefinitions()
    {
        using var c = warehouse.Open();

        var read = SnapshotFacts.ReadMarkYears(c);

        Assert.Equal(
        [
            new MarkYear(new(2025), new(2025, 9, 3), new(2025, 9, 12), new(2025, 9, 3)),
            new MarkYear(new(2026), new(2026, 9, 1), new(2026, 11, 25), new(2026, 11, 25)),
            new MarkYear(new(2027), new(2027, 9, 7), new(2027, 9, 7), null),
        ], read);
        var definition = c.Rows(SnapshotFacts.MarkYearsSql).Select(r => new MarkYear(new(r.GetInt16(0)), r.GetFieldValue<DateOnly>(1),
            r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))).ToList();
        Assert.Equal(definition, read);
    }

    public void Dispose() => warehouse.Dispose();
}

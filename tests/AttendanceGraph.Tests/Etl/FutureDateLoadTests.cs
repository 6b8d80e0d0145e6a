using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// The finding of issue 16: 20 marks dated 2099-01-05 were loaded with exit 0. They are now rejected, and
/// --as-of / --future-days decide what "today" and its margin are.
/// </summary>
public sealed class FutureDateLoadTests
{
    [Fact]
    public void TwentyMarksDatedIn2099_RejectTheBatch_NamingFileLineColumnAndReason()
    {
        using var w = new EtlWarehouse();
        var dir = w.NewFolder("stray");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        // marks.csv has a header and 128 rows: the stray marks are lines 130 to 149 (one mark repeated; the date
        // is checked before duplicates, so each is rejected for its date).
        File.AppendAllLines(Path.Combine(dir, "marks.csv"), Enumerable.Repeat($"{P1},{Alpha},2099-01-05,AM,/", 20));

        var (code, output, _) = EtlWarehouse.Cli("load", dir, "--la", "319", "--warehouse", w.Paths.Root, "--as-of", "2025-09-30");

        Assert.Equal(1, code);
        Assert.Contains("DateInFuture: 20", output);
        Assert.Contains("marks.csv line 130, column date: mark dated 2099-01-05 is more than 7 days after today (2025-09-30)", output);
        Assert.Null(w.Current);
    }

    [Theory]
    [InlineData("1", 1)] // Friday 12 September is two days after the as-of date: its 16 marks are too far ahead
    [InlineData("2", 0)]
    public void AsOfAndFutureDays_DecideTheLastDayAMarkMayHave(string futureDays, int exitCode)
    {
        using var w = new EtlWarehouse();

        var (code, output, _) = EtlWarehouse.Cli("validate", w.HandChecked, "--la", "319", "--warehouse", w.Paths.Root,
            "--as-of", "2025-09-10", "--future-days", futureDays);

        Assert.Equal(exitCode, code);
        if (exitCode == 1) Assert.Contains("DateInFuture: 16", output);
        else Assert.Contains("no errors", output);
    }

    [Theory]
    [InlineData("--future-days", "-1", "--future-days must be 0 or more, got -1")]
    [InlineData("--as-of", "2005-09-01", "--as-of must be in 2006/07 or later, got 2005-09-01")]
    [InlineData("--as-of", "1/9/2025", "--as-of must be a date like 2026-11-20, got '1/9/2025'")]
    public void ANonsensicalAsOfOrMargin_IsAUsageError(string option, string value, string message)
    {
        using var w = new EtlWarehouse();

        var (code, _, error) = EtlWarehouse.Cli("load", w.HandChecked, "--warehouse", w.Paths.Root, option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Null(w.Current);
    }
}

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
    [InlineData("9999-12-31", "date of birth 9999-12-31 is after today (2025-09-30)")]
    [InlineData("1899-12-31", "date of birth 1899-12-31 is before 1900-01-01")]
    public void AnImpossibleDateOfBirth_IsRejected_NamingFileLineAndColumn(string dob, string reason)
    {
        using var w = new EtlWarehouse();
        var dir = w.NewFolder("dob");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var pupils = Path.Combine(dir, "pupils.csv");
        // P1's row is line 2.
        File.WriteAllText(pupils, File.ReadAllText(pupils).Replace($"{P1},{Alpha},2022-09-01,,2018-03-01,", $"{P1},{Alpha},2022-09-01,,{dob},"));

        var (code, output, _) = EtlWarehouse.Cli("validate", dir, "--la", "319", "--warehouse", w.Paths.Root, "--as-of", "2025-09-30");

        Assert.Equal(1, code);
        Assert.Contains($"pupils.csv line 2, column date_of_birth: {reason}", output);
    }

    [Fact]
    public void ADfeRowsDateOfBirthAfterToday_IsRejected_NamingFileLineAndColumn()
    {
        using var w = new EtlWarehouse();
        var dfe = Totals.SessionTotalsFiles.Write(w.NewFolder("dfe"), "vyed.csv",
            Totals.SessionTotalsFiles.Row(P1, Alpha, new DateOnly(2025, 9, 15), 10, 0, 0, 0, dob: "2030-01-01"));

        var (code, output, _) = EtlWarehouse.Cli("validate", Totals.SessionTotalsFiles.Schools(w), dfe, "--la", "319", "--warehouse", w.Paths.Root,
            "--as-of", "2025-11-20");

        Assert.Equal(1, code);
        Assert.Contains("vyed.csv line 2, column DOB: date of birth 2030-01-01 is after today (2025-11-20)", output);
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

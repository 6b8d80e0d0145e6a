using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Tests.Schema;

public class CodeCatalogueTests
{
    private static readonly CodeCatalogue Codes = CodeCatalogue.Instance;

    [Fact]
    public void Catalogue_HoldsEvery2024Code() => Assert.Equal(34, Codes.Codes.Count);

    [Theory]
    [InlineData("D"), InlineData("X"), InlineData("Q"), InlineData("Y1"), InlineData("Y7"), InlineData("Z"), InlineData("#")]
    public void NotPossibleSessions_AreExcludedFromPossible(string code)
    {
        Assert.False(Codes[code].IsPossibleSession);
        Assert.DoesNotContain(Codes[code], MeasureDefinitions.Possible.Codes);
    }

    [Fact]
    public void Possible_IsExactlyTheCodesMarkedPossible() =>
        Assert.Equal(Codes.Codes.Where(c => c.IsPossibleSession).Select(c => c.Code).Order(),
            MeasureDefinitions.Possible.Codes.Select(c => c.Code).Order());

    [Fact]
    public void Attendance_IsPresentAndApprovedEducationalActivity() =>
        Assert.Equal(["/", "B", "K", "L", "P", "V", "W", "\\"],
            MeasureDefinitions.Attendance.Codes.Select(c => c.Code).Order(StringComparer.Ordinal).ToArray()
                .Order().ToArray());

    [Fact]
    public void PenaltyNoticeCodes_AreTheUnauthorisedOnes() =>
        Assert.Equal(["G", "N", "O", "U"], Codes.Codes.Where(c => c.CountsForPenaltyNotice).Select(c => c.Code).Order().ToArray());

    [Fact]
    public void LegacyCodes_MapToTheir2024Successors()
    {
        Assert.True(Codes.TryResolve("H", allowLegacy: true, out var h));
        Assert.Equal("C", h.Code);
        Assert.True(Codes.TryResolve("J", allowLegacy: true, out var j));
        Assert.Equal(AttendanceCategory.AuthorisedAbsence, j.Category);
        Assert.False(Codes.TryResolve("H", allowLegacy: false, out _));
    }

    [Fact]
    public void ColumnNames_AreUniqueSqlIdentifiers()
    {
        var columns = Codes.Codes.Select(c => c.Column).ToList();
        Assert.Equal(columns.Count, columns.Distinct().Count());
        Assert.All(columns, c => Assert.Matches("^[a-z_][a-z0-9_]*$", c));
    }
}

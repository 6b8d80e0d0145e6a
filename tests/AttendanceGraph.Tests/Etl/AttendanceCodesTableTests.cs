using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>Raw marks carry a code id; the warehouse's attendance_codes table is how SQL and BI tools decode it.</summary>
public sealed class AttendanceCodesTableTests
{
    [Fact]
    public void AttendanceCodes_HoldsTheCatalogue_AndDecodesRawMarks()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using var c = w.Open();
        Assert.Equal(CodeCatalogue.Instance.Codes.Count, c.Scalar<long>("SELECT count(*) FROM attendance_codes"));
        Assert.Equal("I|authorised_absence|True|n_i", Assert.Single(EtlWarehouse.Rows(c,
            "SELECT code, category, possible_session, count_column FROM attendance_codes WHERE code = 'I'")));
        // Hand-checked: P2's two I, P3's eight I before 9 September, P6's one M.
        const string authorised = """
            SELECT count(*) FROM marks m JOIN attendance_codes k USING (code_id) WHERE k.category = 'authorised_absence'
            """;
        Assert.Equal(11, c.Scalar<long>(authorised));
        Assert.Equal(11, c.Scalar<long>("SELECT sum(c_authorised)::BIGINT FROM agg_enrolment_week"));
    }

    [Theory]
    [InlineData("/", "present")]
    [InlineData("K", "approved_educational_activity")]
    [InlineData("I", "authorised_absence")]
    [InlineData("O", "unauthorised_absence")]
    [InlineData("Y2", "not_counted")]
    [InlineData("#", "administrative")]
    public void CategoryName_IsHowTheDomainCodeListSpellsIt(string code, string category) =>
        Assert.Equal(category, CodeCatalogue.CategoryName(CodeCatalogue.Instance[code].Category));
}

using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Schema;

public class UpnTests
{
    [Fact]
    public void CheckLetter_AcceptsTheDfEExample() => Assert.True(Upn.IsValid("B801200005001"));

    [Fact]
    public void CheckLetter_RejectsAWrongLetter()
    {
        Assert.False(Upn.IsValid("A801200005001"));
        Assert.Equal("UPN check letter is 'A', expected 'B'", Upn.Validate("A801200005001"));
    }

    [Theory]
    [InlineData("B80120000500", "UPN must be 13 characters, got 12")]
    [InlineData("B8012000050X1", "UPN character 12 must be a digit")]
    [InlineData("I801200005001", "UPN must start with a check letter")]
    public void Validate_NamesWhatIsWrong(string upn, string reason) => Assert.Equal(reason, Upn.Validate(upn));

    [Fact]
    public void Create_ProducesValidUpns()
    {
        // Hand-computed: body 319100026042 → 3·2+1·3+9·4+1·5+0+0+0+2·9+6·10+0+4·12+2·13 = 202; 202 mod 23 = 18 → 'V'.
        Assert.Equal("V319100026042", Upn.Create(319, 1000, 2026, 42));
        Assert.True(Upn.IsValid(Upn.Create(380, 4001, 2019, 999)));
    }

    [Fact]
    public void TemporaryUpn_EndingInALetter_IsChecked()
    {
        var body = "31910002604A";
        var upn = Upn.CheckLetter(body) + body;
        Assert.True(Upn.IsValid(upn));
    }
}

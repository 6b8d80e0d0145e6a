using AttendanceGraph.Etl.Read;

namespace AttendanceGraph.Tests.Read;

/// <summary>The DfE reader's shortcuts give what the general routines they stand in front of give.</summary>
public sealed class FieldParsingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("000000009")]
    [InlineData("123456789")]
    [InlineData("1234567890")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("99999999999")]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.0")]
    [InlineData("\u0661\u0662")]
    [InlineData("\uff11")]
    public void TryInt_ReadsWhatIntTryParseReads(string text)
    {
        var expected = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value);
        Assert.Equal((expected, value), (TextDecoding.TryInt(text, out var read), read));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(" abc")]
    [InlineData("abc ")]
    [InlineData("\tabc\t")]
    [InlineData("\u00a0abc")]
    [InlineData("abc\u00a0")]
    [InlineData("\u2003abc")]
    [InlineData("é")]
    [InlineData("  ")]
    [InlineData("a b")]
    public void AFieldsValue_IsItsTextTrimmed(string field)
    {
        var csv = new CsvRecordReader($"x,{field},y\n");
        Assert.True(csv.Next());
        Assert.Equal(field.Trim(), csv.Value(1).ToString());
        Assert.Equal(field.Trim(), csv.Field(1));
    }

    [Fact]
    public void UpnKeys_TellEveryUpnApart_AndRefuseOtherTexts()
    {
        string[] upns = ["A319200115001", "A319200115002", "B319200115001", "A31920011500A", "A31920011500B",
            "Z999999999999", "A000000000000", "A00000000000Z", "B000000000000"];
        var keys = upns.Select(u => SmallFileReaders.UpnKey(u)).ToList();
        Assert.All(keys, k => Assert.True(k >= 0));
        Assert.Equal(upns.Distinct().Count(), keys.Distinct().Count());
        Assert.Equal(SmallFileReaders.UpnKey("A319200115001"), SmallFileReaders.UpnKey("A319200115001".AsSpan()));
        // One position at a time, every character a UPN may hold there: no two texts share a key.
        var seen = new Dictionary<long, string>();
        const string template = "K319200115001";
        for (var i = 0; i < 13; i++)
        {
            var alphabet = i == 0 ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ" : i == 12 ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "0123456789";
            foreach (var ch in alphabet)
            {
                var text = template[..i] + ch + template[(i + 1)..];
                var key = SmallFileReaders.UpnKey(text);
                Assert.True(!seen.TryGetValue(key, out var other) || other == text, $"{text} and {other} share key {key}");
                seen[key] = text;
            }
        }
        foreach (var other in new[] { "", "a319200115001", "A31920011500", "A3192001150011", "A31920011500a", "A3192001150 1", "1319200115001", "A31920O115001" })
            Assert.Equal(-1, SmallFileReaders.UpnKey(other));
    }
}

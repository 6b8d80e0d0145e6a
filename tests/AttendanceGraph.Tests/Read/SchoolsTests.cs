using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;

namespace AttendanceGraph.Tests.Read;

public class SchoolsTests
{
    private static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }

    [Fact]
    public void Gias_Windows1252_AccentedNameDecodes_AndUkDatesParse()
    {
        using var t = new TestBatch();
        // As published: Windows-1252, quoted fields with commas, dd-mm-yyyy dates, a curly apostrophe (0x92).
        t.Write("edubasealldata20261120.csv", $"""
            {TestBatch.GiasHeader},Street
            100001,319,Sutton,2001,St Thérèse's Catholic Primary School,Voluntary aided school,Primary,Open,01-09-1990,31-08-2025,4,11,"Rue d'Été, Carshalton"
            100002,319,Sutton,2002,St Mary’s School,Voluntary aided school,Primary,Open,,,,,High St
            """ + "\n", Windows1252);

        var batch = t.Read(new ReadOptions(LaCode: 319));

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        var s = batch.Schools.Single(x => x.Urn == 100001);
        Assert.Equal("St Thérèse's Catholic Primary School", s.Name);
        Assert.Equal(new DateOnly(1990, 9, 1), s.OpenDate);
        Assert.Equal(new DateOnly(2025, 8, 31), s.CloseDate);
        Assert.Equal((4, 11), (s.StatutoryLowAge, s.StatutoryHighAge));
        Assert.Equal(3192001, s.Laestab);
        var mary = batch.Schools.Single(x => x.Urn == 100002);
        Assert.Equal("St Mary’s School", mary.Name);
        Assert.Null(mary.OpenDate);
        Assert.Null(mary.StatutoryLowAge);
    }

    [Fact]
    public void Gias_ResavedAsUtf8_StillDecodes()
    {
        using var t = new TestBatch();
        t.Write("schools.csv", $"{TestBatch.GiasHeader}\n100001,319,Sutton,2001,St Thérèse's School,Community school,Primary,Open,,,4,11\n",
            new UTF8Encoding(false));

        var batch = t.Read(new ReadOptions(LaCode: 319));

        Assert.Equal("St Thérèse's School", Assert.Single(batch.Schools).Name);
    }

    [Fact]
    public void OtherLasSchools_AreKept_WithTheirOwnLaCode()
    {
        using var t = new TestBatch();
        t.WriteSchools();

        var sutton = t.Read(new ReadOptions(LaCode: 319));

        // Kept for residency; the warehouse, which records the LA it serves, leaves 200001 out of Sutton's schools and figures.
        Assert.Equal([(100001, 319), (100002, 319), (200001, 333)], sutton.Schools.Select(s => (s.Urn, s.LaCode)).Order());
        Assert.Equal(4L, sutton.Schools.Single(s => s.Urn == 200001).Source!.Line);
        Assert.False(sutton.Report.HasErrors);
    }

    [Fact]
    public void OtherLasUnsoundRows_NeverRejectTheBatch_AndAreNotKept()
    {
        using var t = new TestBatch();
        t.Write("schools.csv", $"""
            {TestBatch.GiasHeader}
            100001,319,Sutton,2001,Alpha,Community school,Primary,Open,,,4,11
            200001,333,Sandwell,,Gamma,Community school,Primary,Open,not a date,,4,11
            """ + "\n");

        var batch = t.Read(new ReadOptions(LaCode: 319));

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Single(batch.Schools);
    }

    [Fact]
    public void Phase_IsSpecialByType_AndAllThroughIsSecondary()
    {
        using var t = new TestBatch();
        t.Write("schools.csv", $"""
            {TestBatch.GiasHeader}
            100001,319,Sutton,7001,Carew Academy,Academy special converter,Not applicable,Open,,,7,19
            100002,319,Sutton,7002,Sherwood Park,Community special school,Primary,Open,,,3,11
            100003,319,Sutton,4001,Harris Academy,Academy sponsor led,All-through,Open,,,4,19
            100004,319,Sutton,2003,Middle Primary,Community school,Middle deemed primary,Open,,,8,12
            100005,319,Sutton,4002,Middle Secondary,Community school,Middle deemed secondary,Open,,,9,13
            100006,319,Sutton,1100,Sutton PRU,Pupil referral unit,Not applicable,Open,,,11,16
            100007,319,Sutton,1001,Tiny Nursery,Local authority nursery school,Nursery,Open,,,2,5
            100008,319,Sutton,4003,Sixth Form,Academy 16-19 converter,16 plus,Open,,,16,19
            100009,319,Sutton,4004,Wilson's School,Academy converter,Secondary,Open,,,11,18
            """ + "\n");

        var phases = t.Read(new ReadOptions(LaCode: 319)).Schools.ToDictionary(s => s.Urn, s => s.Phase);

        Assert.Equal("Special", phases[100001]);
        Assert.Equal("Special", phases[100002]);
        Assert.Equal("Secondary", phases[100003]);
        Assert.Equal("Primary", phases[100004]);
        Assert.Equal("Secondary", phases[100005]);
        Assert.Equal("Other", phases[100006]);
        Assert.Equal("Other", phases[100007]);
        Assert.Equal("Other", phases[100008]);
        Assert.Equal("Secondary", phases[100009]);
    }

    [Theory]
    [InlineData("Foundation special school", "Secondary", "Special")]
    [InlineData("Free schools special", "All-through", "Special")]
    [InlineData("Academy special sponsor led", "Not applicable", "Special")]
    [InlineData("Non-maintained special school", "Primary", "Special")]
    [InlineData("Community school", "Primary", "Primary")]
    [InlineData("Free schools", "All-through", "Secondary")]
    [InlineData("Academy alternative provision converter", "Not applicable", "Other")]
    public void StatisticsPhase_FollowsDfEStatistics(string type, string phaseOfEducation, string expected) =>
        Assert.Equal(expected, StatisticsPhase.From(type, phaseOfEducation));

    [Fact]
    public void Schools_BadDate_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var path = t.Write("schools.csv", $"""
            {TestBatch.GiasHeader}
            100001,319,Sutton,2001,Alpha,Community school,Primary,Open,01-09-1990,,4,11
            100002,319,Sutton,2002,Beta,Community school,Primary,Open,1990-09-01,,4,11
            """ + "\n");

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.BadDate));
        Assert.Equal((path, 3L, "OpenDate"), (r.File, r.Line, r.Column));
        Assert.Equal([100001], batch.Schools.Select(s => s.Urn));
    }

    [Fact]
    public void Schools_DuplicateUrn_IsDuplicateRow()
    {
        using var t = new TestBatch();
        var path = t.Write("schools.csv", $"""
            {TestBatch.GiasHeader}
            100001,319,Sutton,2001,Alpha,Community school,Primary,Open,,,4,11
            100001,319,Sutton,2001,Alpha again,Community school,Primary,Open,,,4,11
            """ + "\n");

        var r = Assert.Single(t.Read().Report.Examples(RejectionReason.DuplicateRow));
        Assert.Equal((path, 3L, "URN"), (r.File, r.Line, r.Column));
    }
}

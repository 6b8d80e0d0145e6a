using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Read.TestBatch;

namespace AttendanceGraph.Tests.Read;

/// <summary>
/// The LA's cohort definitions file (cohort,name,description) and the memberships that name its cohorts: every bad row is
/// rejected with file, line, column and reason, and a batch holding one is not loaded at all.
/// </summary>
public sealed class CohortDefinitionFileTests
{
    private const string DefinitionsHeader = "cohort,name,description";

    private static (ReadBatch Batch, string Definitions, string Memberships) Read(string definitions, string memberships = "",
        ExistingWarehouseState? existing = null)
    {
        using var t = new TestBatch();
        var d = t.Write("la_cohorts.csv", DefinitionsHeader + "\n" + definitions.Trim('\n') + "\n");
        var m = t.Write("memberships.csv", CohortHeader + "\n" + memberships.Trim('\n') + "\n");
        return (t.Read(existing: existing), d, m);
    }

    private static Rejection Only(ReadBatch batch, RejectionReason reason)
    {
        Assert.Equal(1, batch.Report.TotalRejected);
        return Assert.Single(batch.Report.Examples(reason));
    }

    [Fact]
    public void ADefinitionsFile_IsRecognisedByItsHeader_AndKeysAreReadInCapitals()
    {
        var (batch, _, _) = Read("""
            young_carers,Young carers,Pupils the young carers service supports
            EBSA,"Emotionally based school avoidance","Pupils with an EBSA support plan, from the EP service"
            """, $"{Pupil1},Young_Carers,2024-09-01,");

        Assert.False(batch.Report.HasErrors);
        Assert.Equal(
            [new CohortDefinitionRecord("YOUNG_CARERS", "Young carers", "Pupils the young carers service supports"),
             new CohortDefinitionRecord("EBSA", "Emotionally based school avoidance", "Pupils with an EBSA support plan, from the EP service")],
            batch.CohortDefinitions);
        Assert.Equal("YOUNG_CARERS", Assert.Single(batch.CohortMemberships).Cohort);
    }

    [Fact]
    public void ADuplicateKey_IsRejected_NamingTheFirstDeclaration()
    {
        var (batch, path, _) = Read("""
            YOUNG_CARERS,Young carers,Supported by the young carers service
            young_carers,Young carers (2),Again
            """);
        var r = Only(batch, RejectionReason.DuplicateRow);
        Assert.Equal((path, 3L, "cohort"), (r.File, r.Line, r.Column));
        Assert.Contains("line 2", r.Detail);
        Assert.Single(batch.CohortDefinitions);
    }

    [Theory]
    [InlineData("LOOKED_AFTER")]
    [InlineData("send")]
    [InlineData("SOCIAL_WORKER")]
    [InlineData("ALL_PUPILS")]
    public void AStatutoryKey_IsRejected(string key)
    {
        var (batch, path, _) = Read($"{key},Our own,Clashes with a statutory cohort");
        var r = Only(batch, RejectionReason.BadCohortKey);
        Assert.Equal((path, 2L, "cohort"), (r.File, r.Line, r.Column));
        Assert.Contains("statutory", r.Detail);
        Assert.Empty(batch.CohortDefinitions);
    }

    [Theory]
    [InlineData("1ST_TIME")]
    [InlineData("YOUNG CARERS")]
    [InlineData("YOUNG-CARERS")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO")] // 41 characters
    public void AKeyOfTheWrongShape_IsRejected(string key)
    {
        var (batch, path, _) = Read($"{key},A name,A description");
        var r = Only(batch, RejectionReason.BadCohortKey);
        Assert.Equal((path, 2L, "cohort"), (r.File, r.Line, r.Column));
        Assert.Empty(batch.CohortDefinitions);
    }

    [Theory]
    [InlineData("YOUNG_CARERS,,Supported by the service", "name")]
    [InlineData("YOUNG_CARERS,Young carers,", "description")]
    [InlineData(",Young carers,Supported by the service", "cohort")]
    public void AMissingValue_IsRejectedNamingItsColumn(string row, string column)
    {
        var (batch, path, _) = Read(row);
        var r = Only(batch, RejectionReason.MissingValue);
        Assert.Equal((path, 2L, column), (r.File, r.Line, r.Column));
    }

    [Fact]
    public void AMembershipOfAnUndeclaredCohort_IsRejected_AndOfACohortAnEarlierLoadDeclared_IsNot()
    {
        var (batch, _, path) = Read("YOUNG_CARERS,Young carers,Supported by the service", $"""
            {Pupil1},YOUNG_CARERS,2024-09-01,
            {Pupil1},YOUTH_JUSTICE,2024-09-01,
            """);
        var r = Only(batch, RejectionReason.UnknownCohort);
        Assert.Equal((path, 3L, "cohort"), (r.File, r.Line, r.Column));

        var known = ExistingWarehouseState.Empty with { LaCohortKeys = new HashSet<string> { "YOUTH_JUSTICE" } };
        var (later, _, _) = Read("YOUNG_CARERS,Young carers,Supported by the service", $"{Pupil1},youth_justice,2024-09-01,", known);
        Assert.False(later.Report.HasErrors);
        Assert.Equal("YOUTH_JUSTICE", Assert.Single(later.CohortMemberships).Cohort);
    }

    [Fact]
    public void AMembershipWhoseCohortsDeclarationWasRejected_IsRejectedToo()
    {
        var (batch, _, path) = Read("YOUNG_CARERS,,no name", $"{Pupil1},YOUNG_CARERS,2024-09-01,");
        Assert.Equal(2, batch.Report.TotalRejected);
        var r = Assert.Single(batch.Report.Examples(RejectionReason.UnknownCohort));
        Assert.Equal((path, 2L, "cohort"), (r.File, r.Line, r.Column));
    }

    [Theory]
    [InlineData("2024-13-01,", "start_date", RejectionReason.BadDate)]
    [InlineData("2024-09-01,2024-08-31", "end_date", RejectionReason.EndBeforeStart)]
    [InlineData("2099-09-01,", "start_date", RejectionReason.DateInFuture)]
    public void BadMembershipDates_OfAnLaCohort_AreRejected(string dates, string column, RejectionReason reason)
    {
        var (batch, _, path) = Read("YOUNG_CARERS,Young carers,Supported by the service", $"{Pupil1},YOUNG_CARERS,{dates}");
        var r = Only(batch, reason);
        Assert.Equal((path, 2L, column), (r.File, r.Line, r.Column));
    }

    [Fact]
    public void ABatchWithABadDefinition_IsNotLoadedAtAll()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = w.Dump();
        var dir = YoungCarers.Write(w.NewFolder("cohorts"));
        File.AppendAllText(Path.Combine(dir, "la_cohorts.csv"), "FSM,Free meals,Clashes with a statutory key\n");

        var e = Assert.Throws<BatchRejectedException>(() => w.Load(dir));
        Assert.Equal(1, e.Report.Count(RejectionReason.BadCohortKey));
        Assert.Equal(before, w.Dump());
    }
}

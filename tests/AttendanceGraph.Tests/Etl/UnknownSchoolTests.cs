using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>Rows for a school that --la filtered out (Merton, LA 315, in the hand-checked GIAS extract) say so.</summary>
public sealed class UnknownSchoolTests
{
    private static readonly string MertonPupil = AttendanceGraph.Schema.Identifiers.Upn.Create(315, 2001, 2018, 9);

    private static string WithMertonPupil(EtlWarehouse w)
    {
        var dir = w.NewFolder("with-merton");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir, "merton_pupils.csv"),
            $"upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n{MertonPupil},{Merton},2022-09-01,,2018-04-01,F,3\n");
        w.WriteMarks(Path.Combine(dir, "merton_marks.csv"), [(MertonPupil, Merton, Days[0], "AM", "/"), (MertonPupil, Merton, Days[0], "PM", "\\")]);
        return dir;
    }

    [Fact]
    public void EnrolmentsAndMarksAtASchoolOfAnotherLa_AreRejectedAsUnknownSchool_NamingTheLa()
    {
        using var w = new EtlWarehouse();
        var (code, output, _) = EtlWarehouse.Cli("load", WithMertonPupil(w), "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(1, code);
        Assert.Contains("UnknownSchool: 3", output);
        Assert.Contains($"merton_pupils.csv line 2, column school_urn: school URN {Merton} belongs to LA 315, not LA 319 being loaded (--la 319)", output);
        Assert.Contains($"merton_marks.csv line 2, column school_urn: school URN {Merton} belongs to LA 315", output);
        Assert.DoesNotContain("NoEnrolment", output);
        Assert.Null(w.Current);
    }

    [Fact]
    public void WithSkipInvalid_TheOtherLasRowsAreLeftOut_AndTheRestLoads()
    {
        using var w = new EtlWarehouse();
        var result = w.Load(new AttendanceGraph.Etl.Pipeline.LoadOptions(LaCode: 319, SkipInvalid: true), WithMertonPupil(w));

        Assert.Equal(3, result.Report.TotalRejected);
        using var c = w.Open();
        Assert.Equal(0, c.Scalar<long>($"SELECT count(*) FROM schools WHERE urn = {Merton}"));
        Assert.Equal(0, c.Scalar<long>($"SELECT count(*) FROM enrolments WHERE urn = {Merton}"));
        Assert.Equal(0, c.Scalar<long>($"SELECT count(*) FROM marks WHERE urn = {Merton}"));
        Assert.Equal(0, c.Scalar<long>($"SELECT count(*) FROM pupils WHERE upn = '{MertonPupil}'"));
        Assert.Equal(128, c.Scalar<long>("SELECT count(*) FROM marks"));
    }
}

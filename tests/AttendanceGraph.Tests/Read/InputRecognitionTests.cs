using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;

namespace AttendanceGraph.Tests.Read;

public class InputRecognitionTests
{
    private const string BenchmarkRows = """
        time_period,time_identifier,geographic_level,country_code,country_name,old_la_code,new_la_code,la_name,education_phase,source,sess_overall_percent,sess_authorised_percent,sess_unauthorised_percent,enrolments_pa_10_exact_percent,enrolments_pa_50_exact_percent
        202425,Academic year,National,E92000001,England,,,,Total,daily,6.87,4.54,2.33,18.7,x
        202425,Academic year,Local authority,E92000001,England,319,E09000029,Sutton,Primary,daily,4.79,x,c,11.6,low
        """;

    [Fact]
    public void Kind_IsRecognisedFromHeader_WithGiasFileNameAndShuffledExtraColumns()
    {
        using var t = new TestBatch();
        // Source-system names that say nothing about the content; extra columns in a shuffled order.
        var schools = t.Write("edubasealldata20261120.csv", """
            Street,EstablishmentName,StatutoryHighAge,URN,Postcode,LA (name),TypeOfEstablishment (name),LA (code),OpenDate,EstablishmentNumber,PhaseOfEducation (name),CloseDate,EstablishmentStatus (name),StatutoryLowAge
            "1 High St, Sutton",Alpha Primary School,11,100001,SM1 1AA,Sutton,Community school,319,01-09-1990,2001,Primary,,Open,4
            """ + "\n");
        var pupils = t.Write("export_2024-11-20_SIMS.csv", $"""
            nc_year,sex,school_urn,surname,upn,date_of_birth,leaving_date,entry_date
            3,F,100001,Smith,{TestBatch.Pupil1},2016-05-01,,2024-09-01
            """ + "\n");
        var marks = t.Write("attendance_extract.csv", $"""
            code,session,date,upn,school_urn,register_comment
            /,AM,2024-09-02,{TestBatch.Pupil1},100001,
            """ + "\n");
        var cohorts = t.Write("lac.csv", $"cohort,end_date,upn,start_date\nLOOKED_AFTER,,{TestBatch.Pupil1},2024-10-01\n");
        var bench = t.Write("ees_download.csv", BenchmarkRows + "\n");

        var batch = t.Read(new ReadOptions(LaCode: 319));

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        var kinds = batch.Files.ToDictionary(f => Path.GetFileName(f.Path), f => f.Kind);
        Assert.Equal(InputKind.Schools, kinds[Path.GetFileName(schools)]);
        Assert.Equal(InputKind.Enrolments, kinds[Path.GetFileName(pupils)]);
        Assert.Equal(InputKind.Marks, kinds[Path.GetFileName(marks)]);
        Assert.Equal(InputKind.CohortMemberships, kinds[Path.GetFileName(cohorts)]);
        Assert.Equal(InputKind.Benchmarks, kinds[Path.GetFileName(bench)]);
        Assert.All(batch.Files, f => Assert.True(f.Rows >= 1));

        var school = Assert.Single(batch.Schools);
        Assert.Equal((100001, 319, 2001, "Alpha Primary School"), (school.Urn, school.LaCode, school.EstablishmentNumber, school.Name));
        var enrolment = Assert.Single(batch.Enrolments);
        Assert.Equal(new EnrolmentRecord(TestBatch.Pupil1, 100001, new DateOnly(2024, 9, 1), null, new DateOnly(2016, 5, 1), "F", "3"), enrolment);
        Assert.Single(batch.CohortMemberships);
        Assert.Equal(2, batch.Benchmarks.Count);

        var sinks = new SinkCollector();
        Assert.Equal(1, batch.StreamMarks(sinks.Create));
        var mark = Assert.Single(sinks.All);
        Assert.Equal((100001, 1, new DateOnly(2024, 9, 2), (byte)0), (mark.Urn, mark.PupilId, mark.Date, mark.Session));
    }

    [Fact]
    public void UnrecognisedHeader_IsRejectedListingWhatEachKindNeeds()
    {
        using var t = new TestBatch();
        var path = t.Write("mystery.csv", "pupil,school,when\nx,y,z\n");

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.UnrecognisedHeader));
        Assert.Equal(path, r.File);
        Assert.Equal(1, r.Line);
        foreach (var kind in Enum.GetValues<InputKind>()) Assert.Contains(kind.ToString(), r.Detail);
        Assert.Contains("school_urn", r.Detail);
        Assert.Contains("EstablishmentName", r.Detail);
        Assert.DoesNotContain(batch.Files, f => f.Path == path);
    }

    [Fact]
    public void Enrolments_InvalidUtf8_IsWrongEncodingWithFileAndLine()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        var bytes = Encoding.UTF8.GetBytes($"{TestBatch.EnrolmentHeader}\n{TestBatch.Pupil1},100001,2024-09-01,,2016-05-01,F,3\n")
            .Concat(Encoding.Latin1.GetBytes($"{TestBatch.Pupil2},100001,2024-09-01,,2016-06-01,M,3 Zoë\n")).ToArray();
        var path = t.WriteBytes("pupils.csv", bytes);

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.WrongEncoding));
        Assert.Equal(path, r.File);
        Assert.Equal(3, r.Line);
        Assert.Contains("UTF-8", r.Detail);
        Assert.Empty(batch.Enrolments);
    }

    [Fact]
    public void Marks_InvalidUtf8_IsWrongEncodingWithFileAndLine()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        t.WriteEnrolments();
        var good = Encoding.UTF8.GetBytes($"{TestBatch.MarksHeader}\n{TestBatch.Pupil1},100001,2024-09-02,AM,/\n{TestBatch.Pupil1},100001,2024-09-02,PM,\\\n");
        var path = t.WriteBytes("marks.csv", [.. good, .. Encoding.UTF8.GetBytes($"{TestBatch.Pupil1},100001,2024-09-03,AM,"), 0xFF, (byte)'\n']);

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.WrongEncoding));
        Assert.Equal((path, 4L), (r.File, r.Line));
        Assert.Equal(0, batch.StreamMarks(new SinkCollector().Create));
    }

    [Fact]
    public void Utf8Bom_AndCrLfLineEnds_AreAccepted()
    {
        using var t = new TestBatch();
        t.WriteSchools();
        File.WriteAllText(Path.Combine(t.Dir, "pupils.csv"),
            $"{TestBatch.EnrolmentHeader}\r\n{TestBatch.Pupil1},100001,2024-09-01,,2016-05-01,F,3\r\n", new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(t.Dir, "marks.csv"),
            $"{TestBatch.MarksHeader}\r\n{TestBatch.Pupil1},100001,2024-09-02,AM,/\r\n{TestBatch.Pupil1},100001,2024-09-02,PM,\\\r\n", new UTF8Encoding(true));

        var batch = t.Read();
        var sinks = new SinkCollector();
        var accepted = batch.StreamMarks(sinks.Create);

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        Assert.Equal("3", Assert.Single(batch.Enrolments).NcYear);
        Assert.Equal(2, accepted);
        Assert.Equal(2, batch.Files.Single(f => f.Kind == InputKind.Marks).Rows);
    }

    [Fact]
    public void Benchmarks_GssSymbolsAreNull()
    {
        using var t = new TestBatch();
        t.Write("ees.csv", BenchmarkRows + "\n");

        var batch = t.Read();

        Assert.False(batch.Report.HasErrors, batch.Report.ToSummary());
        var sutton = batch.Benchmarks.Single(b => b.LaName == "Sutton");
        Assert.Equal(new BenchmarkRecord(202425, "Local authority", "319", "E09000029", "Sutton", "Primary", "daily",
            4.79, null, null, 11.6, null), sutton);
        var national = batch.Benchmarks.Single(b => b.GeographicLevel == "National");
        Assert.Null(national.OldLaCode);
        Assert.Equal(6.87, national.OverallPercent);
    }

    [Fact]
    public void Benchmarks_BadNumber_IsRejectedWithFileLineAndColumn()
    {
        using var t = new TestBatch();
        var path = t.Write("ees.csv", BenchmarkRows.Replace("4.79", "4,79?").Replace(",4,79?", ",four") + "\n");

        var batch = t.Read();

        var r = Assert.Single(batch.Report.Examples(RejectionReason.BadNumber));
        Assert.Equal((path, 3L, "sess_overall_percent"), (r.File, r.Line, r.Column));
        Assert.Single(batch.Benchmarks);
    }
}

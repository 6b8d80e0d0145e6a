using System.Collections.Concurrent;
using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Read;

/// <summary>A temp folder of hand-written input files for one test, deleted afterwards.</summary>
public sealed class TestBatch : IDisposable
{
    public const string GiasHeader =
        "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name)," +
        "EstablishmentStatus (name),OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge";
    public const string EnrolmentHeader = "upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year";
    public const string MarksHeader = "upn,school_urn,date,session,code";
    public const string CohortHeader = "upn,cohort,start_date,end_date";

    public static readonly string Pupil1 = Upn.Create(319, 2001, 15, 1);
    public static readonly string Pupil2 = Upn.Create(319, 2001, 15, 2);
    public static readonly string Pupil3 = Upn.Create(319, 2002, 16, 3);
    /// <summary>A well-formed UPN with a wrong check letter.</summary>
    public static readonly string BadCheckLetter = (Pupil1[0] == 'A' ? "B" : "A") + Pupil1[1..];

    public TestBatch()
    {
        Dir = Path.Combine(Path.GetTempPath(), "ag-read-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string Write(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content.Replace("\r\n", "\n"), encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Two primary schools of LA 319 (URN 100001, 100002) and one of LA 333 (URN 200001).</summary>
    public string WriteSchools(string name = "edubasealldata20261120.csv") => Write(name, $"""
        {GiasHeader}
        100001,319,Sutton,2001,Alpha Primary School,Community school,Primary,Open,01-09-1990,,4,11
        100002,319,Sutton,2002,Beta Primary School,Academy converter,Primary,Open,01-09-2012,,4,11
        200001,333,Sandwell,2001,Gamma School,Community school,Secondary,Open,01-09-1980,,11,16
        """ + "\n");

    /// <summary>Pupil1 and Pupil2 at 100001 from 2024-09-01 (Pupil2 left 2024-12-20); Pupil3 at 100002.</summary>
    public string WriteEnrolments(string name = "pupils.csv") => Write(name, $"""
        {EnrolmentHeader}
        {Pupil1},100001,2024-09-01,,2016-05-01,F,3
        {Pupil2},100001,2024-09-01,2024-12-20,2016-06-01,M,3
        {Pupil3},100002,2024-09-01,,2015-01-01,M,4
        """ + "\n");

    /// <summary><paramref name="count"/> weekdays from <paramref name="first"/>: marks on them pass the weekend rule.</summary>
    public static List<DateOnly> Weekdays(DateOnly first, int count)
    {
        var days = new List<DateOnly>(count);
        for (var d = first; days.Count < count; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        return days;
    }

    public string WriteMarks(string rows, string name = "marks.csv") => Write(name, MarksHeader + "\n" + rows.Replace("\r\n", "\n").Trim('\n') + "\n");

    public ReadBatch Read(ReadOptions? options = null, ExistingWarehouseState? existing = null) =>
        BatchReader.Read([Dir], options ?? new ReadOptions(LaCode: 319, SkipInvalid: true), existing ?? ExistingWarehouseState.Empty);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Collects marks; one per parser thread.</summary>
public sealed class ListSink : IMarkSink
{
    public List<(int Urn, int PupilId, DateOnly Date, byte Session, byte CodeId)> Marks { get; } = [];

    public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId) =>
        Marks.Add((urn, pupilId, date, session, codeId));
}

public sealed class SinkCollector
{
    public ConcurrentBag<ListSink> Sinks { get; } = [];

    public IMarkSink Create()
    {
        var s = new ListSink();
        Sinks.Add(s);
        return s;
    }

    public List<(int Urn, int PupilId, DateOnly Date, byte Session, byte CodeId)> All =>
        Sinks.SelectMany(s => s.Marks).ToList();
}

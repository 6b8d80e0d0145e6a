using System.Text;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Writes pupils.csv, one row per enrolment as the LA's pupil database exports it. The NC year is the one the
/// pupil is in at the end of the enrolment (or at the extract date), as a school's roll would show it. The optional
/// characteristic columns follow (ethnicity, eal Y/N/empty, sen_need empty without SEN, home_la_code).
/// </summary>
public static class PupilsFileWriter
{
    public const string FileName = "pupils.csv";

    public static string Write(IEnumerable<DemoEnrolment> enrolments, DateOnly asOf, string outDir)
    {
        var path = Path.Combine(outDir, FileName);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        w.WriteLine("upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year,ethnicity,eal,sen_need,home_la_code");
        foreach (var e in enrolments)
        {
            var end = e.LeavingDate ?? asOf;
            var group = e.Pupil.YearGroupIn(Schema.Calendar.AcademicYear.Containing(end).StartYear);
            group = Math.Clamp(group, 0, 13);
            w.Write(e.Pupil.Upn); w.Write(',');
            w.Write(e.School.Urn); w.Write(',');
            w.Write(CsvField.IsoDate(e.EntryDate)); w.Write(',');
            w.Write(CsvField.IsoDate(e.LeavingDate)); w.Write(',');
            w.Write(CsvField.IsoDate(e.Pupil.DateOfBirth)); w.Write(',');
            w.Write(e.Pupil.Sex); w.Write(',');
            w.Write(group == 0 ? "R" : group.ToString(System.Globalization.CultureInfo.InvariantCulture)); w.Write(',');
            var p = e.Pupil;
            w.Write(p.Ethnicity); w.Write(',');
            w.Write(p.Eal switch { true => "Y", false => "N", null => "" }); w.Write(',');
            w.Write(p.SenNeed == Schema.Characteristics.CharacteristicCatalogue.NoSen ? "" : p.SenNeed); w.Write(',');
            w.WriteLine(p.HomeLaCode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return path;
    }
}

using System.Globalization;
using System.Text;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Writes the schools as the GIAS "all establishment data" download (edubasealldataYYYYMMDD.csv) is published:
/// Windows-1252/Latin-1 bytes, dd-mm-yyyy dates, a wide header with (code)/(name) column pairs. The ETL must
/// cope with the real file, so the demo reproduces its awkward parts rather than a tidy subset.
/// </summary>
public static class GiasExtractWriter
{
    private static readonly (string Column, Func<DemoSchool, DateOnly, string> Value)[] Columns =
    [
        ("URN", (s, _) => s.Urn.ToString(CultureInfo.InvariantCulture)),
        ("LA (code)", (s, _) => s.LaCode.ToString(CultureInfo.InvariantCulture)),
        ("LA (name)", (s, _) => s.LaName),
        ("EstablishmentNumber", (s, _) => s.EstablishmentNumber.ToString(CultureInfo.InvariantCulture)),
        ("EstablishmentName", (s, _) => s.Name),
        ("TypeOfEstablishment (code)", (s, _) => s.TypeCode.ToString(CultureInfo.InvariantCulture)),
        ("TypeOfEstablishment (name)", (s, _) => s.TypeName),
        ("EstablishmentTypeGroup (code)", (s, _) => s.TypeGroupCode.ToString(CultureInfo.InvariantCulture)),
        ("EstablishmentTypeGroup (name)", (s, _) => s.TypeGroupName),
        ("EstablishmentStatus (code)", (s, _) => s.IsOpen ? "1" : "2"),
        ("EstablishmentStatus (name)", (s, _) => s.IsOpen ? "Open" : "Closed"),
        ("ReasonEstablishmentOpened (code)", (s, _) => s.ReasonOpened switch { "Academy Converter" => "10", "Academy Sponsor Led" => "11", "New Provision" => "3", _ => "0" }),
        ("ReasonEstablishmentOpened (name)", (s, _) => s.ReasonOpened),
        ("OpenDate", (s, _) => GiasDate(s.OpenDate)),
        ("ReasonEstablishmentClosed (code)", (s, _) => s.IsOpen ? "0" : "1"),
        ("ReasonEstablishmentClosed (name)", (s, _) => s.ReasonClosed),
        ("CloseDate", (s, _) => GiasDate(s.CloseDate)),
        ("PhaseOfEducation (code)", (s, _) => s.Phase switch { SchoolPhase.Primary => "2", SchoolPhase.Secondary => "4", _ => "0" }),
        // GIAS gives special schools no phase; the statistics phase comes from the establishment type.
        ("PhaseOfEducation (name)", (s, _) => s.Phase switch { SchoolPhase.Primary => "Primary", SchoolPhase.Secondary => "Secondary", _ => "Not applicable" }),
        ("StatutoryLowAge", (s, _) => s.LowAge.ToString(CultureInfo.InvariantCulture)),
        ("StatutoryHighAge", (s, _) => s.HighAge.ToString(CultureInfo.InvariantCulture)),
        ("Boarders (code)", (_, _) => "1"),
        ("Boarders (name)", (_, _) => "No boarders"),
        ("NurseryProvision (name)", (s, _) => s.HasNursery ? "Has Nursery Classes" : "No Nursery Classes"),
        ("OfficialSixthForm (code)", (s, _) => s.HasSixthForm ? "1" : "2"),
        ("OfficialSixthForm (name)", (s, _) => s.HasSixthForm ? "Has a sixth form" : "Does not have a sixth form"),
        ("Gender (code)", (s, _) => s.Gender switch { "Boys" => "1", "Girls" => "2", _ => "3" }),
        ("Gender (name)", (s, _) => s.Gender),
        ("ReligiousCharacter (code)", (s, _) => s.ReligiousCharacter switch { "Roman Catholic" => "03", "Church of England" => "02", _ => "00" }),
        ("ReligiousCharacter (name)", (s, _) => s.ReligiousCharacter),
        ("ReligiousEthos (name)", (s, _) => s.ReligiousCharacter == "Does not apply" ? "Does not apply" : s.ReligiousCharacter),
        ("Diocese (code)", (s, _) => s.Diocese.Contains("Archdiocese") ? "RC21" : s.Diocese.StartsWith("Diocese", StringComparison.Ordinal) ? "CE28" : "0000"),
        ("Diocese (name)", (s, _) => s.Diocese),
        ("AdmissionsPolicy (code)", (s, _) => s.AdmissionsPolicy switch { "Selective" => "2", "Non-selective" => "1", _ => "0" }),
        ("AdmissionsPolicy (name)", (s, _) => s.AdmissionsPolicy),
        ("SchoolCapacity", (s, _) => s.IsOpen ? s.Capacity.ToString(CultureInfo.InvariantCulture) : ""),
        ("SpecialClasses (code)", (s, _) => "2"),
        ("SpecialClasses (name)", (s, _) => "No Special Classes"),
        ("CensusDate", (s, asOf) => s.IsOpen && s.HasPupils ? GiasDate(CensusDate(asOf)) : ""),
        ("NumberOfPupils", (s, _) => s.HasPupils ? s.NumberOfPupils.ToString(CultureInfo.InvariantCulture) : ""),
        ("NumberOfBoys", (s, _) => s.HasPupils ? s.NumberOfBoys.ToString(CultureInfo.InvariantCulture) : ""),
        ("NumberOfGirls", (s, _) => s.HasPupils ? (s.NumberOfPupils - s.NumberOfBoys).ToString(CultureInfo.InvariantCulture) : ""),
        ("Trusts (name)", (s, _) => s.TypeGroupCode is 10 or 11 ? $"{s.Town} Learning Trust" : ""),
        ("SchoolSponsorFlag (name)", (s, _) => s.TypeName.Contains("sponsor") ? "Linked to a sponsor" : "Not applicable"),
        ("UKPRN", (s, _) => (10_000_000 + s.Urn * 7 % 9_000_000).ToString(CultureInfo.InvariantCulture)),
        ("FurtherEducationType (name)", (_, _) => "Not applicable"),
        ("OfstedRating (name)", (s, _) => (s.Urn % 7) switch { 0 => "Outstanding", 1 or 2 or 3 or 4 => "Good", 5 => "Requires improvement", _ => "Good" }),
        ("LastChangedDate", (s, asOf) => GiasDate(asOf.AddDays(-(s.Urn % 200)))),
        ("Street", (s, _) => s.Street),
        ("Locality", (_, _) => ""),
        ("Address3", (_, _) => ""),
        ("Town", (s, _) => s.Town),
        ("County (name)", (_, _) => "Surrey"),
        ("Postcode", (s, _) => s.Postcode),
        ("SchoolWebsite", (s, _) => s.Website),
        ("TelephoneNum", (s, _) => s.Telephone),
        ("HeadTitle (name)", (s, _) => s.HeadTitle),
        ("HeadFirstName", (s, _) => s.HeadFirstName),
        ("HeadLastName", (s, _) => s.HeadLastName),
        ("HeadPreferredJobTitle", (s, _) => "Headteacher"),
        ("GOR (code)", (_, _) => "H"),
        ("GOR (name)", (_, _) => "London"),
        ("DistrictAdministrative (code)", (s, _) => s.LaCode == 319 ? "E09000029" : s.LaCode == 315 ? "E09000024" : ""),
        ("DistrictAdministrative (name)", (s, _) => s.LaName),
        ("UrbanRural (name)", (_, _) => "(England/Wales) Urban major conurbation"),
        ("Easting", (s, _) => (525_000 + s.Urn % 6000).ToString(CultureInfo.InvariantCulture)),
        ("Northing", (s, _) => (163_000 + s.Urn * 13 % 6000).ToString(CultureInfo.InvariantCulture)),
        ("Country (name)", (_, _) => "United Kingdom"),
    ];

    public static string FileName(DateOnly asOf) => $"edubasealldata{asOf:yyyyMMdd}.csv";

    public static string Write(IReadOnlyList<DemoSchool> schools, DateOnly asOf, string outDir)
    {
        var path = Path.Combine(outDir, FileName(asOf));
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(c => CsvField.Quote(c.Column))).Append("\r\n");
        // GIAS sorts by URN; so do we, so neighbouring-LA rows are interleaved as in the real file.
        foreach (var school in schools.OrderBy(s => s.Urn))
            text.AppendJoin(',', Columns.Select(c => CsvField.Quote(c.Value(school, asOf)))).Append("\r\n");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text.ToString()));
        return path;
    }

    private static string GiasDate(DateOnly? d) => d is { } v ? v.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) : "";

    /// <summary>The spring school census (third Thursday of January) most recently before the extract.</summary>
    private static DateOnly CensusDate(DateOnly asOf)
    {
        var year = asOf.Month >= 2 ? asOf.Year : asOf.Year - 1;
        var d = new DateOnly(year, 1, 15);
        while (d.DayOfWeek != DayOfWeek.Thursday) d = d.AddDays(1);
        return d;
    }
}

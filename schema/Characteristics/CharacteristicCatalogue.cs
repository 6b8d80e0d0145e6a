using System.Text;

namespace AttendanceGraph.Schema.Characteristics;

/// <summary>
/// The codes a characteristic is stored as, the groups it is reported in, and the SQL that puts a pupil in a group: one
/// place, so loading, measuring, filtering and the API read the same lists. Codes are DfE's school census codes
/// (ethnicity, SEN primary type of need: DfE "Complete the school census", code sets; the major groups are DfE's
/// published groupings, as in the "Schools, pupils and their characteristics" statistics). A value not loaded is the
/// explicit group <see cref="Unknown"/>, never dropped: every unit of a cell is in exactly one group, so the groups of a
/// breakdown sum to the cell.
/// </summary>
public static class CharacteristicCatalogue
{
    /// <summary>The group of pupils whose value was never loaded (or not collected).</summary>
    public const string Unknown = "UNKNOWN";

    /// <summary>The SEN need stored for a pupil with no special educational need recorded.</summary>
    public const string NoSen = "NONE";

    /// <summary>Census ethnicity code → (label, major group code).</summary>
    public static IReadOnlyDictionary<string, (string Label, string Major)> EthnicityCodes { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["WBRI"] = ("White - British", "WHITE"),
        ["WIRI"] = ("White - Irish", "WHITE"),
        ["WIRT"] = ("Traveller of Irish heritage", "WHITE"),
        ["WROM"] = ("Gypsy/Roma", "WHITE"),
        ["WOTH"] = ("Any other White background", "WHITE"),
        ["MWBC"] = ("White and Black Caribbean", "MIXED"),
        ["MWBA"] = ("White and Black African", "MIXED"),
        ["MWAS"] = ("White and Asian", "MIXED"),
        ["MOTH"] = ("Any other Mixed background", "MIXED"),
        ["AIND"] = ("Indian", "ASIAN"),
        ["APKN"] = ("Pakistani", "ASIAN"),
        ["ABAN"] = ("Bangladeshi", "ASIAN"),
        ["AOTH"] = ("Any other Asian background", "ASIAN"),
        ["BCRB"] = ("Black Caribbean", "BLACK"),
        ["BAFR"] = ("Black African", "BLACK"),
        ["BOTH"] = ("Any other Black background", "BLACK"),
        ["CHNE"] = ("Chinese", "CHINESE"),
        ["OOTH"] = ("Any other ethnic group", "OTHER"),
        ["REFU"] = ("Refused", "UNCLASSIFIED"),
        ["NOBT"] = ("Information not yet obtained", "UNCLASSIFIED"),
    };

    public static IReadOnlyList<CharacteristicGroup> EthnicityMajorGroups { get; } =
    [
        new("WHITE", "White"), new("MIXED", "Mixed / Multiple ethnic groups"), new("ASIAN", "Asian / Asian British"),
        new("BLACK", "Black / African / Caribbean / Black British"), new("CHINESE", "Chinese"), new("OTHER", "Any other ethnic group"),
        new("UNCLASSIFIED", "Unclassified (refused or not obtained)"),
    ];

    /// <summary>Census SEN primary type of need codes.</summary>
    public static IReadOnlyDictionary<string, string> SenNeedCodes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SPLD"] = "Specific learning difficulty",
        ["MLD"] = "Moderate learning difficulty",
        ["SLD"] = "Severe learning difficulty",
        ["PMLD"] = "Profound and multiple learning difficulty",
        ["SEMH"] = "Social, emotional and mental health",
        ["SLCN"] = "Speech, language and communication needs",
        ["HI"] = "Hearing impairment",
        ["VI"] = "Visual impairment",
        ["MSI"] = "Multi-sensory impairment",
        ["PD"] = "Physical disability",
        ["ASD"] = "Autistic spectrum disorder",
        ["OTH"] = "Other difficulty or disability",
        ["NSA"] = "SEN support but no specialist assessment of type of need",
    };

    /// <summary>National curriculum year groups as schools record them (N1, N2 nursery; R reception; 1 to 14).</summary>
    public static IReadOnlyList<string> YearGroups { get; } = ["N1", "N2", "R", .. Enumerable.Range(1, 14).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The year group as stored, or null when <paramref name="text"/> is not one ("Year 3", "y3" and "03" read as "3").</summary>
    public static string? YearGroup(string text)
    {
        var t = text.Trim().ToUpperInvariant();
        if (t.StartsWith("YEAR", StringComparison.Ordinal)) t = t[4..].Trim();
        else if (t.Length > 1 && t[0] == 'Y' && char.IsDigit(t[1])) t = t[1..];
        if (t == "RECEPTION") t = "R";
        if (t.Length > 0 && char.IsDigit(t[0]) && int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            t = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return YearGroups.Contains(t) ? t : null;
    }

    /// <summary>Every group a characteristic reports, in order, <see cref="Unknown"/> last.</summary>
    public static IReadOnlyList<CharacteristicGroup> Groups(Characteristic c) => c switch
    {
        Characteristic.Sex => [new("F", "Female"), new("M", "Male"), new(Unknown, "Not known")],
        Characteristic.YearGroup => [.. YearGroups.Select(y => new CharacteristicGroup(y, y switch { "R" => "Reception", "N1" or "N2" => "Nursery " + y, _ => "Year " + y })),
            new(Unknown, "Not known")],
        Characteristic.Ethnicity => [.. EthnicityCodes.Select(e => new CharacteristicGroup(e.Key, e.Value.Label)), new(Unknown, "Not known")],
        Characteristic.EthnicityMajor => [.. EthnicityMajorGroups, new(Unknown, "Not known")],
        Characteristic.Eal => [new("OTHER_THAN_ENGLISH", "First language known or believed to be other than English"),
            new("ENGLISH", "First language known or believed to be English"), new(Unknown, "Not known")],
        Characteristic.SenNeed => [.. SenNeedCodes.Select(s => new CharacteristicGroup(s.Key, s.Value)), new(NoSen, "No special educational need"),
            new(Unknown, "Not known")],
        Characteristic.Residency => [new("RESIDENT", "Lives in the LA"), new("NOT_RESIDENT", "Lives in another LA"), new(Unknown, "Not known")],
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The group's label, or null when <paramref name="code"/> is not one of the characteristic's groups.</summary>
    public static string? Label(Characteristic c, string code) => Groups(c).FirstOrDefault(g => g.Code == code)?.Label;

    /// <summary>
    /// The SQL expression of a unit's group, over a row of <see cref="UnitsSql"/> aliased <paramref name="alias"/>. Constant
    /// SQL: the codes come from this catalogue, never from a request.
    /// </summary>
    public static string GroupSql(Characteristic c, string alias) => c switch
    {
        Characteristic.Sex => $"coalesce(CASE upper({alias}.sex) WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' END, '{Unknown}')",
        // nc_year is kept as the file gave it: anything not a year group (free text from older loads) is Unknown.
        Characteristic.YearGroup => $"CASE WHEN {alias}.year_group IN ({string.Join(", ", YearGroups.Select(y => $"'{y}'"))}) THEN {alias}.year_group ELSE '{Unknown}' END",
        Characteristic.Ethnicity => $"CASE WHEN {alias}.ethnicity IN ({string.Join(", ", EthnicityCodes.Keys.Select(k => $"'{k}'"))}) THEN {alias}.ethnicity ELSE '{Unknown}' END",
        Characteristic.EthnicityMajor => MajorSql($"{alias}.ethnicity"),
        Characteristic.Eal => $"CASE WHEN {alias}.eal THEN 'OTHER_THAN_ENGLISH' WHEN NOT {alias}.eal THEN 'ENGLISH' ELSE '{Unknown}' END",
        Characteristic.SenNeed => $"CASE WHEN {alias}.sen_need IN ({string.Join(", ", SenNeedCodes.Keys.Append(NoSen).Select(k => $"'{k}'"))}) THEN {alias}.sen_need ELSE '{Unknown}' END",
        Characteristic.Residency => $"CASE WHEN {alias}.resident THEN 'RESIDENT' WHEN NOT {alias}.resident THEN 'NOT_RESIDENT' ELSE '{Unknown}' END",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static string MajorSql(string column)
    {
        var sb = new StringBuilder("CASE");
        foreach (var g in EthnicityCodes.GroupBy(e => e.Value.Major))
            sb.Append($" WHEN {column} IN ({string.Join(", ", g.Select(e => $"'{e.Key}'"))}) THEN '{g.Key}'");
        return sb.Append($" ELSE '{Unknown}' END").ToString();
    }

    /// <summary>
    /// Each measured unit's characteristics: per enrolment (urn, pupil) or per pupil. A pupil attends a school under one or
    /// more enrolments: the year group is that of the latest admission (per pupil: the latest admission anywhere).
    /// </summary>
    public static string UnitsSql(bool perEnrolment) => perEnrolment
        ? """
          SELECT e.urn, e.pupil_id, arg_max(nullif(trim(e.nc_year), ''), e.entry_date) AS year_group,
                 any_value(p.sex) AS sex, any_value(p.ethnicity) AS ethnicity, any_value(p.eal) AS eal,
                 any_value(p.sen_need) AS sen_need, any_value(p.resident) AS resident
          FROM enrolments e JOIN pupils p ON p.pupil_id = e.pupil_id GROUP BY e.urn, e.pupil_id
          """
        : """
          SELECT e.pupil_id, arg_max(nullif(trim(e.nc_year), ''), e.entry_date) AS year_group,
                 any_value(p.sex) AS sex, any_value(p.ethnicity) AS ethnicity, any_value(p.eal) AS eal,
                 any_value(p.sen_need) AS sen_need, any_value(p.resident) AS resident
          FROM enrolments e JOIN pupils p ON p.pupil_id = e.pupil_id GROUP BY e.pupil_id
          """;
}

/// <summary>Count only the units in one group of a characteristic (e.g. Ethnicity = "WROM").</summary>
public sealed record CharacteristicFilter(Characteristic Characteristic, string Group)
{
    public override string ToString() => $"{Characteristic}={Group}";
}

using AttendanceGraph.Schema.Characteristics;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// How the characteristic columns of the pupils file and DfE's pupil-level file are read: each returns true with the value
/// (null = not given) or false with why the text is not one. Codes are DfE's school census codes (CharacteristicCatalogue).
/// </summary>
public static class CharacteristicRules
{
    /// <summary>Pupils file column names (optional).</summary>
    public const string Ethnicity = "ethnicity", Eal = "eal", SenNeed = "sen_need", HomeLaCode = "home_la_code";

    /// <summary>DfE file column names (optional: DfE changes the file "with little to no notice").</summary>
    public const string DfeEthnicity = "ethnicity", DfeEal = "english_additional_language", DfeSenNeed = "primary_sen_type",
        DfeHomeLa = "home_local_authority_ukprn", DfeSchoolLa = "school_local_authority_ukprn";

    /// <summary>A census ethnicity code; empty is not given.</summary>
    public static bool TryEthnicity(string text, out string? code, out string? problem)
    {
        var t = text.Trim().ToUpperInvariant();
        code = t.Length == 0 ? null : t;
        problem = code is null || CharacteristicCatalogue.EthnicityCodes.ContainsKey(code) ? null
            : $"ethnicity {LineExcerpt.Quote(text.Trim())} is not a school census ethnicity code ({string.Join(", ", CharacteristicCatalogue.EthnicityCodes.Keys)})";
        return problem is null;
    }

    /// <summary>Y/yes/true: a first language other than English; N/no/false: English; empty, U or unknown: not known.</summary>
    public static bool TryEal(string text, out bool? eal, out string? problem)
    {
        eal = null;
        problem = null;
        switch (text.Trim().ToUpperInvariant())
        {
            case "Y" or "YES" or "TRUE": eal = true; return true;
            case "N" or "NO" or "FALSE": eal = false; return true;
            case "" or "U" or "UNKNOWN": return true;
            default:
                problem = $"{LineExcerpt.Quote(text.Trim())} is none of yes, no, unknown (or Y, N, U)";
                return false;
        }
    }

    /// <summary>
    /// A census SEN primary type of need code. The column present but empty is "no SEN need" (<see cref="CharacteristicCatalogue.NoSen"/>):
    /// DfE's file leaves it empty for pupils without SEN, and a pupil whose need ended must be able to leave the group.
    /// </summary>
    public static bool TrySenNeed(string text, out string? need, out string? problem)
    {
        var t = text.Trim().ToUpperInvariant();
        need = t is "" or "NONE" or "N" ? CharacteristicCatalogue.NoSen : t;
        problem = need == CharacteristicCatalogue.NoSen || CharacteristicCatalogue.SenNeedCodes.ContainsKey(need) ? null
            : $"SEN need {LineExcerpt.Quote(text.Trim())} is not a school census SEN type of need code ({string.Join(", ", CharacteristicCatalogue.SenNeedCodes.Keys)}), " +
              "or empty for no SEN need";
        return problem is null;
    }

    /// <summary>A DfE 3-digit LA code (e.g. 319 Sutton); empty is not given.</summary>
    public static bool TryLaCode(string text, out int? code, out string? problem)
    {
        var t = text.Trim();
        code = null;
        problem = null;
        if (t.Length == 0) return true;
        if (t.Length == 3 && t.All(char.IsAsciiDigit) && t[0] != '0')
        {
            code = int.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        problem = $"home LA {LineExcerpt.Quote(t)} is not a DfE 3-digit LA code (e.g. 319)";
        return false;
    }

    /// <summary>A UKPRN: 8 digits; empty is not given.</summary>
    public static bool TryUkprn(string text, out string? ukprn, out string? problem)
    {
        var t = text.Trim();
        ukprn = t.Length == 0 ? null : t;
        problem = ukprn is null || (t.Length == 8 && t.All(char.IsAsciiDigit)) ? null : $"{LineExcerpt.Quote(t)} is not a UKPRN (8 digits)";
        return problem is null;
    }
}

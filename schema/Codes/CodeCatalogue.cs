using System.Collections.Frozen;
using System.Reflection;

namespace AttendanceGraph.Schema.Codes;

/// <summary>
/// The register codes, read from the DfE 2024 code list shipped as an embedded resource
/// (copied from shared/domain/attendance-codes-2024.csv) so that there is exactly one list.
/// </summary>
public sealed class CodeCatalogue
{
    public static CodeCatalogue Instance { get; } = Load();

    private readonly FrozenDictionary<string, AttendanceCode> byCode;
    private readonly FrozenDictionary<string, LegacyCode> legacy;
    private readonly AttendanceCode?[] byId;

    private CodeCatalogue(IReadOnlyList<AttendanceCode> codes, IReadOnlyList<LegacyCode> legacyCodes)
    {
        Codes = codes;
        LegacyCodes = legacyCodes;
        byCode = codes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        legacy = legacyCodes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        byId = new AttendanceCode?[codes.Max(c => c.Id) + 1];
        foreach (var c in codes) byId[c.Id] = c;
    }

    public IReadOnlyList<AttendanceCode> Codes { get; }
    public IReadOnlyList<LegacyCode> LegacyCodes { get; }

    public AttendanceCode this[string code] => byCode.TryGetValue(code, out var c)
        ? c : throw new KeyNotFoundException($"'{code}' is not a 2024 register code");

    public AttendanceCode ById(byte id) => byId[id] ?? throw new KeyNotFoundException($"no code with id {id}");

    public bool TryGet(string code, out AttendanceCode attendanceCode) => byCode.TryGetValue(code, out attendanceCode!);

    /// <summary>A 2024 code, or with <paramref name="allowLegacy"/> a pre-2024 code mapped to its 2024 successor.</summary>
    public bool TryResolve(string code, bool allowLegacy, out AttendanceCode attendanceCode)
    {
        if (allowLegacy && legacy.TryGetValue(code, out var l)) { attendanceCode = l.MapsTo; return true; }
        return byCode.TryGetValue(code, out attendanceCode!);
    }

    public IEnumerable<AttendanceCode> InCategory(params AttendanceCategory[] categories) =>
        Codes.Where(c => categories.Contains(c.Category));

    private static CodeCatalogue Load()
    {
        var codes = new List<AttendanceCode>();
        foreach (var row in ReadCsv("attendance-codes-2024.csv"))
        {
            var code = row["code"];
            codes.Add(new AttendanceCode(
                Id: checked((byte)(codes.Count + 1)),
                Code: code,
                Meaning: row["meaning"],
                Category: ParseCategory(row["category"]),
                IsPossibleSession: bool.Parse(row["counts_as_possible_session"]),
                CountsForPenaltyNotice: bool.Parse(row["counts_for_penalty_notice_threshold"]),
                Column: ColumnName(code)));
        }
        var byCode = codes.ToDictionary(c => c.Code);
        var legacy = ReadCsv("legacy-codes-pre-2024.csv")
            .Select(r => new LegacyCode(r["legacy_code"], r["legacy_meaning"], byCode[r["maps_to"]], r["note"]))
            .ToList();
        return new CodeCatalogue(codes, legacy);
    }

    /// <summary>Codes like '/', '\' and '#' cannot be SQL identifiers; give every code a stable, readable column name.</summary>
    public static string ColumnName(string code) => code switch
    {
        "/" => "n_present_am",
        "\\" => "n_present_pm",
        "#" => "n_closure",
        _ => "n_" + code.ToLowerInvariant(),
    };

    /// <summary>The category as the domain code list spells it (e.g. <c>authorised_absence</c>); inverse of parsing it.</summary>
    public static string CategoryName(AttendanceCategory category) => category switch
    {
        AttendanceCategory.Present => "present",
        AttendanceCategory.ApprovedEducationalActivity => "approved_educational_activity",
        AttendanceCategory.AuthorisedAbsence => "authorised_absence",
        AttendanceCategory.UnauthorisedAbsence => "unauthorised_absence",
        AttendanceCategory.NotCounted => "not_counted",
        AttendanceCategory.Administrative => "administrative",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private static AttendanceCategory ParseCategory(string s)
    {
        foreach (var category in Enum.GetValues<AttendanceCategory>())
            if (CategoryName(category) == s) return category;
        throw new InvalidDataException($"unknown code category '{s}'");
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} missing");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split(',');
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            // The code files have no quoted fields and no commas inside values except the last 'note'.
            var parts = line.Split(',', header.Length);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < parts.Length ? parts[i] : "";
            yield return row;
        }
    }
}

namespace AttendanceGraph.Schema.Calendar;

/// <summary>An academic year, 1 August to 31 July, written "2024/25" (EES time_period 202425).</summary>
public readonly record struct AcademicYear(int StartYear) : IComparable<AcademicYear>
{
    public DateOnly Start => new(StartYear, 8, 1);
    public DateOnly End => new(StartYear + 1, 7, 31);

    /// <summary>Age is measured on 31 August before the year starts (DfE compulsory school age rule).</summary>
    public DateOnly AgeReferenceDate => new(StartYear, 8, 31);

    public string Label => $"{StartYear}/{(StartYear + 1) % 100:00}";
    public int TimePeriod => StartYear * 100 + (StartYear + 1) % 100;

    public static AcademicYear Containing(DateOnly date) => new(date.Month >= 8 ? date.Year : date.Year - 1);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public static AcademicYear Parse(string label)
    {
        if (TryParse(label, out var y)) return y;
        throw new FormatException(NotOne(label));
    }

    /// <summary>Why <paramref name="text"/> was not parsed (<see cref="TryParse"/>).</summary>
    public static string NotOne(string text) =>
        $"'{text}' is not an academic year like 2025/26 or 202526 from {SupportedDates.FirstYear} to {SupportedDates.LastYear}";

    /// <summary>
    /// "2024/25", "2024-25" or the EES time_period form "202425", of a supported year
    /// (<see cref="SupportedDates"/>): "9999/00" is not one, as its end is not a date .NET can hold.
    /// </summary>
    public static bool TryParse(string? label, out AcademicYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(label)) return false;
        var s = label.Trim();
        var (first, second) = s.Length == 7 && (s[4] == '/' || s[4] == '-') ? (s[..4], s[5..]) : s.Length == 6 ? (s[..4], s[4..]) : ("", "");
        if (!int.TryParse(first, out var a) || !int.TryParse(second, out var b) || (a + 1) % 100 != b) return false;
        if (!SupportedDates.Contain(new AcademicYear(a))) return false;
        year = new AcademicYear(a);
        return true;
    }

    /// <summary>Age on 31 August before this year starts: 5 to 15 is compulsory school age (NC years 1–11).</summary>
    public bool IsCompulsorySchoolAge(DateOnly dateOfBirth)
    {
        var reference = AgeReferenceDate;
        var age = reference.Year - dateOfBirth.Year;
        if (dateOfBirth > reference.AddYears(-age)) age--;
        return age is >= 5 and <= 15;
    }

    public int CompareTo(AcademicYear other) => StartYear.CompareTo(other.StartYear);
    public override string ToString() => Label;
}

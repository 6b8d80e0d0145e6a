namespace AttendanceGraph.Schema.Identifiers;

/// <summary>
/// Unique pupil number (DfE): a check letter, then LA (3), establishment (4), issue year (2), serial (3);
/// a temporary UPN ends in a letter. Check letter: weights 2..13 over the 12 characters after it, sum
/// (digits by value, a trailing letter by its position in the check alphabet), mod 23, mapped to
/// ABCDEFGHJKLMNPQRTUVWXYZ.
/// </summary>
public static class Upn
{
    public const int Length = 13;
    private const string CheckAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public static bool IsValid(ReadOnlySpan<char> upn) => Validate(upn) is null;

    /// <summary>Null when valid, otherwise why not (for rejection messages).</summary>
    public static string? Validate(ReadOnlySpan<char> upn)
    {
        if (upn.Length != Length) return $"UPN must be {Length} characters, got {upn.Length}";
        if (CheckAlphabet.IndexOf(upn[0]) < 0) return "UPN must start with a check letter";
        for (var i = 1; i < 12; i++)
            if (!char.IsAsciiDigit(upn[i])) return $"UPN character {i + 1} must be a digit";
        if (!char.IsAsciiDigit(upn[12]) && CheckAlphabet.IndexOf(upn[12]) < 0)
            return "UPN must end in a digit or, for a temporary UPN, a letter";
        var expected = CheckLetter(upn[1..]);
        return upn[0] == expected ? null : $"UPN check letter is '{upn[0]}', expected '{expected}'";
    }

    /// <summary>The check letter for the 12 characters that follow it.</summary>
    public static char CheckLetter(ReadOnlySpan<char> body)
    {
        if (body.Length != Length - 1) throw new ArgumentException("a UPN body is 12 characters", nameof(body));
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : CheckAlphabet.IndexOf(c);
            sum += value * (i + 2);
        }
        return CheckAlphabet[sum % 23];
    }

    /// <summary>Builds a valid permanent UPN.</summary>
    public static string Create(int laCode, int establishmentNumber, int issueYear, int serial)
    {
        var body = $"{laCode:000}{establishmentNumber:0000}{issueYear % 100:00}{serial:000}";
        return CheckLetter(body) + body;
    }
}

using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Issues UPNs the way schools do: the issuing school's LA and establishment number, the issue year and a serial
/// that counts up per school and year, so UPNs are unique and carry a plausible history.
/// </summary>
public sealed class UpnIssuer
{
    private readonly Dictionary<(int La, int Estab, int Year), int> nextSerial = new();

    public string Issue(int laCode, int establishmentNumber, int issueYear)
    {
        var estab = establishmentNumber;
        var key = (laCode, estab, issueYear % 100);
        // A serial is 3 digits: a school that has issued 999 in a year hands over to a sibling number.
        while (nextSerial.TryGetValue(key, out var used) && used >= 999) key = (laCode, ++estab, issueYear % 100);
        var serial = nextSerial.GetValueOrDefault(key) + 1;
        nextSerial[key] = serial;
        return Upn.Create(laCode, estab, issueYear, serial);
    }
}

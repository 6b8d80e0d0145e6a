using System.Text;

namespace AttendanceGraph.Api.Schools;

/// <summary>Global object identification: an opaque ID that encodes the type and the URN.</summary>
public static class SchoolNodeId
{
    private const string Prefix = "School:";

    public static string For(int urn) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + urn));

    public static int? Parse(string id)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
            return text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), out var urn) ? urn : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

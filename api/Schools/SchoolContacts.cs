using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Schools;

/// <summary>Reads the team's contacts for all schools from the operational store, once per request that asks.</summary>
public sealed class SchoolContacts(WarehousePaths paths)
{
    private readonly Lazy<IReadOnlyDictionary<int, SchoolContact>> contacts = new(() =>
    {
        if (!File.Exists(paths.OperationalStore)) return new Dictionary<int, SchoolContact>();
        using var db = OperationalDb.Open(paths.OperationalStore);
        return db.Schools.ToDictionary(s => s.Urn, s => new SchoolContact(s.ContactName, s.ContactEmail, s.LightTouch));
    });

    public SchoolContact? For(int urn) => contacts.Value.GetValueOrDefault(urn);
}

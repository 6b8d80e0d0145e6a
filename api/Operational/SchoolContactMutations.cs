using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Operational;

/// <summary>The team's own fields on the school directory (la-lead only), persisted in the operational store.</summary>
public static class SchoolContactMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SchoolContactType>>("setSchoolContact")
            .Description("Assigns the school's named point of contact in the Attendance Support Team.")
            .Argument<NonNullGraphType<IntGraphType>>("urn")
            .Argument<StringGraphType>("name")
            .Argument<StringGraphType>("email")
            .RequiresRole(Roles.LaLead)
            .Resolve(c => Update(c, e =>
            {
                e.ContactName = c.GetArgument<string?>("name");
                e.ContactEmail = c.GetArgument<string?>("email");
                if (e.ContactEmail is { Length: > 0 } email && !email.Contains('@'))
                    throw new ExecutionError($"'{email}' is not an email address") { Code = "BAD_EMAIL" };
            }));

        mutation.Field<NonNullGraphType<SchoolContactType>>("setLightTouch")
            .Description("Marks (or unmarks) the school as light touch.")
            .Argument<NonNullGraphType<IntGraphType>>("urn")
            .Argument<NonNullGraphType<BooleanGraphType>>("lightTouch")
            .RequiresRole(Roles.LaLead)
            .Resolve(c => Update(c, e => e.LightTouch = c.GetArgument<bool>("lightTouch")));
    }

    private static SchoolContact Update(IResolveFieldContext c, Action<SchoolDirectoryEntry> change)
    {
        var urn = c.GetArgument<int>("urn");
        using var db = OperationalDb.Open(c.RequestServices!.GetRequiredService<WarehousePaths>().OperationalStore);
        var entry = db.Schools.Find(urn);
        if (entry is null)
        {
            // A warehouse loaded without the directory sync still knows its schools: start the entry from GIAS.
            var school = c.Data().Facts.School(urn) ?? throw new ExecutionError($"no school with URN {urn}") { Code = "NOT_FOUND" };
            entry = new SchoolDirectoryEntry { Urn = urn, Laestab = school.Laestab, Name = school.Name, Phase = school.Phase,
                EstablishmentType = school.EstablishmentType, Status = school.Status };
            db.Schools.Add(entry);
        }
        change(entry);
        entry.UpdatedAt = DateTime.UtcNow;
        db.SaveChanges();
        return new SchoolContact(entry.ContactName, entry.ContactEmail, entry.LightTouch);
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using GraphQL;
using GraphQL.Types;
using Store = AttendanceGraph.Schema.Operational.ApiKeys;

namespace AttendanceGraph.Api.ApiKeys;

/// <summary>The la-lead's key management: list, create and revoke (the etl CLI's api-key verb does the same).</summary>
public static class ApiKeyFields
{
    public const string BiReaderRoleName = Store.BiReaderRole, SchoolRoleName = Store.SchoolRole;

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("The BI tools' API keys, revoked and expired ones included (la-lead only).")
            .RequiresRole(Roles.LaLead)
            .Resolve(c =>
            {
                using var db = Open(c);
                return Store.List(db);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateApiKeyPayloadType>>("createApiKey")
            .Description("Creates an API key for a BI tool; the answer's secret is the only copy.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "What the key is for, e.g. \"Power BI attendance dashboard\".")
            .Argument<NonNullGraphType<ApiKeyRoleEnum>>("role")
            .Argument<IntGraphType>("urn", "The school's URN, for a SCHOOL key.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("expiresAt")
            .Argument<BooleanGraphType>("persistedOnly", "Only persisted documents (recommended for BI keys).", a => a.DefaultValue = true)
            .RequiresRole(Roles.LaLead)
            .Resolve(c =>
            {
                using var db = Open(c);
                try
                {
                    var (key, secret) = Store.Create(db, c.GetArgument<string>("name"), c.GetArgument<string>("role"), c.GetArgument<int?>("urn"),
                        c.GetArgument<DateTime>("expiresAt").ToUniversalTime(), c.GetArgument<bool>("persistedOnly"),
                        c.Access().User.Subject, Now(c), urn => c.Data().Facts.School(urn) is not null);
                    return new CreateApiKeyPayload(key, secret, []);
                }
                catch (ArgumentException e)
                {
                    return new CreateApiKeyPayload(null, null, [new ApiKeyUserError(e.Message, "BAD_API_KEY_INPUT")]);
                }
            });

        mutation.Field<ApiKeyType>("revokeApiKey")
            .Description("Revokes a key: its next request gets 401. Null when there is no such key.")
            .Argument<NonNullGraphType<IntGraphType>>("id")
            .RequiresRole(Roles.LaLead)
            .Resolve(c =>
            {
                using var db = Open(c);
                return Store.Revoke(db, c.GetArgument<int>("id"), Now(c));
            });
    }

    private static OperationalDb Open(IResolveFieldContext c) =>
        OperationalDb.Open(c.RequestServices!.GetRequiredService<WarehousePaths>().OperationalStore);

    private static DateTime Now(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}

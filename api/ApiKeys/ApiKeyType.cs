using AttendanceGraph.Schema.Operational;
using GraphQL.Types;

namespace AttendanceGraph.Api.ApiKeys;

/// <summary>A key as the la-lead sees it: never its secret, which exists only in the createApiKey answer.</summary>
public sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A BI tool's API key (la-lead only). The secret itself is shown once, by createApiKey.";
        Field(k => k.Id).Description("Pass to revokeApiKey.");
        Field(k => k.Name);
        Field(k => k.Role).Description("bi-reader or school.");
        Field(k => k.Urn, nullable: true).Description("The school's URN for a school key.");
        Field(k => k.Prefix).Description("The secret's first characters, to tell keys apart.");
        Field(k => k.PersistedOnly).Description("The key may only run persisted documents (documentId).");
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => Utc(c.Source.CreatedAt));
        Field(k => k.CreatedBy);
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Resolve(c => Utc(c.Source.ExpiresAt));
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt is { } at ? Utc(at) : null);
        Field<DateTimeGraphType>("lastUsedAt").Resolve(c => c.Source.LastUsedAt is { } at ? Utc(at) : null);
        Field(k => k.Uses).Description("Requests authenticated with the key.");
    }

    // SQLite hands DateTime back unspecified; every stored time is UTC.
    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}

/// <summary>createApiKey's answer: the key and its secret, or the user errors that stopped it.</summary>
public sealed record CreateApiKeyPayload(ApiKey? ApiKey, string? Secret, IReadOnlyList<ApiKeyUserError> Errors);

public sealed record ApiKeyUserError(string Message, string Code);

public sealed class ApiKeyUserErrorType : ObjectGraphType<ApiKeyUserError>
{
    public ApiKeyUserErrorType()
    {
        Name = "ApiKeyUserError";
        Field(e => e.Message);
        Field(e => e.Code).Description("BAD_API_KEY_INPUT.");
    }
}

public sealed class CreateApiKeyPayloadType : ObjectGraphType<CreateApiKeyPayload>
{
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Field<ApiKeyType>("apiKey").Resolve(c => c.Source.ApiKey);
        Field(p => p.Secret, nullable: true)
            .Description("The key to give the tool (X-Api-Key header or api_key query parameter). Shown only here, once: only its hash is stored.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyUserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class ApiKeyRoleEnum : EnumerationGraphType
{
    public ApiKeyRoleEnum()
    {
        Name = "ApiKeyRole";
        Add("BI_READER", ApiKeyFields.BiReaderRoleName, "Aggregates only, always protected.");
        Add("SCHOOL", ApiKeyFields.SchoolRoleName, "One school (give its URN), as the school role sees it.");
    }
}

using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.LocalAuthority;

public static class LocalAuthorityQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<LocalAuthorityType>>("localAuthority")
            .Description("The local authority the warehouse serves.")
            .Resolve(c =>
            {
                var facts = c.Data().Facts;
                var (code, name) = facts.LocalAuthority;
                return new LocalAuthorityInfo(code, name, facts.Schools.Count(s => s.LaCode == code));
            });
    }
}

using AttendanceGraph.Api.Characteristics;
using AttendanceGraph.Api.Cohorts;
using AttendanceGraph.Api.LocalAuthority;
using AttendanceGraph.Api.Nodes;
using AttendanceGraph.Api.Periods;
using AttendanceGraph.Api.Pupils;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Api.Tables;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Api.VirtualSchool;
using GraphQL.Types;

namespace AttendanceGraph.Api.GraphQLSchema;

/// <summary>The root query: each feature folder contributes its own fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        PeriodQueries.AddTo(this);
        LocalAuthorityQueries.AddTo(this);
        SchoolsQuery.AddTo(this);
        CohortQueries.AddTo(this);
        TrendQueries.AddTo(this);
        CharacteristicQueries.AddTo(this);
        TableQueries.AddTo(this);
        PupilQueries.AddTo(this);
        NewlyAbsentQueries.AddTo(this);
        VirtualSchoolQueries.AddTo(this);
        NodeQueries.AddTo(this);
        Audit.AccessAuditQueries.AddTo(this);
        ApiKeys.ApiKeyFields.AddQueries(this);
    }
}

using AttendanceGraph.Schema.Calendar;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class TermEnum : EnumerationGraphType<Term>
{
    public TermEnum() => Name = "Term";
}

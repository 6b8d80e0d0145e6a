using AttendanceGraph.Schema.Measures;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>DfE's official or live method for the enrolment counts (<see cref="Methodology"/>).</summary>
public sealed class MethodologyEnum : EnumerationGraphType
{
    public MethodologyEnum()
    {
        Name = "Methodology";
        Description = "How enrolments, persistent and severe absence are counted: DfE's official statistics or the live in-year figures schools see in View your education data.";
        Add("OFFICIAL", Methodology.Official, "Official statistics: every enrolment with a possible session.");
        Add("LIVE", Methodology.Live,
            "DfE's live method: enrolments with 10 or fewer possible sessions are left out of enrolments, persistent and severe absence (counts and rates); session counts and session rates are unchanged.");
    }
}

using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// Where a pupil is educated, whichever LA maintains the school: the Virtual School's looked-after children may be placed at
/// another LA's school (known from GIAS's national extract or from DfE's resident-pupil download, which names its LA by UKPRN).
/// </summary>
public sealed record SchoolPlacement(int Urn, string Name, string? Phase, int? LaCode, string LaName, bool OutOfArea);

public sealed class SchoolPlacementType : ObjectGraphType<SchoolPlacement>
{
    public SchoolPlacementType()
    {
        Name = "SchoolPlacement";
        Description = "The school a pupil is educated at and the LA that maintains it; out of area when that is not the LA.";
        Field(s => s.Urn).Description("Unique reference number (GIAS).");
        Field(s => s.Name);
        Field(s => s.Phase, nullable: true).Description("Primary, Secondary, Special or Other, as GIAS or the DfE row gave it.");
        Field(s => s.LaCode, nullable: true).Description("DfE 3-digit number of the school's LA; null when only DfE's pupil-level file named it (by UKPRN).");
        Field(s => s.LaName).Description("The school's LA.");
        Field(s => s.OutOfArea).Description("The school is maintained by another LA (the pupil is educated out of area).");
    }
}

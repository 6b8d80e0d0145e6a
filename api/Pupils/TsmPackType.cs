using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class TsmPackType : ObjectGraphType<TsmPack>
{
    public TsmPackType()
    {
        Name = "TsmPack";
        Description = "A school's Targeting Support Meeting pack: pupils severely absent, persistently absent or at risk in the period, " +
                      "with their patterns. Rates are for the enrolment at this school.";
        Field<NonNullGraphType<SchoolType>>("school").Resolve(c => c.Source.School);
        Field<NonNullGraphType<PeriodType>>("period").Resolve(c => c.Source.Options.Period);
        Field<NonNullGraphType<PeriodType>>("previousPeriod").Resolve(c => c.Source.Options.PreviousPeriod);
        Field<NonNullGraphType<DateOnlyGraphType>>("asOf").Description("The date registers were read as of.").Resolve(c => c.Source.Options.AsOf);
        Field<NonNullGraphType<FloatGraphType>>("fallingMargin").Resolve(c => c.Source.Options.FallingMargin);
        Field<NonNullGraphType<IntGraphType>>("pupilsMeasured").Description("Pupils with a possible session at the school in the period.")
            .Resolve(c => c.Source.Measured.Count(r => r.Patterns.Measures.PossibleSessions > 0));
        Field<NonNullGraphType<IntGraphType>>("severeAbsence").Resolve(c => c.Source.Count(TsmBand.SevereAbsence));
        Field<NonNullGraphType<IntGraphType>>("persistentAbsence").Description("Persistently but not severely absent.")
            .Resolve(c => c.Source.Count(TsmBand.PersistentAbsence));
        Field<NonNullGraphType<IntGraphType>>("atRisk").Resolve(c => c.Source.Count(TsmBand.AtRisk));
        Field<NonNullGraphType<PupilAttendanceConnectionType>>("pupils")
            .Description("The pack's pupils: severe, then persistent, then at risk; lowest attendance first.")
            .Argument<TsmBandEnum>("band", "Only this band.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Resolve(c =>
            {
                IReadOnlyList<PupilAttendanceRow> rows = c.Source.Pupils;
                if (c.GetArgument<TsmBand?>("band") is { } band) rows = rows.Where(r => r.Patterns.Band == band).ToList();
                return Paging.Page(rows, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), null, null,
                    PupilPatternArguments.DefaultPageSize, PupilPatternArguments.MaxPageSize);
            });
    }
}

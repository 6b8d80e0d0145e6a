using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class NewlyAbsentType : ObjectGraphType<NewlyAbsent>
{
    public NewlyAbsentType()
    {
        Name = "NewlyAbsent";
        Description = "A school's pupils persistently or severely absent in the academic year to date who were not as of the day the previous load's " +
                      "registers reached. Rates are for the enrolment at this school, over the registers as they read now.";
        Field<NonNullGraphType<SchoolType>>("school").Resolve(c => c.Source.School);
        Field<NonNullGraphType<LoadType>>("latestLoad").Resolve(c => c.Source.Latest);
        Field<LoadType>("previousLoad").Description("The load compared with; null when there is none to compare with (one load so far, or its day was not recorded).")
            .Resolve(c => c.Source.Previous);
        Field<NonNullGraphType<DateOnlyGraphType>>("asOf").Description("The latest register date up to today: the year to date ends here.").Resolve(c => c.Source.AsOf);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NewlyAbsentPupilType>>>>("pupils")
            .Description("Severe first, then persistent; lowest attendance first; then by UPN.").Resolve(c => c.Source.Pupils);
    }
}

public sealed class NewlyAbsentPupilType : ObjectGraphType<NewlyAbsentPupil>
{
    public NewlyAbsentPupilType()
    {
        Name = "NewlyAbsentPupil";
        Field<NonNullGraphType<StringGraphType>>("upn").Resolve(c => c.Source.Now.Upn);
        Field<StringGraphType>("ncYear").Resolve(c => c.Source.Now.NcYear);
        Field<NonNullGraphType<TsmBandEnum>>("band").Description("SEVERE_ABSENCE or PERSISTENT_ABSENCE, year to date.").Resolve(c => c.Source.Now.Patterns.Band);
        Field<FloatGraphType>("overallAbsenceRate").Description("Year to date up to asOf.").Resolve(c => c.Source.Now.Patterns.Measures.OverallAbsenceRate);
        Field<FloatGraphType>("previousOverallAbsenceRate").Description("Year to date up to the previous load's marksTo (null: no possible session by then).")
            .Resolve(c => c.Source.Before?.Patterns.Measures.OverallAbsenceRate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateWindowType>>>>("servedWindows")
            .Description("The parts of the year to date inside the dates the caller may see this pupil.").Resolve(c => c.Source.Now.Served);
    }
}

using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace AttendanceGraph.Api.LocalAuthority;

/// <summary>Whose enrolments an LA figure counts, by where pupils live and where they are educated (<see cref="LaPopulation"/>).</summary>
public sealed class LaPopulationEnum : EnumerationGraphType
{
    public LaPopulationEnum()
    {
        Name = "LaPopulation";
        Description = "Whose enrolments the LA's figures count, by where pupils live (their home LA, from the pupils file or DfE's files) and where " +
                      "they are educated. Pupils whose home LA is not known count only at the LA's schools.";
        Add("AT_LA_SCHOOLS", LaPopulation.LaSchools, "Pupils at the LA's schools, wherever they live (the default: every figure without residency).");
        Add("RESIDENT", LaPopulation.Residents, "The LA's resident pupils, wherever they are educated (other LAs' schools: DfE's resident-pupil download).");
        Add("RESIDENT_ELSEWHERE", LaPopulation.ResidentsElsewhere, "The LA's resident pupils at other LAs' schools.");
        Add("LIVING_ELSEWHERE", LaPopulation.NonResidents, "Pupils at the LA's schools who live in another LA.");
        Add("AT_LA_SCHOOLS_OR_RESIDENT", LaPopulation.LaSchoolsOrResidents, "Both together: pupils at the LA's schools or resident in the LA.");
    }
}

public static class LaPopulationArguments
{
    public static FieldBuilder<TSource, TReturn> PopulationArg<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<LaPopulationEnum>("population", a =>
        {
            a.Description = "Whose enrolments count, by residence and school; the LA's schools when omitted.";
            a.DefaultValue = LaPopulation.LaSchools;
        });

    public static LaPopulation Population(this IResolveFieldContext context) => context.GetArgument("population", LaPopulation.LaSchools);
}

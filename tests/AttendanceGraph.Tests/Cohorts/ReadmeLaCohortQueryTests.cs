using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Cohorts;

/// <summary>The README's LA-cohort question, run as written against the hand-checked warehouse (which holds young carers).</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class ReadmeLaCohortQueryTests(HandCheckedApi api)
{
    [Fact]
    public async Task TheReadmesYoungCarersQuestion_Answers()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var start = readme.IndexOf("```graphql", readme.IndexOf("How are our young carers attending", StringComparison.Ordinal), StringComparison.Ordinal) + "```graphql".Length;
        var query = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var data = await api.Factory.Data(query);

        Assert.Contains(data["cohorts"]!.AsArray(), c => (string)c!["key"]! == YoungCarers.Key && !(bool)c["statutory"]!);
        Assert.Equal(2, (int)Assert.Single(data["cohortComparison"]!.AsArray())!["measures"]!["enrolments"]!);
        // Beta (P4: 50% absent, PA) and Gamma (P7: none absent), worst first; Alpha, with no young carer, is filtered out.
        Assert.Equal([(100.0, 1), (0.0, 1)], data["schools"]!["nodes"]!.AsArray()
            .Select(n => ((double)n!["measures"]!["persistentAbsenceRate"]!, (int)n["measures"]!["enrolments"]!)));
    }
}

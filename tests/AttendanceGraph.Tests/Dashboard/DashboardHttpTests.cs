using System.Net;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>The dashboard over HTTP: CSV downloads from the same rows as the page, the session cookie kept off /graphql.</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class DashboardHttpTests(HandCheckedApi api)
{
    private HttpClient ClientAs(string role, int? urn = null)
    {
        var client = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{DashboardApp.DashboardSessionCookie}={ApiFactory.Token(role, urn)}");
        return client;
    }

    [Fact]
    public async Task SchoolsCsv_HasAHeaderRowAndARowPerSchoolOnThePage()
    {
        using var client = ClientAs(Roles.LaLead);
        using var response = await client.GetAsync("/schools?period=2025/26&csv=schools");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"School\",\"Phase\",\"Type\"", lines[0]);
        Assert.Equal(3, lines.Length - 1); // Alpha, Béta and Gamma; Merton's school is in another LA
        Assert.Contains(lines, l => l.StartsWith("\"Gamma High School\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLasOwnCohort_IsOfferedByThePicker_AndNarrowsThePage()
    {
        // The hand-checked warehouse declares young carers (YoungCarers): P4 at Béta, P7 at Gamma.
        using var client = ClientAs(Roles.LaLead);
        var page = await client.GetStringAsync("/schools?period=2025/26&cohort=YOUNG_CARERS");
        Assert.Contains("<option value=\"YOUNG_CARERS\" selected>Young carers</option>", page);
        var lines = (await client.GetStringAsync("/schools?period=2025/26&cohort=YOUNG_CARERS&csv=schools"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Enrolments column: one young carer each at Béta and Gamma, none at Alpha.
        Assert.Contains(lines, l => l.StartsWith("\"Gamma High School\"", StringComparison.Ordinal) && l.Split(',')[3] == "\"1\"");
        Assert.Contains(lines, l => l.StartsWith("\"Alpha Primary School\"", StringComparison.Ordinal) && l.Split(',')[3] is "\"0\"" or "\"\"" or "\"–\"");
    }

    [Fact]
    public async Task TheLaPage_ByResidencyWithinACohort_TellsASchoolWhatItsRoleGets_NotToTryAgain()
    {
        using var client = ClientAs(Roles.School, Alpha);
        var page = await client.GetStringAsync("/?period=2025/26&cohort=FSM&by=RESIDENCY");
        Assert.Contains("is not published to your role at this level: figures by residence", page);
        Assert.DoesNotContain("Try again", page);
        using var lead = ClientAs(Roles.LaLead);
        Assert.DoesNotContain("is not published to your role", await lead.GetStringAsync("/?period=2025/26&cohort=FSM&by=RESIDENCY"));
    }

    [Fact]
    public async Task TheLaPage_BreaksDownByThePickedCharacteristic()
    {
        using var client = ClientAs(Roles.LaLead);
        var page = await client.GetStringAsync("/?period=2025/26&by=SEN_NEED");
        Assert.Contains("<option value=\"SEN_NEED\" selected>SEN primary need</option>", page);
        var lines = (await client.GetStringAsync("/?period=2025/26&by=SEN_NEED&csv=by-characteristic")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"SEN primary need\",\"Enrolments\",\"Overall absence\"", lines[0]);
        // The hand-checked LA (CharacteristicBreakdownTests): SEMH P4, SLCN P2, ASD P7, no SEN P1, P5 and P6 at two schools.
        Assert.Equal(["Social, emotional and mental health|1", "Speech, language and communication needs|1", "Autistic spectrum disorder|1",
            "No special educational need|4"], lines.Skip(1).Select(l => l.Split("\",\"") is var f ? $"{f[0].Trim('"')}|{f[1]}" : ""));
        // An unknown characteristic falls back to the default (ethnic group), never reaching the API as text.
        Assert.Contains("<option value=\"ETHNICITY_MAJOR\" selected>", await client.GetStringAsync("/?period=2025/26&by=DROP%20TABLE"));
    }

    [Fact]
    public async Task NotSignedIn_IsSentToSignIn()
    {
        using var client = api.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/schools");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task GraphQLEndpoint_IgnoresTheSessionCookie()
    {
        // A cross-site form could post to /graphql with the browser's cookie: the endpoint keeps to the Authorization header.
        using var client = ClientAs(Roles.LaLead);
        using var response = await client.PostAsync("/graphql", new StringContent("{\"query\":\"{ localAuthority { name } }\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SchoolRole_AnotherSchoolsPage_IsForbidden()
    {
        using var client = ClientAs(Roles.School, Alpha);
        using var response = await client.GetAsync($"/schools/{Beta}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("ta Primary School", await response.Content.ReadAsStringAsync()); // Béta, however it is encoded
    }

    [Fact]
    public async Task NeedsAttention_ForAUrnThatNamesNoSchool_SaysSo_NotThatLoadingFailed()
    {
        using var client = ClientAs(Roles.LaLead);
        var html = await client.GetStringAsync("/needs-attention?urn=999999");
        Assert.Contains("There is no school with that URN.", html);
        Assert.DoesNotContain("could not be loaded", html);
    }
}

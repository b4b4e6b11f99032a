using System.Net;
using System.Text;
using System.Text.Json;
using Nara.Modules.Organisation.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// Every API error is problem details in plain Swedish (English when the client asks with Accept-Language), with the
/// field named and the raw input never repeated: also the errors the framework itself answers.
/// </summary>
public abstract class ErrorLanguageTests(NaraApp app)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<HttpClient> ResidentAsync()
    {
        var resident = await app.Data.ResidentAsync();
        return await app.ResidentClientAsync(resident.Id.Value);
    }

    [Theory]
    [InlineData("GET", "/api/finns-inte", 404, "Hittades inte")]
    [InlineData("GET", "/api/me/profile", 401, "Inloggning krävs")]
    [InlineData("DELETE", "/api/me/profile", 405, "Metoden stöds inte")]
    public async Task Errors_the_framework_answers_are_in_Swedish(string method, string path, int status, string title)
    {
        var response = await app.AnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_role_without_access_is_told_so_in_Swedish()
    {
        var client = await ResidentAsync();
        var response = await client.GetAsync("/api/access-review/log");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Åtkomst nekad", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task English_is_given_when_the_client_asks_for_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/finns-inte");
        request.Headers.AcceptLanguage.ParseAdd("en-GB");
        var response = await app.AnonymousClient().SendAsync(request);
        Assert.Equal("Not found", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_wrong_content_type_is_415_in_Swedish()
    {
        var client = await ResidentAsync();
        var response = await client.PutAsync("/api/me/contact-preferences", new StringContent("<x/>", Encoding.UTF8, "text/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Fel innehållstyp", problem.GetProperty("title").GetString());
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"email\": 12, \"phone\": \"070-1740605\", \"preferredChannel\": \"Sms\"}", "email")]
    [InlineData("{\"email\": \"a@b.se\", \"phone\": \"070-1740605\", \"preferredChannel\": \"Brevduva\"}", "preferredChannel")]
    [InlineData("{\"email\": \"a\\u0000@b.se\", \"phone\": \"070-1740605\", \"preferredChannel\": \"Sms\"}", "email")]
    public async Task A_value_of_the_wrong_kind_is_400_naming_the_field_without_repeating_it(string json, string field)
    {
        var client = await ResidentAsync();
        var response = await client.PutAsync("/api/me/contact-preferences", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("Brevduva", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Failed", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    public async Task A_missing_or_broken_body_is_400_in_Swedish(string body)
    {
        var client = await ResidentAsync();
        var response = await client.PutAsync("/api/me/contact-preferences", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Felaktig begäran", problem.GetProperty("title").GetString());
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/booking/unit-appointments?date=9999-12-31", "date")]
    [InlineData("/api/access-review/log?to=9999-12-31", "to")]
    [InlineData("/api/access-review/log?from=0001-01-01", "from")]
    [InlineData("/api/residents?query=%00", "query")]
    public async Task Far_dates_and_control_characters_in_a_query_are_400_naming_the_field(string path, string field)
    {
        var unit = await app.Data.UnitAsync();
        var head = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var client = await app.StaffClientAsync(head.Id.Value);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("/fhir/Appointment?date=9999-12-31")]
    [InlineData("/fhir/Patient?birthdate=0001-01-01")]
    [InlineData("/fhir/AuditEvent?date=ge9999-12-31T23:59:59Z")]
    public async Task Far_dates_in_a_FHIR_search_are_400_naming_the_parameter(string path)
    {
        var client = await ResidentAsync();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Contains("året", outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"resourceType\":\"Patient\"}]")]
    [InlineData("\"Patient\"")]
    public async Task A_FHIR_body_that_is_not_an_object_is_400(string body)
    {
        var client = await ResidentAsync();
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment"),
            new HttpRequestMessage(HttpMethod.Put, $"/fhir/Patient/{Guid.NewGuid()}"),
        })
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}

[Collection(SqliteTests.Name)]
public sealed class ErrorLanguageTestsOnSqlite(SqliteApp app) : ErrorLanguageTests(app);

[Collection(PostgresTests.Name)]
public sealed class ErrorLanguageTestsOnPostgres(PostgresApp app) : ErrorLanguageTests(app);

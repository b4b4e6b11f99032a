using System.Net;
using System.Net.Http.Json;
using System.Text;
using Nara.Modules.Organisation.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>Bad input gets a 400 with problem details naming the field, never a 500, and nothing half-written.</summary>
public abstract class ApiValidationTests(NaraApp app)
{
    private async Task<HttpClient> AdminAsync()
    {
        var unit = await app.Data.UnitAsync();
        var admin = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska, StaffRole.Administrator);
        return await app.StaffClientAsync(admin.Id.Value);
    }

    [Theory]
    [InlineData("19900101-0000", "Kontrollsiffran")]
    [InlineData("19900230-1234", "giltigt datum")]
    [InlineData("abc", "10 eller 12 siffror")]
    public async Task Registering_a_resident_with_an_invalid_personnummer_is_400_naming_the_field(string pnr, string message)
    {
        var client = await AdminAsync();
        var response = await client.PostAsJsonAsync("/api/residents", new { personnummer = pnr, givenName = "Test", familyName = "Testsson", municipalityCode = "0780" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("personnummer", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_not_500()
    {
        var client = await AdminAsync();
        var response = await client.PostAsync("/api/residents", new StringContent("{ \"personnummer\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        var client = await AdminAsync();
        var response = await client.PostAsJsonAsync("/api/residents", new { personnummer = "198112189876" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("givenName", body, StringComparison.Ordinal);
        Assert.Contains("familyName", body, StringComparison.Ordinal);
        Assert.Contains("municipalityCode", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrator_registers_residents()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value);
        var response = await client.PostAsJsonAsync("/api/residents", new { personnummer = "198112189876" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_contact_preferences_name_the_field_and_change_nothing()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var response = await client.PutAsJsonAsync("/api/me/contact-preferences", new { email = "inte-en-adress", phone = "0701740605", preferredChannel = "Epost" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var profile = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me/profile");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, profile.GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task Patient_search_rejects_an_invalid_personnummer_with_a_swedish_message()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value);
        var response = await client.GetAsync("/api/residents?query=19900101-0000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Kontrollsiffran", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_is_for_analysts_and_managers_not_residents()
    {
        var unit = await app.Data.UnitAsync();
        var analyst = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska, StaffRole.Analytiker);
        var resident = await app.Data.ResidentAsync(unit.Id);
        Assert.Equal(HttpStatusCode.OK, (await (await app.StaffClientAsync(analyst.Id.Value)).GetAsync("/api/analysis/region")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ResidentClientAsync(resident.Id.Value)).GetAsync("/api/analysis/region")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class ApiValidationTestsOnSqlite(SqliteApp app) : ApiValidationTests(app);

[Collection(PostgresTests.Name)]
public sealed class ApiValidationTestsOnPostgres(PostgresApp app) : ApiValidationTests(app);

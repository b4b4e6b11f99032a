using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Residents;

/// <summary>Changing contact details never erases what the request left out.</summary>
public abstract class ContactPreferencesTests(NaraApp app)
{
    private async Task<(Resident Resident, HttpClient Client)> ResidentWithDetailsAsync()
    {
        var resident = await app.Data.ResidentAsync();
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var set = await client.PutAsJsonAsync("/api/me/contact-preferences", new { email = "test@exempel.se", phone = "070-1740605", preferredChannel = "Sms", preferredLanguage = "en" });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        return (resident, client);
    }

    private Task<Resident> ReadAsync(Resident resident) =>
        app.Data.WithDbAsync(db => db.Set<Resident>().AsNoTracking().FirstAsync(r => r.Id == resident.Id));

    [Fact]
    public async Task An_empty_request_is_refused_and_changes_nothing()
    {
        var (resident, client) = await ResidentWithDetailsAsync();
        var response = await client.PutAsJsonAsync("/api/me/contact-preferences", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await ReadAsync(resident);
        Assert.Equal(("test@exempel.se", "070-1740605", NotificationChannel.Sms, "en"), (after.Email, after.Phone, after.PreferredChannel, after.PreferredLanguage));
    }

    [Fact]
    public async Task A_field_left_out_keeps_its_value_and_an_empty_one_is_cleared()
    {
        var (resident, client) = await ResidentWithDetailsAsync();
        var response = await client.PutAsJsonAsync("/api/me/contact-preferences", new { email = "", phone = "070-1111111" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var after = await ReadAsync(resident);
        Assert.Equal(((string?)null, "070-1111111", NotificationChannel.Sms, "en"), (after.Email, after.Phone, after.PreferredChannel, after.PreferredLanguage));
    }

    [Fact]
    public async Task Clearing_the_number_the_chosen_channel_needs_is_refused()
    {
        var (resident, client) = await ResidentWithDetailsAsync();
        var response = await client.PutAsJsonAsync("/api/me/contact-preferences", new { phone = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("phone", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("070-1740605", (await ReadAsync(resident)).Phone);
    }
}

[Collection(SqliteTests.Name)]
public sealed class ContactPreferencesTestsOnSqlite(SqliteApp app) : ContactPreferencesTests(app);

[Collection(PostgresTests.Name)]
public sealed class ContactPreferencesTestsOnPostgres(PostgresApp app) : ContactPreferencesTests(app);

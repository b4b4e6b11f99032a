using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>The notification centre's unread state: sent messages count as unread until the resident opens the page that lists them.</summary>
public abstract class UnreadMessagesTests(NaraApp app)
{
    [Fact]
    public async Task Messages_are_unread_until_opened_and_only_residents_have_them()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var other = await app.Data.ResidentAsync(unit.Id);
        await app.Data.WithDbAsync(async db =>
        {
            foreach (var (to, status) in new[] { (resident.Id, OutboxStatus.Sent), (resident.Id, OutboxStatus.Sent), (resident.Id, OutboxStatus.Pending), (other.Id, OutboxStatus.Sent) })
            {
                db.Add(new OutboxMessage
                {
                    Recipient = to, Kind = "Bokningsbekräftelse", Subject = "Din tid är bokad", Body = "Logga in i Nära för detaljer.", CreatedAt = app.Now,
                    SendAt = app.Now, NextAttemptAt = app.Now, Status = status, SentAt = status == OutboxStatus.Sent ? app.Now : null,
                    DeliveredVia = status == OutboxStatus.Sent ? MessageChannel.Utkorg : null,
                });
            }
            await db.SaveChangesAsync();
        });
        var client = await app.ResidentClientAsync(resident.Id.Value);
        async Task<int> UnreadAsync() => (await client.GetFromJsonAsync<JsonElement>("/api/me/messages/unread")).GetProperty("count").GetInt32();

        Assert.Equal(2, await UnreadAsync());
        // Reading the list through the API leaves them unread unless asked to mark them.
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/utkorg");
        Assert.All(listed.GetProperty("messages").EnumerateArray(), m => Assert.True(m.GetProperty("new").GetBoolean()));
        Assert.Equal(2, await UnreadAsync());
        var opened = await client.GetFromJsonAsync<JsonElement>("/api/utkorg?markeraLasta=true");
        Assert.Equal(2, opened.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("new").GetBoolean()));
        Assert.Equal(0, await UnreadAsync());
        var again = await client.GetFromJsonAsync<JsonElement>("/api/utkorg?markeraLasta=true");
        Assert.All(again.GetProperty("messages").EnumerateArray(), m => Assert.False(m.GetProperty("new").GetBoolean()));

        // Someone else's message is theirs: still unread.
        var otherClient = await app.ResidentClientAsync(other.Id.Value);
        Assert.Equal(1, (await otherClient.GetFromJsonAsync<JsonElement>("/api/me/messages/unread")).GetProperty("count").GetInt32());
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id)).Id.Value, unit.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/me/messages/unread")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class UnreadMessagesTestsOnSqlite(SqliteApp app) : UnreadMessagesTests(app);

[Collection(PostgresTests.Name)]
public sealed class UnreadMessagesTestsOnPostgres(PostgresApp app) : UnreadMessagesTests(app);

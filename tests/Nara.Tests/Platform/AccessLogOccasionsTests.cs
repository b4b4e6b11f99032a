using System.Net.Http.Json;
using System.Text.Json;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// The resident's access log by occasion: one row per person, unit, grounds and outcome while the events follow within an
/// hour, with every event kept as detail; emergency access with its reason stands alone.
/// </summary>
public abstract class AccessLogOccasionsTests(NaraApp app)
{
    [Fact]
    public async Task Events_of_one_sitting_are_one_occasion_and_another_person_an_hour_later_or_an_emergency_access_is_another()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var (anna, bo) = (Guid.NewGuid(), Guid.NewGuid());
        var t0 = app.Now.AddDays(-1);
        AuditEvent Event(Guid actor, string name, int minutes, string resource, AccessBasis basis = AccessBasis.CareRelationship, string? reason = null) => new()
        {
            At = t0.AddMinutes(minutes), ActorId = actor, ActorName = name, ActorRole = "Vardpersonal", ActorUnitId = unit.Id, ResidentId = resident.Id,
            Action = AuditAction.Read, Resource = resource, Outcome = AuditOutcome.Allowed, Basis = basis, Reason = reason, Flagged = reason is not null,
        };
        await app.Data.WithDbAsync(async db =>
        {
            // Oldest first, as they were written: Anna's sitting (three reads over 40 minutes), Anna again two hours later,
            // Bo in between, and Bo's emergency access right after his ordinary read.
            db.AddRange(
                Event(anna, "Anna Test", 0, "Patientöversikt"), Event(anna, "Anna Test", 20, "Bokning"), Event(anna, "Anna Test", 40, "Patientöversikt"),
                Event(bo, "Bo Test", 60, "Patientöversikt"),
                Event(bo, "Bo Test", 61, "Patientöversikt", AccessBasis.EmergencyAccess, "Medvetslös på akuten"),
                Event(anna, "Anna Test", 160, "Patientöversikt"));
            await db.SaveChangesAsync();
        });

        var client = await app.ResidentClientAsync(resident.Id.Value);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/me/access-log/occasions");
        var occasions = page.GetProperty("occasions").EnumerateArray().ToList();
        Assert.Equal(4, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(["Anna Test", "Bo Test", "Bo Test", "Anna Test"], occasions.Select(o => o.GetProperty("actorName").GetString()));
        Assert.Equal([1, 1, 1, 3], occasions.Select(o => o.GetProperty("events").GetInt32()));
        var sitting = occasions[3];
        Assert.Equal(["Patientöversikt", "Bokning"], sitting.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(t0, sitting.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(t0.AddMinutes(40), sitting.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(3, sitting.GetProperty("details").GetArrayLength());
        Assert.Equal("Medvetslös på akuten", occasions[1].GetProperty("reason").GetString());
    }
}

[Collection(SqliteTests.Name)]
public sealed class AccessLogOccasionsTestsOnSqlite(SqliteApp app) : AccessLogOccasionsTests(app);

[Collection(PostgresTests.Name)]
public sealed class AccessLogOccasionsTestsOnPostgres(PostgresApp app) : AccessLogOccasionsTests(app);

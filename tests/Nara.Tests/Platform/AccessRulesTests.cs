using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Records.Contracts;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>The PDL access rules and their audit trail, through the real HTTP pipeline.</summary>
public abstract class AccessRulesTests(NaraApp app)
{
    private async Task<List<AuditEvent>> AuditFor(ResidentId resident) =>
        await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Nurse_at_the_listing_unit_reads_the_overview_and_the_read_is_audited()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var response = await client.GetAsync($"/api/residents/{resident.Id}/overview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = Assert.Single(await AuditFor(resident.Id), e => e.Resource == "Patientöversikt");
        Assert.Equal(AuditOutcome.Allowed, audit.Outcome);
        Assert.Equal(AccessBasis.CareRelationship, audit.Basis);
        Assert.Equal(nurse.Id.Value, audit.ActorId);
        Assert.Equal(unit.Id, audit.ActorUnitId);
    }

    [Fact]
    public async Task Nurse_without_care_relationship_is_refused_with_403_and_the_attempt_is_audited()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(home.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value);

        var response = await client.GetAsync($"/api/residents/{resident.Id}/overview");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var audit = Assert.Single(await AuditFor(resident.Id));
        Assert.Equal(AuditOutcome.Denied, audit.Outcome);
    }

    [Fact]
    public async Task Consent_to_shared_records_opens_other_units_unless_the_resident_blocked_that_unit()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(home.Id);
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        var nurseClient = await app.StaffClientAsync(nurse.Id.Value);

        (await residentClient.PutAsJsonAsync("/api/me/consent", new { consented = true })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await nurseClient.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
        Assert.Contains(await AuditFor(resident.Id), e => e.Basis == AccessBasis.SharedRecords && e.Outcome == AuditOutcome.Allowed);

        (await residentClient.PostAsJsonAsync("/api/me/blocks", new { unitId = other.Id.Value })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await nurseClient.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);

        (await residentClient.DeleteAsync($"/api/me/blocks/{other.Id.Value}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await nurseClient.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
    }

    [Fact]
    public async Task A_blocked_units_contacts_are_hidden_from_other_units_and_counted()
    {
        var home = await app.Data.UnitAsync();
        var hospital = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var nurse = await app.Data.StaffAsync(home.Id);
        var resident = await app.Data.ResidentAsync(home.Id);
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new Encounter { ResidentId = resident.Id, UnitId = hospital.Id, Level = CareLevel.Specialistvard, Channel = ContactChannel.Fysiskt, Start = app.Now.AddDays(-10), DiagnosisCode = "F32.1" });
            db.Add(new Encounter { ResidentId = resident.Id, UnitId = home.Id, Level = CareLevel.Primarvard, Channel = ContactChannel.Telefon, Start = app.Now.AddDays(-5), DiagnosisCode = "J06.9" });
            await db.SaveChangesAsync();
        });
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        (await residentClient.PostAsJsonAsync("/api/me/blocks", new { unitId = hospital.Id.Value })).EnsureSuccessStatusCode();
        var client = await app.StaffClientAsync(nurse.Id.Value);

        var overview = await client.GetFromJsonAsync<JsonElement>($"/api/residents/{resident.Id}/overview");

        var contacts = overview.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Single(contacts);
        Assert.Equal("J06.9", contacts[0].GetProperty("diagnosisCode").GetString());
        Assert.Equal(1, overview.GetProperty("hiddenByBlocks").GetInt32());
    }

    [Fact]
    public async Task Emergency_access_needs_a_reason_is_flagged_and_the_head_of_unit_reviews_it()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var manager = await app.Data.StaffAsync(other.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var resident = await app.Data.ResidentAsync(home.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value);

        var tooShort = await client.PostAsJsonAsync($"/api/residents/{resident.Id}/emergency-access", new { reason = "akut" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("reason", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);

        const string reason = "Medvetslös patient, behöver läkemedelslistan";
        (await client.PostAsJsonAsync($"/api/residents/{resident.Id}/emergency-access", new { reason })).EnsureSuccessStatusCode();
        var overview = await client.GetFromJsonAsync<JsonElement>($"/api/residents/{resident.Id}/overview");
        Assert.Equal("EmergencyAccess", overview.GetProperty("basis").GetString());
        Assert.Contains(await AuditFor(resident.Id), e => e.Flagged && e.Reason == reason);

        var managerClient = await app.StaffClientAsync(manager.Id.Value);
        var pending = await managerClient.GetFromJsonAsync<JsonElement>("/api/access-review/emergency-accesses");
        var item = Assert.Single(pending.EnumerateArray(), p => p.GetProperty("reason").GetString() == reason);
        var id = item.GetProperty("id").GetGuid();
        (await managerClient.PostAsJsonAsync($"/api/access-review/emergency-accesses/{id}/review", new { note = "Befogad" })).EnsureSuccessStatusCode();
        pending = await managerClient.GetFromJsonAsync<JsonElement>("/api/access-review/emergency-accesses");
        Assert.DoesNotContain(pending.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);

        // A nurse is not a head of unit.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/access-review/emergency-accesses")).StatusCode);
    }

    [Fact]
    public async Task Resident_sees_who_read_their_data_but_not_their_own_actions()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id, givenName: "Loggvisa");
        var resident = await app.Data.ResidentAsync(unit.Id);
        var nurseClient = await app.StaffClientAsync(nurse.Id.Value);
        (await nurseClient.GetAsync($"/api/residents/{resident.Id}/overview")).EnsureSuccessStatusCode();
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        (await residentClient.PutAsJsonAsync("/api/me/consent", new { consented = false })).EnsureSuccessStatusCode();

        var log = await residentClient.GetFromJsonAsync<JsonElement>("/api/me/access-log");

        var entry = Assert.Single(log.GetProperty("entries").EnumerateArray());
        Assert.StartsWith("Loggvisa", entry.GetProperty("actorName").GetString(), StringComparison.Ordinal);
        Assert.Equal("Patientöversikt", entry.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Custodian_acts_for_a_child_under_13_but_not_for_an_older_child()
    {
        var unit = await app.Data.UnitAsync();
        var parent = await app.Data.ResidentAsync(unit.Id, new DateOnly(1985, 3, 3));
        var young = await app.Data.ResidentAsync(unit.Id, DateOnly.FromDateTime(app.Now.UtcDateTime.AddYears(-8)));
        var older = await app.Data.ResidentAsync(unit.Id, DateOnly.FromDateTime(app.Now.UtcDateTime.AddYears(-15)));
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = young.Id });
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = older.Id });
            await db.SaveChangesAsync();
        });
        var client = await app.ResidentClientAsync(parent.Id.Value);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/residents/{young.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/residents/{older.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/me/access-log?forChild={young.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/me/access-log?forChild={older.Id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_resident_is_404_and_a_malformed_id_is_400()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/residents/{Guid.NewGuid()}/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/residents/inte-ett-id/overview")).StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_api_calls_get_401_not_a_redirect()
    {
        var response = await app.AnonymousClient().GetAsync("/api/me/profile");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Changing_listing_moves_the_care_relationship_and_keeps_the_history()
    {
        var first = await app.Data.UnitAsync();
        var second = await app.Data.UnitAsync();
        var firstNurse = await app.Data.StaffAsync(first.Id);
        var resident = await app.Data.ResidentAsync(first.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);

        var wrong = await client.PostAsJsonAsync("/api/me/listing", new { unitId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        (await client.PostAsJsonAsync("/api/me/listing", new { unitId = second.Id.Value })).EnsureSuccessStatusCode();

        var profile = await client.GetFromJsonAsync<JsonElement>("/api/me/profile");
        Assert.Equal(second.Id.Value, profile.GetProperty("currentListing").GetProperty("unitId").GetGuid());
        Assert.Equal(2, profile.GetProperty("listingHistory").GetArrayLength());
        var nurseClient = await app.StaffClientAsync(firstNurse.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurseClient.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class AccessRulesTestsOnSqlite(SqliteApp app) : AccessRulesTests(app);

[Collection(PostgresTests.Name)]
public sealed class AccessRulesTestsOnPostgres(PostgresApp app) : AccessRulesTests(app);

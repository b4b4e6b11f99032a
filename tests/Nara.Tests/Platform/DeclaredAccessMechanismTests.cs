using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// The one declared access check (ResidentAccess.RequireAsync with an AccessRequest): what it refuses, how it answers,
/// and what it writes to the log, on both engines.
/// </summary>
public abstract class DeclaredAccessMechanismTests(NaraApp app)
{
    private async Task<List<AuditEvent>> AuditFor(ResidentId resident) =>
        await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident).OrderBy(e => e.Id).ToListAsync());

    private async Task<T> WithAccessAsync<T>(Func<ResidentAccess, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ResidentAccess>());
    }

    private static Actor Staff(StaffMember s, UnitId unit, string role = NaraRoles.Vardpersonal) => new(s.Id.Value, "Test Personal", role, s.Profession, unit);

    [Fact]
    public async Task A_record_held_by_another_unit_is_refused_as_declared_and_the_attempt_is_logged_as_denied()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(home.Id);
        var request = AccessRequest.Write("Bokning").AtUnitRecord(home.Id) with { HiddenAs = ("id", "Bokningen finns inte.") };

        var refused = await Assert.ThrowsAsync<ProblemException>(() => WithAccessAsync(a => a.RequireAsync(Staff(nurse, other.Id), resident.Id, request, CancellationToken.None)));

        Assert.Equal(404, refused.Status);
        Assert.Equal("Bokningen finns inte.", refused.Message);
        var logged = Assert.Single(await AuditFor(resident.Id));
        Assert.Equal((AuditOutcome.Denied, AccessBasis.None, AuditAction.Write, "Bokning"), (logged.Outcome, logged.Basis, logged.Action, logged.Resource));
    }

    [Fact]
    public async Task Staff_at_the_holding_unit_act_on_its_record_and_the_write_is_logged_once_when_done()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var elsewhere = await app.Data.UnitAsync();
        // Listed elsewhere: no care relationship by the PDL sources; the unit's own record is what allows it.
        var resident = await app.Data.ResidentAsync(elsewhere.Id);
        var request = AccessRequest.Write("Vårdgaranti").AtUnitRecord(unit.Id) with { AuditWhenDone = true };

        await WithAccessAsync(async a =>
        {
            var grant = await a.RequireAsync(Staff(nurse, unit.Id), resident.Id, request, CancellationToken.None);
            Assert.Empty(await AuditFor(resident.Id));
            await grant.AuditAsync("Registrerad", CancellationToken.None);
            return grant;
        });

        var logged = Assert.Single(await AuditFor(resident.Id));
        Assert.Equal((AuditOutcome.Allowed, AccessBasis.CareRelationship, "Registrerad"), (logged.Outcome, logged.Basis, logged.Reason));
    }

    [Fact]
    public async Task A_residents_only_action_refuses_staff_even_with_a_care_relationship()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var request = AccessRequest.Write("Symtombedömning") with { ResidentsOnly = "Bara invånaren svarar." };

        var refused = await Assert.ThrowsAsync<ProblemException>(() => WithAccessAsync(a => a.RequireAsync(Staff(nurse, unit.Id), resident.Id, request, CancellationToken.None)));

        Assert.Equal((403, "Bara invånaren svarar."), (refused.Status, refused.Message));
        Assert.Equal(AuditOutcome.Denied, Assert.Single(await AuditFor(resident.Id)).Outcome);
        var self = new Actor(resident.Id.Value, "Test", NaraRoles.Invanare, null, null);
        var grant = await WithAccessAsync(a => a.RequireAsync(self, resident.Id, request, CancellationToken.None));
        Assert.Equal(AccessBasis.Self, grant.Basis);
    }

    [Fact]
    public async Task An_analyst_gets_no_access_to_a_units_record_even_at_that_unit()
    {
        var unit = await app.Data.UnitAsync();
        var analyst = await app.Data.StaffAsync(unit.Id, role: StaffRole.Analytiker);
        var resident = await app.Data.ResidentAsync(unit.Id);

        var refused = await Assert.ThrowsAsync<ProblemException>(() => WithAccessAsync(a =>
            a.RequireAsync(Staff(analyst, unit.Id, NaraRoles.Analytiker), resident.Id, AccessRequest.Read("Bokning").AtUnitRecord(unit.Id), CancellationToken.None)));

        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task A_resident_naming_someone_else_in_an_audit_event_search_is_refused_and_logged_as_a_denied_attempt_on_that_person()
    {
        var unit = await app.Data.UnitAsync();
        var me = await app.Data.ResidentAsync(unit.Id);
        var other = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(me.Id.Value);

        var response = await client.GetAsync($"/fhir/AuditEvent?patient=Patient/{other.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var logged = Assert.Single(await AuditFor(other.Id));
        Assert.Equal((AuditOutcome.Denied, me.Id.Value), (logged.Outcome, logged.ActorId));
        Assert.DoesNotContain(await AuditFor(other.Id), e => e.Outcome == AuditOutcome.Allowed);
        // Nor does the attempt appear in the searcher's own log as an access of theirs.
        Assert.DoesNotContain(await AuditFor(me.Id), e => e.Outcome == AuditOutcome.Allowed && e.Resource == "FHIR AuditEvent");
    }

    [Theory]
    [InlineData("/fhir/Appointment?patient=Patient/{0}")]
    [InlineData("/fhir/Task?patient=Patient/{0}")]
    [InlineData("/fhir/QuestionnaireResponse?subject=Patient/{0}")]
    [InlineData("/fhir/AuditEvent?patient=Patient/{0}")]
    [InlineData("/fhir/Patient?identifier={1}")]
    public async Task Every_search_naming_someone_the_caller_may_not_see_is_refused_and_logged_on_that_person(string template)
    {
        var unit = await app.Data.UnitAsync();
        var otherUnit = await app.Data.UnitAsync();
        var other = await app.Data.ResidentAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var nurse = await app.Data.StaffAsync(otherUnit.Id);
        foreach (var (client, actor) in new[]
        {
            (await app.ResidentClientAsync(resident.Id.Value), resident.Id.Value),
            (await app.StaffClientAsync(nurse.Id.Value), nurse.Id.Value),
        })
        {
            var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, other.Id, other.Personnummer));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains(await AuditFor(other.Id), e => e.ActorId == actor && e.Outcome == AuditOutcome.Denied && e.Basis == AccessBasis.None);
        }
        Assert.DoesNotContain(await AuditFor(other.Id), e => e.Outcome == AuditOutcome.Allowed);
    }

    [Fact]
    public async Task With_consent_and_a_block_on_the_unit_staff_there_are_told_a_block_applies()
    {
        var unit = await app.Data.UnitAsync();
        var home = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(home.Id);
        var nurse = await app.Data.StaffAsync(unit.Id);
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        Assert.True((await residentClient.PutAsJsonAsync("/api/me/consent", new { consented = true })).IsSuccessStatusCode);
        Assert.True((await residentClient.PostAsJsonAsync("/api/me/blocks", new { unitId = unit.Id.Value })).IsSuccessStatusCode);

        var response = await (await app.StaffClientAsync(nurse.Id.Value)).GetAsync($"/api/residents/{resident.Id}/overview");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("spärrat", body, StringComparison.Ordinal);
        Assert.DoesNotContain("samtyckt", body, StringComparison.Ordinal);
    }
}

[Collection(SqliteTests.Name)]
public sealed class DeclaredAccessMechanismTestsOnSqlite(SqliteApp app) : DeclaredAccessMechanismTests(app);

[Collection(PostgresTests.Name)]
public sealed class DeclaredAccessMechanismTestsOnPostgres(PostgresApp app) : DeclaredAccessMechanismTests(app);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Records.Contracts;
using Nara.Modules.Records.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Coordination;

/// <summary>
/// The care team across region and municipality through the HTTP API on both engines: membership as a care
/// relationship while it lasts, fixed contacts one at a time with history, consent to sharing between principals with
/// its withdrawal, every change audited, bad input answered with the field.
/// </summary>
public abstract class CareTeamTests(NaraApp app)
{
    private sealed record Member(Guid Id, Guid UnitId, string UnitName, Principal Principal, Guid? StaffId, string? StaffName, string? Role, DateTimeOffset? To, List<FixedContactKind> FixedAs);

    private sealed record Fixed(Guid Id, FixedContactKind Kind, Guid StaffId, string StaffName, Guid UnitId, DateTimeOffset From, DateTimeOffset? To);

    private sealed record Team(List<Member> Members, List<Member> Former, List<Fixed> FixedContacts, List<Fixed> FixedHistory, int Hidden, Principal? NotShared);

    private sealed record Consent(Guid Id, SharingDirection Direction, DateTimeOffset GivenAt, string GivenByName, DateTimeOffset? WithdrawnAt, bool InForce);

    private sealed record Overview(List<Contact> Contacts, int HiddenByBlocks, Principal? NotShared, int NotSharedCount);

    private sealed record Contact(string UnitName);

    private Task<int> AuditCountAsync(ResidentId resident, string resource, AuditOutcome outcome = AuditOutcome.Allowed) =>
        app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == resident && e.Resource == resource && e.Outcome == outcome && e.Action == AuditAction.Write));

    [Fact]
    public async Task A_member_at_another_unit_has_a_care_relationship_while_in_the_team_and_none_after()
    {
        var vc = await app.Data.UnitAsync();
        var homeCare = await app.Data.UnitAsync(UnitType.KommunalHemsjukvard);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var municipalNurse = await app.Data.StaffAsync(homeCare.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var municipal = await app.StaffClientAsync(municipalNurse.Id.Value, homeCare.Id.Value);

        Assert.Equal(HttpStatusCode.Forbidden, (await municipal.GetAsync($"/api/residents/{resident.Id}/care-team")).StatusCode);

        var added = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team",
            new { unitId = homeCare.Id.Value, staffId = municipalNurse.Id.Value, role = "Sjuksköterska i hemsjukvården" }), HttpStatusCode.Created);
        var team = await ReadAsync<Team>(await municipal.GetAsync($"/api/residents/{resident.Id}/care-team"));
        var member = Assert.Single(team.Members, m => m.StaffId == municipalNurse.Id.Value);
        Assert.Equal(Principal.Kommun, member.Principal);
        Assert.Equal("Sjuksköterska i hemsjukvården", member.Role);
        Assert.Equal(1, await AuditCountAsync(resident.Id, Nara.Modules.Coordination.Features.GetCareTeam.AuditResource));

        // Added twice: a conflict naming the field, nothing written.
        Assert.Equal("staffId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team",
            new { unitId = homeCare.Id.Value, staffId = municipalNurse.Id.Value }), HttpStatusCode.Conflict));

        var end = await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team/{added.GetProperty("id").GetGuid()}/end", new { reason = "Hemsjukvården avslutad" });
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await municipal.GetAsync($"/api/residents/{resident.Id}/care-team")).StatusCode);
        var after = await ReadAsync<Team>(await staff.GetAsync($"/api/residents/{resident.Id}/care-team"));
        Assert.DoesNotContain(after.Members, m => m.StaffId == municipalNurse.Id.Value);
        Assert.Contains(after.Former, m => m.StaffId == municipalNurse.Id.Value && m.To is not null);
        Assert.Equal(2, await AuditCountAsync(resident.Id, Nara.Modules.Coordination.Features.GetCareTeam.AuditResource));
    }

    [Fact]
    public async Task A_fixed_contact_is_one_at_a_time_with_history_and_a_fixed_doctor_must_be_a_physician()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var first = await app.Data.StaffAsync(vc.Id);
        var second = await app.Data.StaffAsync(vc.Id);
        var doctor = await app.Data.StaffAsync(vc.Id, Profession.Lakare);
        var staff = await app.StaffClientAsync(first.Id.Value, vc.Id.Value);

        await ReadAsync<JsonElement>(await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastVardkontakt", new { staffId = first.Id.Value }));
        await ReadAsync<JsonElement>(await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastVardkontakt", new { staffId = second.Id.Value }));
        Assert.Equal("staffId", await ProblemFieldAsync(await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastLakarkontakt", new { staffId = second.Id.Value }), HttpStatusCode.BadRequest));
        await ReadAsync<JsonElement>(await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastLakarkontakt", new { staffId = doctor.Id.Value }));

        var team = await ReadAsync<Team>(await staff.GetAsync($"/api/residents/{resident.Id}/care-team"));
        Assert.Equal(second.Id.Value, Assert.Single(team.FixedContacts, f => f.Kind == FixedContactKind.FastVardkontakt).StaffId);
        Assert.Equal(doctor.Id.Value, Assert.Single(team.FixedContacts, f => f.Kind == FixedContactKind.FastLakarkontakt).StaffId);
        var earlier = Assert.Single(team.FixedHistory);
        Assert.Equal(first.Id.Value, earlier.StaffId);
        Assert.Equal(app.Now, earlier.To);
        // Appointed means in the team, and the team shows what they are.
        Assert.Contains(FixedContactKind.FastVardkontakt, Assert.Single(team.Members, m => m.StaffId == second.Id.Value).FixedAs);
        Assert.Empty(Assert.Single(team.Members, m => m.StaffId == first.Id.Value).FixedAs);

        // The resident sees the same team on their own pages.
        var own = await ReadAsync<Team>(await (await app.ResidentClientAsync(resident.Id.Value)).GetAsync($"/api/residents/{resident.Id}/care-team"));
        Assert.Equal(2, own.FixedContacts.Count);

        // Removing the fixed care contact from the team ends the appointment too.
        var memberId = team.Members.Single(m => m.StaffId == second.Id.Value).Id;
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team/{memberId}/end", new { })).StatusCode);
        team = await ReadAsync<Team>(await staff.GetAsync($"/api/residents/{resident.Id}/care-team"));
        Assert.DoesNotContain(team.FixedContacts, f => f.Kind == FixedContactKind.FastVardkontakt);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/residents/{resident.Id}/fixed-contacts/FastVardkontakt")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/residents/{resident.Id}/fixed-contacts/FastLakarkontakt")).StatusCode);
    }

    [Fact]
    public async Task The_municipal_nurse_sees_the_regions_information_only_with_the_persons_consent_which_can_be_withdrawn()
    {
        var vc = await app.Data.UnitAsync();
        var homeCare = await app.Data.UnitAsync(UnitType.KommunalHemsjukvard);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var municipalNurse = await app.Data.StaffAsync(homeCare.Id);
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new Encounter { ResidentId = resident.Id, UnitId = vc.Id, Level = CareLevel.Primarvard, Channel = ContactChannel.Fysiskt, Start = app.Now.AddDays(-10), DiagnosisCode = "I10" });
            db.Add(new Encounter { ResidentId = resident.Id, UnitId = homeCare.Id, Level = CareLevel.Primarvard, Channel = ContactChannel.Fysiskt, Start = app.Now.AddDays(-3), DiagnosisCode = "I10" });
            return await db.SaveChangesAsync();
        });
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var municipal = await app.StaffClientAsync(municipalNurse.Id.Value, homeCare.Id.Value);
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = homeCare.Id.Value, staffId = municipalNurse.Id.Value })).EnsureSuccessStatusCode();

        // In the team but without consent: the municipality's own contact only; the region's is hidden, and said to be.
        var before = await ReadAsync<Overview>(await municipal.GetAsync($"/api/residents/{resident.Id}/overview"));
        Assert.Equal(homeCare.Name, Assert.Single(before.Contacts).UnitName);
        Assert.Equal(Principal.Region, before.NotShared);
        Assert.Equal(1, before.NotSharedCount);
        // The region's nurse does not see the municipality's contact either.
        Assert.Equal(vc.Name, Assert.Single((await ReadAsync<Overview>(await staff.GetAsync($"/api/residents/{resident.Id}/overview"))).Contacts).UnitName);

        // The person consents on their own pages: the municipal nurse now sees both.
        var given = await ReadAsync<Consent>(await residentClient.PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "RegionTillKommun" }), HttpStatusCode.Created);
        var shared = await ReadAsync<Overview>(await municipal.GetAsync($"/api/residents/{resident.Id}/overview"));
        Assert.Equal(2, shared.Contacts.Count);
        Assert.Null(shared.NotShared);
        // Only that direction: the region still does not see the municipality's.
        Assert.Single((await ReadAsync<Overview>(await staff.GetAsync($"/api/residents/{resident.Id}/overview"))).Contacts);
        Assert.Equal("direction", await ProblemFieldAsync(await residentClient.PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "RegionTillKommun" }), HttpStatusCode.Conflict));
        Assert.Equal("direction", await ProblemFieldAsync(await residentClient.PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "Annat" }), HttpStatusCode.BadRequest));

        // Withdrawn (recorded by staff, as told by the person): hidden again; the history keeps both.
        await ReadAsync<Consent>(await staff.PostAsync($"/api/residents/{resident.Id}/sharing-consents/{given.Id}/withdraw", null));
        Assert.Single((await ReadAsync<Overview>(await municipal.GetAsync($"/api/residents/{resident.Id}/overview"))).Contacts);
        var history = await ReadAsync<List<Consent>>(await residentClient.GetAsync($"/api/residents/{resident.Id}/sharing-consents"));
        var only = Assert.Single(history);
        Assert.False(only.InForce);
        Assert.Equal(2, await AuditCountAsync(resident.Id, Nara.Platform.Access.Features.RecordSharingConsent.AuditResource));

        // Someone with no care relationship cannot record a consent for the person.
        var stranger = await app.Data.StaffAsync((await app.Data.UnitAsync()).Id);
        var strangerClient = await app.StaffClientAsync(stranger.Id.Value, stranger.Assignments[0].UnitId.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerClient.PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "KommunTillRegion" })).StatusCode);
        Assert.Equal(1, await AuditCountAsync(resident.Id, Nara.Platform.Access.Features.RecordSharingConsent.AuditResource, AuditOutcome.Denied));
    }

    [Fact]
    public async Task The_care_pathways_are_readable_by_signed_in_staff_with_each_steps_deadline_and_source()
    {
        var vc = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(vc.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var list = await ReadAsync<List<JsonElement>>(await staff.GetAsync("/api/pathways"));
        Assert.True(list.Count >= 4);
        var kol = await ReadAsync<JsonElement>(await staff.GetAsync("/api/pathways/kol"));
        Assert.Equal("draft", kol.GetProperty("status").GetString());
        var first = kol.GetProperty("steps")[0];
        Assert.Equal("start", first.GetProperty("from").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("basis").GetString()));
        Assert.Equal("id", await ProblemFieldAsync(await staff.GetAsync("/api/pathways/finns-inte"), HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/pathways")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_writes_nothing()
    {
        var vc = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var elsewhere = await app.Data.StaffAsync(other.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);

        Assert.Equal("unitId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = Guid.NewGuid() }), HttpStatusCode.BadRequest));
        Assert.Equal("staffId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = vc.Id.Value, staffId = elsewhere.Id.Value }), HttpStatusCode.BadRequest));
        Assert.Equal("role", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = vc.Id.Value, role = new string('x', 101) }), HttpStatusCode.BadRequest));
        Assert.Equal("kind", await ProblemFieldAsync(await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/Husläkare", new { staffId = nurse.Id.Value }), HttpStatusCode.BadRequest));
        Assert.Equal("staffId", await ProblemFieldAsync(await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastVardkontakt", new { }), HttpStatusCode.BadRequest));
        Assert.Equal("memberId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team/{Guid.NewGuid()}/end", new { }), HttpStatusCode.NotFound));
        // A resident cannot change the team.
        var own = await app.ResidentClientAsync(resident.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = vc.Id.Value })).StatusCode);

        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Coordination.Domain.CareTeamMember>().CountAsync(m => m.ResidentId == resident.Id)));
        Assert.Equal(0, await AuditCountAsync(resident.Id, Nara.Modules.Coordination.Features.GetCareTeam.AuditResource));
    }
}

[Collection(SqliteTests.Name)]
public sealed class CareTeamTestsOnSqlite(SqliteApp app) : CareTeamTests(app);

[Collection(PostgresTests.Name)]
public sealed class CareTeamTestsOnPostgres(PostgresApp app) : CareTeamTests(app);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Coordination;

/// <summary>
/// Referrals through the HTTP API on both engines: sent from a vårdcentral, handled in the specialist clinic's inbox (ask
/// for more, complement, accept, answer), the 90-day clock started by acceptance and stopped by the booked visit, the
/// referral as a care relationship while open, consent needed across principals, bad input named, every step audited.
/// </summary>
public abstract class ReferralTests(NaraApp app)
{
    private sealed record Step(string What, string? Text);

    private sealed record Item(Guid Id, Guid ResidentId, ReferralKind Kind, string ToUnitName, string Question, string? Background, ReferralPriority Priority,
        ReferralStatus Status, string? Answer, List<Step> History);

    private sealed record Clock(ClockKind Kind, Guid UnitId, DateOnly StartDate, DateOnly Deadline, DateOnly? StopDate);

    [Fact]
    public async Task A_referral_is_asked_about_complemented_accepted_and_answered_and_its_clock_stops_with_the_booked_visit()
    {
        var vc = await app.Data.UnitAsync();
        var clinic = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var doctor = await app.Data.StaffAsync(vc.Id, Profession.Lakare);
        var specialist = await app.Data.StaffAsync(clinic.Id, Profession.Lakare);
        var sender = await app.StaffClientAsync(doctor.Id.Value, vc.Id.Value);
        var receiver = await app.StaffClientAsync(specialist.Id.Value, clinic.Id.Value);

        // Before the referral the clinic has no care relationship with the person.
        Assert.Equal(HttpStatusCode.Forbidden, (await receiver.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
        var id = (await ReadAsync<JsonElement>(await sender.PostAsJsonAsync($"/api/residents/{resident.Id}/referrals",
            new { kind = "Remiss", toUnitId = clinic.Id.Value, question = "Bedömning av höftledsartros inför eventuell operation", background = "Smärta i höger höft sedan ett år." }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var inbox = await ReadAsync<List<Item>>(await receiver.GetAsync("/api/referrals"));
        var received = Assert.Single(inbox, r => r.Id == id);
        Assert.Equal(ReferralStatus.Skickad, received.Status);
        Assert.Equal(HttpStatusCode.OK, (await receiver.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
        // Only the receiving unit handles it; only the sender complements.
        Assert.Equal(HttpStatusCode.Forbidden, (await sender.PostAsync($"/api/referrals/{id}/accept", null)).StatusCode);
        Assert.Equal("status", await ProblemFieldAsync(await sender.PostAsJsonAsync($"/api/referrals/{id}/complement", new { text = "Röntgen finns." }), HttpStatusCode.Conflict));

        Assert.Equal("text", await ProblemFieldAsync(await receiver.PostAsJsonAsync($"/api/referrals/{id}/ask", new { text = "" }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await receiver.PostAsJsonAsync($"/api/referrals/{id}/ask", new { text = "Finns röntgen av höften?" })).StatusCode);
        Assert.Equal("status", await ProblemFieldAsync(await receiver.PostAsync($"/api/referrals/{id}/accept", null), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.NoContent, (await sender.PostAsJsonAsync($"/api/referrals/{id}/complement", new { text = "Röntgen 2026-05-02 visar uttalad artros." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await receiver.PostAsJsonAsync($"/api/referrals/{id}/priority", new { priority = "Fortur", text = "Svår smärta" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await receiver.PostAsync($"/api/referrals/{id}/accept", null)).StatusCode);

        // Accepted: the 90-day clock to the first visit runs from the day the referral was issued.
        var clocks = await ReadAsync<List<Clock>>(await receiver.GetAsync($"/api/care-guarantee/residents/{resident.Id}/clocks"));
        var clock = Assert.Single(clocks, c => c.Kind == ClockKind.Specialistbesok && c.UnitId == clinic.Id.Value);
        Assert.Equal(app.Today, clock.StartDate);
        Assert.Equal(app.Today.AddDays(90), clock.Deadline);
        Assert.Null(clock.StopDate);
        // No second clock by hand for the same wait.
        Assert.Equal(HttpStatusCode.Conflict, (await receiver.PostAsJsonAsync("/api/care-guarantee/registrations", new { kind = "Remiss", residentId = resident.Id.Value, date = app.Today })).StatusCode);

        // The first visit booked with the specialist stops it.
        var slot = await app.Data.SlotAsync(clinic.Id, app.Now.AddDays(20), profession: Profession.Lakare);
        (await receiver.PostAsJsonAsync($"/api/booking/slots/{slot.Id}/book", new { residentId = resident.Id.Value })).EnsureSuccessStatusCode();
        clock = Assert.Single(await ReadAsync<List<Clock>>(await receiver.GetAsync($"/api/care-guarantee/residents/{resident.Id}/clocks")), c => c.Kind == ClockKind.Specialistbesok && c.UnitId == clinic.Id.Value);
        Assert.Equal(app.Today.AddDays(20), clock.StopDate);

        Assert.Equal(HttpStatusCode.NoContent, (await receiver.PostAsJsonAsync($"/api/referrals/{id}/answer", new { text = "Planeras för höftprotes. Kallelse skickas." })).StatusCode);
        var answered = await ReadAsync<Item>(await sender.GetAsync($"/api/referrals/{id}"));
        Assert.Equal(ReferralStatus.Besvarad, answered.Status);
        Assert.Equal(ReferralPriority.Fortur, answered.Priority);
        Assert.Contains("Röntgen 2026-05-02", answered.Background);
        Assert.Equal(["Skickad", "Komplettering begärd", "Kompletterad", "Omprioriterad till Fortur", "Accepterad", "Besvarad"], answered.History.Select(h => h.What));
        Assert.DoesNotContain(await ReadAsync<List<Item>>(await receiver.GetAsync("/api/referrals")), r => r.Id == id);
        Assert.Contains(await ReadAsync<List<Item>>(await sender.GetAsync("/api/referrals?sent=true")), r => r.Id == id && r.Answer != null);
        // The person reads their own referral.
        Assert.Single(await ReadAsync<List<Item>>(await (await app.ResidentClientAsync(resident.Id.Value)).GetAsync($"/api/residents/{resident.Id}/referrals")));
        Assert.Equal(6, await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == resident.Id && e.Resource == "Remiss" && e.Action == AuditAction.Write)));
    }

    [Fact]
    public async Task Bad_referrals_name_the_field_and_a_returned_one_leaves_no_clock()
    {
        var vc = await app.Data.UnitAsync();
        var clinic = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var homeCare = await app.Data.UnitAsync(UnitType.KommunalHemsjukvard);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var sender = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var url = $"/api/residents/{resident.Id}/referrals";

        Assert.Equal("toUnitId", await ProblemFieldAsync(await sender.PostAsJsonAsync(url, new { kind = "Konsultation", toUnitId = vc.Id.Value, question = "Fråga" }), HttpStatusCode.BadRequest));
        Assert.Equal("toUnitId", await ProblemFieldAsync(await sender.PostAsJsonAsync(url, new { kind = "Remiss", toUnitId = homeCare.Id.Value, question = "Fråga" }), HttpStatusCode.BadRequest));
        Assert.Equal("question", await ProblemFieldAsync(await sender.PostAsJsonAsync(url, new { kind = "Remiss", toUnitId = clinic.Id.Value, question = " " }), HttpStatusCode.BadRequest));
        Assert.Equal("kind", await ProblemFieldAsync(await sender.PostAsJsonAsync(url, new { toUnitId = clinic.Id.Value, question = "Fråga" }), HttpStatusCode.BadRequest));
        // To the municipality: only with the person's consent to sharing.
        Assert.Equal("toUnitId", await ProblemFieldAsync(await sender.PostAsJsonAsync(url, new { kind = "Hemsjukvard", toUnitId = homeCare.Id.Value, question = "Såromläggning i hemmet" }), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Referral>().CountAsync(r => r.ResidentId == resident.Id)));
        (await (await app.ResidentClientAsync(resident.Id.Value)).PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "RegionTillKommun" })).EnsureSuccessStatusCode();
        (await sender.PostAsJsonAsync(url, new { kind = "Hemsjukvard", toUnitId = homeCare.Id.Value, question = "Såromläggning i hemmet" })).EnsureSuccessStatusCode();

        var id = (await ReadAsync<JsonElement>(await sender.PostAsJsonAsync(url, new { kind = "Remiss", toUnitId = clinic.Id.Value, question = "Knäsmärta" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var specialist = await app.StaffClientAsync((await app.Data.StaffAsync(clinic.Id, Profession.Lakare)).Id.Value, clinic.Id.Value);
        Assert.Equal("text", await ProblemFieldAsync(await specialist.PostAsJsonAsync($"/api/referrals/{id}/return", new { }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await specialist.PostAsJsonAsync($"/api/referrals/{id}/return", new { text = "Handläggs i primärvården: prova fysioterapi först." })).StatusCode);
        Assert.Equal("status", await ProblemFieldAsync(await specialist.PostAsync($"/api/referrals/{id}/accept", null), HttpStatusCode.Conflict));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.CareGuarantee.Domain.GuaranteeClock>().CountAsync(c => c.ResidentId == resident.Id && c.UnitId == clinic.Id)));
        // Returned: no longer a care relationship for the clinic; another unit cannot read the referral.
        Assert.Equal(HttpStatusCode.Forbidden, (await specialist.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync((await app.Data.UnitAsync()).Id)).Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/referrals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sender.GetAsync($"/api/referrals/{Guid.NewGuid()}")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class ReferralTestsOnSqlite(SqliteApp app) : ReferralTests(app);

[Collection(PostgresTests.Name)]
public sealed class ReferralTestsOnPostgres(PostgresApp app) : ReferralTests(app);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Coordination;

/// <summary>
/// SIP and discharge from inpatient care through the HTTP API on both engines: a SIP only with consent, its participants
/// from both principals and someone close, who does what by when, a digital meeting booked as a video visit, the person
/// reading it; the hospital's admission notice, ready for discharge, the call to planning and the clock from
/// "utskrivningsklar" with the limits from content; steps out of order refused; bad input named; every step audited.
/// </summary>
public abstract class SipTests(NaraApp app)
{
    private sealed record Participant(Guid Id, SipSide Side, Guid? UnitId, string? Name);

    private sealed record ActionItem(Guid Id, string What, DateOnly DueOn, bool Done, bool Late);

    private sealed record SipView(Guid Id, string Purpose, SipStatus Status, string ConsentBy, Guid ResponsibleUnitId, DateTimeOffset? MeetingAt, Guid? MeetingAppointmentId,
        DateOnly? FollowUpOn, List<Participant> Participants, List<ActionItem> Actions);

    private sealed record Stay(Guid Id, DischargeStatus Status, string? PrimaryCareUnitName, DateTimeOffset AdmittedAt, DateTimeOffset AdmissionNoticeDue, bool AdmissionNoticeOnTime,
        DateTimeOffset? ReadyAt, int? DaysSinceReady, DateTimeOffset? PlanningCalledAt, DateTimeOffset? PlanningCallDue, bool PlanningCallLate, DateTimeOffset? PaymentFrom,
        List<JsonElement> History, List<string> Limits);

    [Fact]
    public async Task A_sip_is_made_only_with_consent_across_region_and_municipality_with_a_digital_meeting()
    {
        var p = await AcrossPrincipalsAsync(app);
        var url = $"/api/residents/{p.Resident.Id}/sips";
        Assert.Equal("consentGiven", await ProblemFieldAsync(await p.Staff.PostAsJsonAsync(url, new { purpose = "Stöd i hemmet efter höftfraktur" }), HttpStatusCode.BadRequest));
        Assert.Equal("purpose", await ProblemFieldAsync(await p.Staff.PostAsJsonAsync(url, new { consentGiven = true }), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Coordination.Domain.Sip>().CountAsync(s => s.ResidentId == p.Resident.Id)));
        var id = (await ReadAsync<JsonElement>(await p.Staff.PostAsJsonAsync(url, new { purpose = "Stöd i hemmet efter höftfraktur", consentGiven = true }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var sipUrl = $"/api/sips/{id}";

        Assert.Equal("unitId", await ProblemFieldAsync(await p.Staff.PostAsJsonAsync($"{sipUrl}/participants", new { side = "Kommun", unitId = p.Vc.Id.Value }), HttpStatusCode.BadRequest));
        await ReadAsync<JsonElement>(await p.Staff.PostAsJsonAsync($"{sipUrl}/participants", new { side = "Kommun", unitId = p.HomeCare.Id.Value, role = "Hemsjukvård" }), HttpStatusCode.Created);
        Assert.Equal("name", await ProblemFieldAsync(await p.Staff.PostAsJsonAsync($"{sipUrl}/participants", new { side = "Narstaende" }), HttpStatusCode.BadRequest));
        await ReadAsync<JsonElement>(await p.Staff.PostAsJsonAsync($"{sipUrl}/participants", new { side = "Narstaende", name = "Dottern Eva (syntetisk)" }), HttpStatusCode.Created);

        Assert.Equal("dueOn", await ProblemFieldAsync(await p.Staff.PostAsJsonAsync($"{sipUrl}/actions", new { what = "Trygghetslarm", unitId = p.HomeCare.Id.Value, dueOn = app.Today.AddDays(-1) }), HttpStatusCode.BadRequest));
        var action = (await ReadAsync<JsonElement>(await p.Staff.PostAsJsonAsync($"{sipUrl}/actions", new { what = "Trygghetslarm installeras", unitId = p.HomeCare.Id.Value, dueOn = app.Today.AddDays(3) }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await p.Staff.PutAsJsonAsync($"{sipUrl}/actions/{action}", new { done = true })).StatusCode);
        Assert.Equal("followUpOn", await ProblemFieldAsync(await p.Staff.PutAsJsonAsync(sipUrl, new { followUpOn = app.Today.AddDays(-3) }), HttpStatusCode.BadRequest));
        Assert.Equal("meetingAt", await ProblemFieldAsync(await p.Staff.PutAsJsonAsync(sipUrl, new { meetingAt = app.Now.AddHours(-1), meetingPlace = "Vårdcentralen" }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await p.Staff.PutAsJsonAsync(sipUrl, new { followUpOn = app.Today.AddDays(30) })).StatusCode);

        // The meeting as a digital care meeting: a video time at the responsible unit, booked for the person.
        var slot = await app.Data.SlotAsync(p.Vc.Id, app.Now.AddDays(2), SlotType.Video);
        var times = await ReadAsync<List<JsonElement>>(await p.Staff.GetAsync($"{sipUrl}/meeting-times"));
        Assert.Contains(times, t => t.GetProperty("slotId").GetGuid() == slot.Id.Value);
        var appointment = (await ReadAsync<JsonElement>(await p.Staff.PostAsJsonAsync($"{sipUrl}/digital-meeting", new { slotId = slot.Id.Value }), HttpStatusCode.Created)).GetProperty("appointmentId").GetGuid();

        // The person reads their SIP.
        var person = await app.ResidentClientAsync(p.Resident.Id.Value);
        var sip = Assert.Single(await ReadAsync<List<SipView>>(await person.GetAsync(url)));
        Assert.Equal("Personen", sip.ConsentBy);
        Assert.Equal(appointment, sip.MeetingAppointmentId);
        Assert.Equal(app.Today.AddDays(30), sip.FollowUpOn);
        Assert.Equal([SipSide.Region, SipSide.Kommun, SipSide.Narstaende], sip.Participants.Select(x => x.Side));
        Assert.True(Assert.Single(sip.Actions).Done);
        // Only staff change it; a stranger unit without a care relationship neither reads nor changes it.
        Assert.Equal(HttpStatusCode.Forbidden, (await person.PutAsJsonAsync(sipUrl, new { followUpOn = app.Today })).StatusCode);
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync((await app.Data.UnitAsync()).Id)).Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await p.Staff.PutAsJsonAsync(sipUrl, new { status = "Avslutad" })).StatusCode);
        Assert.Equal("sipId", await ProblemFieldAsync(await p.Staff.PostAsJsonAsync($"{sipUrl}/actions", new { what = "Mer", unitId = p.Vc.Id.Value, dueOn = app.Today }), HttpStatusCode.Conflict));
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == p.Resident.Id && e.Resource == "SIP (samordnad individuell plan)" && e.Reason == "Startade SIP med samtycke från Personen")));
    }

    [Fact]
    public async Task Discharge_from_the_hospital_follows_the_laws_notices_and_the_clock_from_utskrivningsklar()
    {
        var p = await AcrossPrincipalsAsync(app);
        var hospital = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var doctor = await app.StaffClientAsync((await app.Data.StaffAsync(hospital.Id, Profession.Lakare)).Id.Value, hospital.Id.Value);
        var url = $"/api/residents/{p.Resident.Id}/discharge-stays";

        // Only inpatient care admits.
        Assert.Equal(HttpStatusCode.Forbidden, (await p.Staff.PostAsJsonAsync(url, new { })).StatusCode);
        Assert.Equal("admittedAt", await ProblemFieldAsync(await doctor.PostAsJsonAsync(url, new { admittedAt = app.Now.AddHours(2) }), HttpStatusCode.BadRequest));
        var id = (await ReadAsync<JsonElement>(await doctor.PostAsJsonAsync(url, new { admittedAt = app.Now.AddHours(-30) }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal("residentId", await ProblemFieldAsync(await doctor.PostAsJsonAsync(url, new { }), HttpStatusCode.Conflict));

        // Admitted 30 hours ago, the notice sent now: later than the 24 hours of the law.
        var stay = Assert.Single(await ReadAsync<List<Stay>>(await p.Staff.GetAsync(url)));
        Assert.Equal(DischargeStatus.Inskriven, stay.Status);
        Assert.Equal(p.Vc.Name, stay.PrimaryCareUnitName);
        Assert.Equal(app.Now.AddHours(-6), stay.AdmissionNoticeDue);
        Assert.False(stay.AdmissionNoticeOnTime);
        Assert.Equal(3, stay.Limits.Count);
        Assert.Contains(stay.Limits, l => l.Contains("Lag (2017:612)", StringComparison.Ordinal));

        // Steps in order, by the right side.
        Assert.Equal("status", await ProblemFieldAsync(await p.Staff.PostAsync($"/api/discharge-stays/{id}/kallad", null), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Forbidden, (await p.Staff.PostAsync($"/api/discharge-stays/{id}/utskrivningsklar", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await doctor.PostAsync($"/api/discharge-stays/{id}/utskrivningsklar", null)).StatusCode);
        stay = Assert.Single(await ReadAsync<List<Stay>>(await p.Staff.GetAsync(url)));
        Assert.Equal(app.Now, stay.ReadyAt);
        Assert.Equal(0, stay.DaysSinceReady);
        Assert.Equal(app.Now.AddDays(3), stay.PlanningCallDue);
        Assert.Equal(app.Now.AddDays(3), stay.PaymentFrom);
        Assert.False(stay.PlanningCallLate);

        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.PostAsync($"/api/discharge-stays/{id}/kallad", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await p.Staff.PostAsync($"/api/discharge-stays/{id}/kallad", null)).StatusCode);
        Assert.Equal("status", await ProblemFieldAsync(await p.Staff.PostAsync($"/api/discharge-stays/{id}/kallad", null), HttpStatusCode.Conflict));
        Assert.Equal("step", await ProblemFieldAsync(await doctor.PostAsync($"/api/discharge-stays/{id}/hem", null), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await doctor.PostAsync($"/api/discharge-stays/{id}/utskriven", null)).StatusCode);

        stay = Assert.Single(await ReadAsync<List<Stay>>(await p.Staff.GetAsync(url)));
        Assert.Equal(DischargeStatus.Utskriven, stay.Status);
        Assert.Equal(4, stay.History.Count);
        Assert.Null(stay.DaysSinceReady);
        // Discharged: the hospital's own record no longer opens the person to it.
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync(url)).StatusCode);
        // The admission (a registration) and the three steps.
        Assert.Equal(4, await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == p.Resident.Id && e.Resource == "Utskrivning från slutenvård" && e.Action == AuditAction.Write && e.Outcome == AuditOutcome.Allowed)));
    }
}

[Collection(SqliteTests.Name)]
public sealed class SipTestsOnSqlite(SqliteApp app) : SipTests(app);

[Collection(PostgresTests.Name)]
public sealed class SipTestsOnPostgres(PostgresApp app) : SipTests(app);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.VirtualCare;

/// <summary>The virtual care centre: check-in window, who may see, admit and end a meeting, and that ending records the visit.</summary>
public abstract class VirtualCareTests(NaraApp app)
{
    private sealed record Setup(Guid Unit, Guid Nurse, Guid Resident, Guid AppointmentId);

    /// <summary>A unit with a nurse, a resident listed there, and a booked visit of the given type starting <paramref name="startsIn"/> from now.</summary>
    private async Task<Setup> BookedAsync(SlotType type, TimeSpan startsIn, TimeSpan? length = null)
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var id = await BookAsync(unit.Id, nurse.Id, resident.Id, type, startsIn, length);
        return new Setup(unit.Id.Value, nurse.Id.Value, resident.Id.Value, id);
    }

    private async Task<Guid> BookAsync(UnitId unit, StaffId nurse, ResidentId resident, SlotType type, TimeSpan startsIn, TimeSpan? length = null)
    {
        var start = app.Now + startsIn;
        var slot = new Slot { UnitId = unit, StaffId = nurse, Type = type, Start = start, End = start + (length ?? TimeSpan.FromMinutes(20)), WebBookable = true };
        var appointment = new Appointment { SlotId = slot.Id, UnitId = unit, ResidentId = resident, Start = start, BookedAt = app.Now, BookedBy = resident.Value };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(slot);
            db.Add(appointment);
            await db.SaveChangesAsync();
        });
        return appointment.Id.Value;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<AppointmentStatus> BookingStatusAsync(Guid id) =>
        app.Data.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Id == new AppointmentId(id)).Select(a => a.Status).FirstAsync());

    [Fact]
    public async Task Resident_checks_in_nurse_lets_in_they_chat_and_ending_records_the_visit_as_done()
    {
        var s = await BookedAsync(SlotType.Video, TimeSpan.FromMinutes(5));
        var resident = await app.ResidentClientAsync(s.Resident);
        var nurse = await app.StaffClientAsync(s.Nurse, s.Unit);

        var checkIn = await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null);
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        Assert.Equal("Vantar", (await JsonAsync(checkIn)).GetProperty("state").GetString());
        // Checking in again changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null)).StatusCode);

        var room = await JsonAsync(await nurse.GetAsync("/api/virtualcare/waiting-room"));
        var item = room.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("appointmentId").GetGuid() == s.AppointmentId);
        Assert.Equal("Vantar", item.GetProperty("state").GetString());
        Assert.Equal(1, room.GetProperty("waiting").GetInt32());

        var admit = await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null);
        Assert.Equal(HttpStatusCode.OK, admit.StatusCode);
        Assert.Equal("Pagar", (await JsonAsync(admit)).GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/virtualcare/meetings/{s.AppointmentId}/messages", new { text = "Hej, jag hör dig." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsJsonAsync($"/api/virtualcare/meetings/{s.AppointmentId}/messages", new { text = "Bra, då börjar vi." })).StatusCode);
        var meeting = await JsonAsync(await resident.GetAsync($"/api/virtualcare/meetings/{s.AppointmentId}"));
        Assert.Equal(new[] { "Hej, jag hör dig.", "Bra, då börjar vi." }, meeting.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToArray());

        var end = await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/end", null);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Equal("Avslutat", (await JsonAsync(end)).GetProperty("state").GetString());
        Assert.Equal(AppointmentStatus.Genomford, await BookingStatusAsync(s.AppointmentId));
        var stored = await app.Data.WithDbAsync(db => db.Set<Meeting>().SingleAsync(m => m.AppointmentId == new AppointmentId(s.AppointmentId)));
        Assert.Equal(MeetingStatus.Avslutat, stored.Status);
        Assert.Equal(s.Nurse, stored.AdmittedBy?.Value);
        Assert.Equal(s.Nurse, stored.EndedBy?.Value);
        Assert.NotNull(stored.EndedAt);

        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>()
            .Where(e => e.ResidentId == new ResidentId(s.Resident) && e.Resource == "Digitalt vårdmöte" && e.Action == AuditAction.Write).ToListAsync());
        Assert.Contains(audit, e => e.ActorId == s.Resident && e.Reason == "Incheckning");
        Assert.Contains(audit, e => e.ActorId == s.Nurse && e.Reason!.Contains("avslutat", StringComparison.Ordinal));
        Assert.Equal(2, audit.Count(e => e.Reason == "Chattmeddelande"));

        // Ended is ended: no more chat, no second end.
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync($"/api/virtualcare/meetings/{s.AppointmentId}/messages", new { text = "Hallå?" })).StatusCode);
    }

    [Fact]
    public async Task Checking_in_too_early_is_refused_with_when_the_waiting_room_opens()
    {
        var s = await BookedAsync(SlotType.Video, TimeSpan.FromHours(3));
        var resident = await app.ResidentClientAsync(s.Resident);

        var response = await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("appointmentId", out _));
        Assert.Contains("för tidigt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Meeting>().CountAsync(m => m.AppointmentId == new AppointmentId(s.AppointmentId))));
    }

    [Fact]
    public async Task Checking_in_ten_minutes_before_a_chat_visit_is_allowed_and_after_the_end_is_refused()
    {
        var soon = await BookedAsync(SlotType.Chatt, TimeSpan.FromMinutes(10));
        var resident = await app.ResidentClientAsync(soon.Resident);
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsync($"/api/virtualcare/meetings/{soon.AppointmentId}/check-in", null)).StatusCode);

        var over = await BookedAsync(SlotType.Video, TimeSpan.FromMinutes(-30));
        var late = await app.ResidentClientAsync(over.Resident);
        var response = await late.PostAsync($"/api/virtualcare/meetings/{over.AppointmentId}/check-in", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("passerat", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checking_in_to_a_visit_at_the_clinic_is_refused()
    {
        var s = await BookedAsync(SlotType.Besok, TimeSpan.FromMinutes(5));
        var resident = await app.ResidentClientAsync(s.Resident);

        var response = await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("inte ett video- eller chattbesök", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_meeting_is_not_found_and_the_attempt_is_audited_as_denied()
    {
        var s = await BookedAsync(SlotType.Video, TimeSpan.FromMinutes(5));
        var stranger = await app.Data.ResidentAsync(new UnitId(s.Unit));
        var client = await app.ResidentClientAsync(stranger.Id.Value);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/virtualcare/meetings/{s.AppointmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/virtualcare/meetings/{Guid.NewGuid()}")).StatusCode);

        var denied = await app.Data.WithDbAsync(db => db.Set<AuditEvent>()
            .CountAsync(e => e.ResidentId == new ResidentId(s.Resident) && e.ActorId == stranger.Id.Value && e.Outcome == AuditOutcome.Denied));
        Assert.Equal(2, denied);
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Meeting>().CountAsync(m => m.AppointmentId == new AppointmentId(s.AppointmentId))));
    }

    [Fact]
    public async Task Only_staff_at_the_visits_unit_see_it_and_let_the_resident_in()
    {
        var s = await BookedAsync(SlotType.Video, TimeSpan.FromMinutes(5));
        var resident = await app.ResidentClientAsync(s.Resident);
        var elsewhere = await app.Data.UnitAsync();
        var otherNurse = await app.Data.StaffAsync(elsewhere.Id);
        var other = await app.StaffClientAsync(otherNurse.Id.Value, elsewhere.Id.Value);
        var nurse = await app.StaffClientAsync(s.Nurse, s.Unit);

        // Not yet checked in: nothing to let in.
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/virtualcare/meetings/{s.AppointmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null)).StatusCode);
        var room = await JsonAsync(await other.GetAsync("/api/virtualcare/waiting-room"));
        Assert.DoesNotContain(room.GetProperty("items").EnumerateArray(), i => i.GetProperty("appointmentId").GetGuid() == s.AppointmentId);
        // A resident cannot let themself in or end the meeting.
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/end", null)).StatusCode);
        // Ending before anyone was let in is refused, and the booking stays booked.
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/end", null)).StatusCode);
        Assert.Equal(AppointmentStatus.Bokad, await BookingStatusAsync(s.AppointmentId));

        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/end", null)).StatusCode);
        Assert.Equal(AppointmentStatus.Bokad, await BookingStatusAsync(s.AppointmentId));
    }

    [Fact]
    public async Task A_guardian_checks_in_for_a_child_and_sees_the_visit_among_their_digital_visits()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var parent = await app.Data.ResidentAsync(unit.Id);
        var child = await app.Data.ResidentAsync(unit.Id, birthDate: DateOnly.FromDateTime(app.Now.UtcDateTime).AddYears(-6));
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = child.Id });
            await db.SaveChangesAsync();
        });
        var id = await BookAsync(unit.Id, nurse.Id, child.Id, SlotType.Video, TimeSpan.FromMinutes(5));
        var later = await BookAsync(unit.Id, nurse.Id, child.Id, SlotType.Chatt, TimeSpan.FromDays(3));
        var physical = await BookAsync(unit.Id, nurse.Id, child.Id, SlotType.Besok, TimeSpan.FromDays(2));
        var client = await app.ResidentClientAsync(parent.Id.Value);

        var mine = (await JsonAsync(await client.GetAsync("/api/virtualcare/my-visits"))).EnumerateArray().ToList();
        Assert.Equal([id, later], mine.Select(v => v.GetProperty("appointmentId").GetGuid()).ToArray());
        Assert.DoesNotContain(mine, v => v.GetProperty("appointmentId").GetGuid() == physical);
        Assert.True(mine[0].GetProperty("canCheckInNow").GetBoolean());
        Assert.False(mine[1].GetProperty("canCheckInNow").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/virtualcare/meetings/{id}/check-in", null)).StatusCode);
        var stored = await app.Data.WithDbAsync(db => db.Set<Meeting>().SingleAsync(m => m.AppointmentId == new AppointmentId(id)));
        Assert.Equal(parent.Id.Value, stored.CheckedInBy);
        Assert.Equal(child.Id, stored.ResidentId);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>()
            .AnyAsync(e => e.ResidentId == child.Id && e.ActorId == parent.Id.Value && e.Basis == AccessBasis.Guardian && e.Reason == "Incheckning")));
    }

    [Fact]
    public async Task An_empty_or_too_long_chat_message_is_a_bad_request_naming_the_text()
    {
        var s = await BookedAsync(SlotType.Chatt, TimeSpan.FromMinutes(5));
        var resident = await app.ResidentClientAsync(s.Resident);

        foreach (var text in new[] { "  ", new string('a', 2001) })
        {
            var response = await resident.PostAsJsonAsync($"/api/virtualcare/meetings/{s.AppointmentId}/messages", new { text });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("text", out _));
        }
        // Before the meeting is open the chat is closed.
        var early = await resident.PostAsJsonAsync($"/api/virtualcare/meetings/{s.AppointmentId}/messages", new { text = "Hej" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
    }

    [Fact]
    public async Task The_hub_relays_signals_between_the_two_parties_and_refuses_a_stranger_and_a_colleague()
    {
        var s = await BookedAsync(SlotType.Video, TimeSpan.FromMinutes(5));
        var colleague = await app.Data.StaffAsync(new UnitId(s.Unit));
        var stranger = await app.Data.ResidentAsync(new UnitId(s.Unit));
        var residentClient = await app.ResidentClientAsync(s.Resident);
        var nurseClient = await app.StaffClientAsync(s.Nurse, s.Unit);
        Assert.Equal(HttpStatusCode.OK, (await residentClient.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/check-in", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurseClient.PostAsync($"/api/virtualcare/meetings/{s.AppointmentId}/admit", null)).StatusCode);

        await using var resident = await HubAsync("resident", s.Resident);
        await using var nurse = await HubAsync("staff", s.Nurse, s.Unit);
        await using var strangerHub = await HubAsync("resident", stranger.Id.Value);
        await using var colleagueHub = await HubAsync("staff", colleague.Id.Value, s.Unit);

        var refused = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<object>("Join", s.AppointmentId));
        Assert.Contains("finns inte", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => colleagueHub.InvokeAsync<object>("Join", s.AppointmentId));
        // Without joining, a connection cannot signal into the meeting.
        await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync("Signal", s.AppointmentId, "offer", "{}"));

        var received = new TaskCompletionSource<(string Kind, string Payload, string From)>(TaskCreationOptions.RunContinuationsAsynchronously);
        nurse.On<string, string, string>("signal", (kind, payload, from) => received.TrySetResult((kind, payload, from)));
        await resident.InvokeAsync<object>("Join", s.AppointmentId);
        await nurse.InvokeAsync<object>("Join", s.AppointmentId);
        await resident.InvokeAsync("Signal", s.AppointmentId, "ready", "{\"reply\":false}");

        var signal = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("ready", "{\"reply\":false}", "resident"), signal);

        // The resident opens the meeting in a second window: it takes over and the first is let go, so there are still two parties.
        var replaced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        resident.On("replaced", () => replaced.TrySetResult());
        await using var secondWindow = await HubAsync("resident", s.Resident);
        await secondWindow.InvokeAsync<object>("Join", s.AppointmentId);
        await replaced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<HubException>(() => resident.InvokeAsync("Signal", s.AppointmentId, "offer", "{}"));
        await secondWindow.InvokeAsync("Signal", s.AppointmentId, "ready", "{\"reply\":false}");
    }

    private async Task<HubConnection> HubAsync(string kind, Guid id, Guid? unitId = null)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var signIn = await client.PostAsJsonAsync("/api/auth/demo", new { kind, id, unitId });
        signIn.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/virtualcare"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}

[Collection(SqliteTests.Name)]
public sealed class VirtualCareTestsOnSqlite(SqliteApp app) : VirtualCareTests(app);

[Collection(PostgresTests.Name)]
public sealed class VirtualCareTestsOnPostgres(PostgresApp app) : VirtualCareTests(app);

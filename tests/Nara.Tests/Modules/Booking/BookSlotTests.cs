using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Booking;

/// <summary>No double booking under any interleaving, enforced by the database; clear refusals for bad bookings.</summary>
public abstract class BookSlotTests(NaraApp app)
{
    private async Task<List<Slot>> SlotsAsync(UnitId unit, int count, bool web = true, bool acute = false, int daysAhead = 2)
    {
        var start = app.Now.UtcDateTime.Date.AddDays(daysAhead).AddHours(8);
        var slots = Enumerable.Range(0, count).Select(i => new Slot
        {
            UnitId = unit,
            Type = SlotType.Besok,
            Start = new DateTimeOffset(start.AddMinutes(20 * i), TimeSpan.Zero),
            End = new DateTimeOffset(start.AddMinutes(20 * i + 20), TimeSpan.Zero),
            WebBookable = web,
            AcuteReserved = acute,
        }).ToList();
        await app.Data.WithDbAsync(async db =>
        {
            db.AddRange(slots);
            await db.SaveChangesAsync();
        });
        return slots;
    }

    [Fact]
    public async Task Twenty_residents_booking_one_slot_at_once_end_with_exactly_one_booking_and_nineteen_clear_refusals()
    {
        var unit = await app.Data.UnitAsync();
        var slots = await SlotsAsync(unit.Id, 4);
        var clients = new List<HttpClient>();
        var residents = new List<ResidentId>();
        for (var i = 0; i < 20; i++)
        {
            var resident = await app.Data.ResidentAsync(unit.Id);
            residents.Add(resident.Id);
            clients.Add(await app.ResidentClientAsync(resident.Id.Value));
        }

        using var gate = new SemaphoreSlim(0);
        var attempts = clients.Select(async c =>
        {
            await gate.WaitAsync();
            return await c.PostAsJsonAsync($"/api/booking/slots/{slots[0].Id}/book", new { });
        }).ToList();
        gate.Release(clients.Count);
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(19, refused.Count);
        var problem = JsonDocument.Parse(await refused[0].Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("redan bokad", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, problem.GetProperty("alternatives").GetArrayLength());
        var active = await app.Data.WithDbAsync(db => db.Set<Appointment>().CountAsync(a => a.SlotId == slots[0].Id && a.Status == AppointmentStatus.Bokad));
        Assert.Equal(1, active);
        // Nothing half-written for the nineteen: one confirmation and one audited booking, the winner's (a loser that got
        // past the first read fails its whole batch on the unique index).
        var (confirmations, audited) = await app.Data.WithDbAsync(async db => (
            await db.Set<OutboxMessage>().CountAsync(m => residents.Contains(m.Recipient) && m.Kind == Nara.Modules.Booking.Features.SendBookingReminders.ConfirmationKind),
            await db.Set<AuditEvent>().CountAsync(e => e.ResidentId != null && residents.Contains(e.ResidentId.Value) && e.Resource == Nara.Modules.Booking.Features.BookSlot.AuditResource
                && e.Action == AuditAction.Write && e.Outcome == AuditOutcome.Allowed)));
        Assert.Equal((1, 1), (confirmations, audited));
    }

    [Fact]
    public async Task The_database_refuses_a_second_active_booking_even_without_the_application()
    {
        var unit = await app.Data.UnitAsync();
        var slot = (await SlotsAsync(unit.Id, 1))[0];
        var a = await app.Data.ResidentAsync(unit.Id);
        var b = await app.Data.ResidentAsync(unit.Id);
        Appointment Booking(ResidentId r) => new() { SlotId = slot.Id, UnitId = unit.Id, ResidentId = r, Start = slot.Start, BookedAt = app.Now, BookedBy = r.Value };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(Booking(a.Id));
            await db.SaveChangesAsync();
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => app.Data.WithDbAsync(async db =>
        {
            db.Add(Booking(b.Id));
            await db.SaveChangesAsync();
        }));

        // A cancelled booking frees the slot.
        await app.Data.WithDbAsync(async db =>
        {
            var first = await db.Set<Appointment>().SingleAsync(x => x.SlotId == slot.Id);
            first.Status = AppointmentStatus.Avbokad;
            db.Add(Booking(b.Id));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Past_and_staff_only_times_are_refused_with_a_reason_and_nothing_is_written()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var past = (await SlotsAsync(unit.Id, 1, daysAhead: -1))[0];
        var staffOnly = (await SlotsAsync(unit.Id, 1, web: false))[0];
        var acute = (await SlotsAsync(unit.Id, 1, acute: true))[0];

        var pastResponse = await client.PostAsJsonAsync($"/api/booking/slots/{past.Id}/book", new { });
        var staffResponse = await client.PostAsJsonAsync($"/api/booking/slots/{staffOnly.Id}/book", new { });
        var acuteResponse = await client.PostAsJsonAsync($"/api/booking/slots/{acute.Id}/book", new { });
        var missing = await client.PostAsJsonAsync($"/api/booking/slots/{Guid.NewGuid()}/book", new { });

        Assert.Equal(HttpStatusCode.BadRequest, pastResponse.StatusCode);
        Assert.Contains("passerat", await pastResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, staffResponse.StatusCode);
        Assert.Contains("webben", await staffResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, acuteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Appointment>().CountAsync(x => x.ResidentId == resident.Id)));
    }

    [Fact]
    public async Task Staff_book_on_behalf_at_their_own_unit_only_and_the_booking_is_a_care_relationship()
    {
        var unit = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, other.Id.Value);
        var atUnit = (await SlotsAsync(unit.Id, 1, web: false))[0];
        var atOther = (await SlotsAsync(other.Id, 1, web: false))[0];

        var refused = await staff.PostAsJsonAsync($"/api/booking/slots/{atUnit.Id}/book", new { residentId = resident.Id.Value });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);

        var booked = await staff.PostAsJsonAsync($"/api/booking/slots/{atOther.Id}/book", new { residentId = resident.Id.Value });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/residents/{resident.Id}/overview")).StatusCode);
        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident.Id && e.Resource == "Bokning").ToListAsync());
        Assert.Contains(audit, e => e.Outcome == AuditOutcome.Allowed && e.ActorId == nurse.Id.Value);
    }

    [Fact]
    public async Task A_resident_cancels_their_own_booking_and_the_time_is_free_again_but_not_someone_elses_or_too_late()
    {
        var unit = await app.Data.UnitAsync();
        var slots = await SlotsAsync(unit.Id, 2);
        var soon = new Slot { UnitId = unit.Id, Type = SlotType.Besok, Start = app.Now.AddHours(3), End = app.Now.AddHours(3.5), WebBookable = true };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(soon);
            await db.SaveChangesAsync();
        });
        var resident = await app.Data.ResidentAsync(unit.Id);
        var other = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var otherClient = await app.ResidentClientAsync(other.Id.Value);
        var booked = JsonDocument.Parse(await (await client.PostAsJsonAsync($"/api/booking/slots/{slots[0].Id}/book", new { })).Content.ReadAsStringAsync()).RootElement;
        var appointment = booked.GetProperty("appointmentId").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/booking/appointments/{appointment}/cancel", null)).StatusCode);
        var mine = JsonDocument.Parse(await client.GetStringAsync("/api/booking/my-appointments")).RootElement;
        Assert.True(Assert.Single(mine.EnumerateArray()).GetProperty("upcoming").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/booking/appointments/{appointment}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/booking/appointments/{appointment}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await otherClient.PostAsJsonAsync($"/api/booking/slots/{slots[0].Id}/book", new { })).StatusCode);

        // A time three hours from now is within 24 hours: the web refuses to cancel it.
        var late = JsonDocument.Parse(await (await client.PostAsJsonAsync($"/api/booking/slots/{soon.Id}/book", new { })).Content.ReadAsStringAsync()).RootElement;
        var response = await client.PostAsync($"/api/booking/appointments/{late.GetProperty("appointmentId").GetGuid()}/cancel", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("24 timmar", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteTests.Name)]
public sealed class BookSlotTestsOnSqlite(SqliteApp app) : BookSlotTests(app);

[Collection(PostgresTests.Name)]
public sealed class BookSlotTestsOnPostgres(PostgresApp app) : BookSlotTests(app);

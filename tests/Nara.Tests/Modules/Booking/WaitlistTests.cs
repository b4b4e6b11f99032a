using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Booking;

/// <summary>The waitlist: priority order, first accept wins, offers expire, nobody is offered a slot twice.</summary>
public abstract class WaitlistTests(NaraApp app)
{
    private Task<Slot> SlotAsync(UnitId unit, TimeSpan fromNow, SlotType type = SlotType.Besok)
    {
        var start = new DateTimeOffset(app.Now.Add(fromNow).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return app.Data.SlotAsync(unit, start, type);
    }


    private static async Task JoinAsync(HttpClient client, UnitId unit, object? extra = null, SlotType type = SlotType.Besok)
    {
        var body = new Dictionary<string, object?> { ["unitId"] = unit.Value, ["type"] = type.ToString() };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }
        var response = await client.PostAsJsonAsync("/api/booking/waitlist", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Task<List<WaitlistOffer>> OffersAsync(Guid slotId) =>
        app.Data.WithDbAsync(db => db.Set<WaitlistOffer>().AsNoTracking().Where(o => o.SlotId == new SlotId(slotId)).OrderBy(o => o.Id).ToListAsync());

    /// <summary>Someone books the slot and cancels it (more than 24 hours ahead), which frees it for the waitlist.</summary>
    private async Task FreeAsync(UnitId unit, Slot slot)
    {
        var other = await app.Data.ResidentAsync(unit);
        var client = await app.ResidentClientAsync(other.Id.Value);
        var id = await TestData.BookAsync(client, slot);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/booking/appointments/{id}/cancel", null)).StatusCode);
    }

    private async Task<(Resident Resident, HttpClient Client)> WaitingAsync(UnitId unit, object? extra = null, SlotType type = SlotType.Besok)
    {
        var r = await app.Data.ResidentAsync(unit);
        var client = await app.ResidentClientAsync(r.Id.Value);
        await JoinAsync(client, unit, extra, type);
        return (r, client);
    }

    [Fact]
    public async Task A_freed_slot_is_offered_by_urgency_then_waiting_time_to_those_whose_wishes_match()
    {
        var unit = await app.Data.UnitAsync();
        var slot = await SlotAsync(unit.Id, TimeSpan.FromDays(5));
        var first = await WaitingAsync(unit.Id);
        var second = await WaitingAsync(unit.Id);
        var tooLate = await WaitingAsync(unit.Id, new { latestDate = DateOnly.FromDateTime(app.Now.UtcDateTime.AddDays(2)) });
        var otherType = await WaitingAsync(unit.Id, type: SlotType.Video);
        var third = await WaitingAsync(unit.Id);
        var fourth = await WaitingAsync(unit.Id);
        // Staff put an urgent resident on the list last: urgency goes before waiting time.
        var urgent = await app.Data.ResidentAsync(unit.Id);
        var staff = await app.Data.StaffAsync(unit.Id);
        var staffClient = await app.StaffClientAsync(staff.Id.Value, unit.Id.Value);
        await JoinAsync(staffClient, unit.Id, new { residentId = urgent.Id.Value, urgency = 3 });

        await FreeAsync(unit.Id, slot);

        var offers = await OffersAsync(slot.Id.Value);
        // Three offers per slot: the urgent one (who joined last), then the two who have waited longest.
        Assert.Equal(new HashSet<ResidentId> { urgent.Id, first.Resident.Id, second.Resident.Id }, offers.Select(o => o.ResidentId).ToHashSet());
        Assert.DoesNotContain(offers, o => o.ResidentId == tooLate.Resident.Id || o.ResidentId == otherType.Resident.Id
            || o.ResidentId == third.Resident.Id || o.ResidentId == fourth.Resident.Id);
        Assert.All(offers, o => Assert.True(o.ExpiresAt <= slot.Start));

        // Each offer goes out through the outbox, with no health details.
        var reference = OfferFreedSlot.OfferReference(offers.Single(o => o.ResidentId == urgent.Id).Id);
        var message = await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Reference == reference));
        Assert.Equal(urgent.Id, message.Recipient);
        Assert.Contains("Logga in i Nära", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(unit.Name, message.Body, StringComparison.Ordinal);

        var mine = JsonDocument.Parse(await first.Client.GetStringAsync("/api/booking/waitlist/mine")).RootElement;
        Assert.Equal(offers.Single(o => o.ResidentId == first.Resident.Id).Id.Value, mine.GetProperty("openOffers")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Booking_an_offered_slot_directly_closes_its_open_offers_and_a_slot_never_offered_books_without_them()
    {
        var unit = await app.Data.UnitAsync();
        var offered = await SlotAsync(unit.Id, TimeSpan.FromDays(5));
        var never = await SlotAsync(unit.Id, TimeSpan.FromDays(6));
        var waiting = await WaitingAsync(unit.Id);
        await FreeAsync(unit.Id, offered);
        Assert.Contains(await OffersAsync(offered.Id.Value), o => o.ResidentId == waiting.Resident.Id && o.Status == OfferStatus.Oppet);
        var other = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(other.Id.Value);

        // Someone not on the list books the freed time from the web before the offer is answered.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/booking/slots/{offered.Id}/book", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/booking/slots/{never.Id}/book", new { })).StatusCode);

        var after = await OffersAsync(offered.Id.Value);
        Assert.DoesNotContain(after, o => o.Status == OfferStatus.Oppet);
        Assert.Contains(after, o => o.ResidentId == waiting.Resident.Id && o.Status == OfferStatus.Upptaget);
        Assert.Empty(await OffersAsync(never.Id.Value));
        var accept = await waiting.Client.PostAsync($"/api/booking/waitlist/offers/{after.Single(o => o.ResidentId == waiting.Resident.Id).Id}/accept", null);
        Assert.NotEqual(HttpStatusCode.OK, accept.StatusCode);
    }

    [Fact]
    public async Task Two_residents_accepting_at_once_end_with_one_booking_and_a_clear_refusal()
    {
        var unit = await app.Data.UnitAsync();
        var slot = await SlotAsync(unit.Id, TimeSpan.FromDays(5));
        var a = await WaitingAsync(unit.Id);
        var b = await WaitingAsync(unit.Id);
        await FreeAsync(unit.Id, slot);
        var offers = await OffersAsync(slot.Id.Value);

        var responses = await Task.WhenAll(
            a.Client.PostAsync($"/api/booking/waitlist/offers/{offers.Single(o => o.ResidentId == a.Resident.Id).Id}/accept", null),
            b.Client.PostAsync($"/api/booking/waitlist/offers/{offers.Single(o => o.ResidentId == b.Resident.Id).Id}/accept", null));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Single(r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("hann tacka ja", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.WithDbAsync(db => db.Set<Appointment>().CountAsync(x => x.SlotId == slot.Id && x.Status == AppointmentStatus.Bokad)));
        var after = await OffersAsync(slot.Id.Value);
        Assert.Equal(1, after.Count(o => o.Status == OfferStatus.Accepterat));
        Assert.Equal(1, after.Count(o => o.Status == OfferStatus.Upptaget));
    }

    [Fact]
    public async Task Nobody_is_offered_the_same_slot_twice_and_a_declined_offer_goes_to_the_next_in_line()
    {
        var unit = await app.Data.UnitAsync();
        var slot = await SlotAsync(unit.Id, TimeSpan.FromDays(5));
        var a = await WaitingAsync(unit.Id);
        var b = await WaitingAsync(unit.Id);
        var c = await WaitingAsync(unit.Id);
        var d = await WaitingAsync(unit.Id);
        await FreeAsync(unit.Id, slot);
        Assert.Equal(new HashSet<ResidentId> { a.Resident.Id, b.Resident.Id, c.Resident.Id }, (await OffersAsync(slot.Id.Value)).Select(o => o.ResidentId).ToHashSet());

        var offerA = (await OffersAsync(slot.Id.Value)).Single(o => o.ResidentId == a.Resident.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.PostAsync($"/api/booking/waitlist/offers/{offerA.Id}/decline", null)).StatusCode);
        Assert.Equal(new HashSet<ResidentId> { a.Resident.Id, b.Resident.Id, c.Resident.Id, d.Resident.Id }, (await OffersAsync(slot.Id.Value)).Select(o => o.ResidentId).ToHashSet());
        Assert.Equal(HttpStatusCode.Conflict, (await a.Client.PostAsync($"/api/booking/waitlist/offers/{offerA.Id}/accept", null)).StatusCode);

        // Booked by someone else and freed again: those already offered it are not offered it again.
        await FreeAsync(unit.Id, slot);
        var offers = await OffersAsync(slot.Id.Value);
        Assert.Equal(4, offers.Count);
        Assert.Equal(offers.Count, offers.Select(o => o.ResidentId).Distinct().Count());
        Assert.DoesNotContain(offers, o => o.Status == OfferStatus.Oppet);

        // The database refuses a second offer of a slot to a resident even without the application.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.Data.WithDbAsync(async db =>
        {
            db.Add(new WaitlistOffer { EntryId = offerA.EntryId, ResidentId = a.Resident.Id, SlotId = slot.Id, OfferedAt = app.Now, ExpiresAt = slot.Start });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task An_expired_offer_cannot_be_accepted_and_the_slot_goes_to_the_next_in_line()
    {
        var unit = await app.Data.UnitAsync();
        var slot = await SlotAsync(unit.Id, TimeSpan.FromDays(5));
        var a = await WaitingAsync(unit.Id);
        await FreeAsync(unit.Id, slot);
        var b = await WaitingAsync(unit.Id);
        var offer = (await OffersAsync(slot.Id.Value)).Single();
        Assert.Equal(a.Resident.Id, offer.ResidentId);
        Assert.Equal(TimeSpan.FromHours(2), offer.ExpiresAt - offer.OfferedAt);

        // Two hours pass (the offer's expiry is moved back: the app's clock is the real one).
        await app.Data.WithDbAsync(db => db.Set<WaitlistOffer>().Where(o => o.Id == offer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, app.Now.AddSeconds(-1))));
        Assert.Equal(HttpStatusCode.Conflict, (await a.Client.PostAsync($"/api/booking/waitlist/offers/{offer.Id}/accept", null)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ExpireOffers>().RunAsync(app.Now, CancellationToken.None) >= 1);
        }
        var offers = await OffersAsync(slot.Id.Value);
        Assert.Equal(OfferStatus.UtgangetUt, offers.Single(o => o.Id == offer.Id).Status);
        var next = offers.Single(o => o.ResidentId == b.Resident.Id);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.PostAsync($"/api/booking/waitlist/offers/{next.Id}/accept", null)).StatusCode);
    }

    [Fact]
    public async Task An_offer_never_outlives_the_slot()
    {
        var unit = await app.Data.UnitAsync();
        var slot = await SlotAsync(unit.Id, TimeSpan.FromMinutes(50));
        var a = await WaitingAsync(unit.Id);
        // Within 24 hours only staff can cancel.
        var other = await app.Data.ResidentAsync(unit.Id);
        var staff = await app.Data.StaffAsync(unit.Id);
        var staffClient = await app.StaffClientAsync(staff.Id.Value, unit.Id.Value);
        var booked = await staffClient.PostAsJsonAsync($"/api/booking/slots/{slot.Id}/book", new { residentId = other.Id.Value });
        var id = JsonDocument.Parse(await booked.Content.ReadAsStringAsync()).RootElement.GetProperty("appointmentId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staffClient.PostAsync($"/api/booking/appointments/{id}/cancel", null)).StatusCode);

        var offer = (await OffersAsync(slot.Id.Value)).Single();
        Assert.Equal(a.Resident.Id, offer.ResidentId);
        Assert.Equal(slot.Start, offer.ExpiresAt);
    }

    [Fact]
    public async Task Accepting_an_earlier_time_cancels_the_booking_it_replaces_in_the_same_step_and_offers_that_one_on()
    {
        var unit = await app.Data.UnitAsync();
        var early = await SlotAsync(unit.Id, TimeSpan.FromDays(3));
        var late = await SlotAsync(unit.Id, TimeSpan.FromDays(10));
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var lateBooking = await TestData.BookAsync(client, late);
        await JoinAsync(client, unit.Id, new { replacesAppointmentId = lateBooking });
        var next = await WaitingAsync(unit.Id);

        await FreeAsync(unit.Id, early);
        var offer = (await OffersAsync(early.Id.Value)).First(o => o.ResidentId == resident.Id);
        var response = await client.PostAsync($"/api/booking/waitlist/offers/{offer.Id}/accept", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var appointments = await app.Data.WithDbAsync(db => db.Set<Appointment>().AsNoTracking().Where(a => a.ResidentId == resident.Id).ToListAsync());
        Assert.Equal(AppointmentStatus.Avbokad, appointments.Single(a => a.Id == new AppointmentId(lateBooking)).Status);
        Assert.Equal(AppointmentStatus.Bokad, appointments.Single(a => a.SlotId == early.Id).Status);
        // The freed later time goes to the next person waiting.
        Assert.Contains(await OffersAsync(late.Id.Value), o => o.ResidentId == next.Resident.Id);
        var entry = await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().AsNoTracking().SingleAsync(w => w.ResidentId == resident.Id));
        Assert.Equal(WaitlistStatus.Tillgodosedd, entry.Status);
    }

    [Fact]
    public async Task Staff_raise_the_urgency_of_a_wish_and_a_resident_who_leaves_the_queue_gets_no_offers()
    {
        var unit = await app.Data.UnitAsync();
        var slot = await SlotAsync(unit.Id, TimeSpan.FromDays(5));
        var leaving = await WaitingAsync(unit.Id);
        var waiters = new List<(Resident Resident, HttpClient Client)>();
        for (var i = 0; i < 3; i++)
        {
            waiters.Add(await WaitingAsync(unit.Id));
        }
        var raised = await WaitingAsync(unit.Id);
        var entries = await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().AsNoTracking().Where(w => w.UnitId == unit.Id).ToListAsync());
        var staff = await app.Data.StaffAsync(unit.Id);
        var staffClient = await app.StaffClientAsync(staff.Id.Value, unit.Id.Value);
        var raisedEntry = entries.Single(w => w.ResidentId == raised.Resident.Id);

        Assert.Equal(HttpStatusCode.BadRequest, (await staffClient.PostAsJsonAsync($"/api/booking/waitlist/{raisedEntry.Id}/urgency", new { urgency = 7 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await raised.Client.PostAsJsonAsync($"/api/booking/waitlist/{raisedEntry.Id}/urgency", new { urgency = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staffClient.PostAsJsonAsync($"/api/booking/waitlist/{raisedEntry.Id}/urgency", new { urgency = 2 })).StatusCode);
        var leavingEntry = entries.Single(w => w.ResidentId == leaving.Resident.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await raised.Client.PostAsync($"/api/booking/waitlist/{leavingEntry.Id}/leave", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await leaving.Client.PostAsync($"/api/booking/waitlist/{leavingEntry.Id}/leave", null)).StatusCode);

        await FreeAsync(unit.Id, slot);

        var offered = (await OffersAsync(slot.Id.Value)).Select(o => o.ResidentId).ToHashSet();
        Assert.Equal(new HashSet<ResidentId> { raised.Resident.Id, waiters[0].Resident.Id, waiters[1].Resident.Id }, offered);
    }

    [Fact]
    public async Task Joining_twice_or_with_bad_input_is_refused_with_a_plain_message()
    {
        var unit = await app.Data.UnitAsync();
        var (_, client) = await WaitingAsync(unit.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/booking/waitlist", new { unitId = unit.Id.Value, type = "Besok" })).StatusCode);
        var noUnit = await client.PostAsJsonAsync("/api/booking/waitlist", new { type = "Besok" });
        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);
        Assert.Contains("unitId", await noUnit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var past = await client.PostAsJsonAsync("/api/booking/waitlist", new { unitId = unit.Id.Value, type = "Video", latestDate = "2020-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var someoneElses = await client.PostAsJsonAsync("/api/booking/waitlist", new { unitId = unit.Id.Value, type = "Video", residentId = (await app.Data.ResidentAsync()).Id.Value });
        Assert.Equal(HttpStatusCode.Forbidden, someoneElses.StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class WaitlistTestsOnSqlite(SqliteApp app) : WaitlistTests(app);

[Collection(PostgresTests.Name)]
public sealed class WaitlistTestsOnPostgres(PostgresApp app) : WaitlistTests(app);

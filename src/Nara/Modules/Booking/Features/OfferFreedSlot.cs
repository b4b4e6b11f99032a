using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// When a web-bookable slot is freed (a cancellation, a declined or expired offer), offers it to the waitlisted residents
/// whose wishes match, in priority order: urgency (higher first), then waiting time (longest first). At most
/// <c>Nara:Booking:Waitlist:OffersPerSlot</c> (3) offers are open for a slot at once; each expires after
/// <c>Nara:Booking:Waitlist:OfferValidFor</c> (2 hours) and never after the slot starts. Nobody is offered the same slot
/// twice (a unique index on resident and slot). The offers and their messages commit with the command that freed the slot.
/// </summary>
[NoAccessCheck("Offers a freed time to the next on the waitlist, from domain events and background expiry; no person asks for it.")]
public sealed class OfferFreedSlot(NaraDbContext db, IOutbox outbox, IConfiguration configuration, TimeProvider time)
    : IDomainEventSubscriber<AppointmentCancelled>, IDomainEventSubscriber<AppointmentBooked>, IFeature
{
    public const string OfferKind = "Erbjudande om tidigare tid";

    public static string OfferReference(WaitlistOfferId offerId) => $"waitlist-offer:{offerId.Value:N}";

    private int OffersPerSlot => configuration.GetValue("Nara:Booking:Waitlist:OffersPerSlot", 3);

    private TimeSpan OfferValidFor => configuration.GetValue("Nara:Booking:Waitlist:OfferValidFor", TimeSpan.FromHours(2));

    public async Task HandleAsync(AppointmentCancelled e, CancellationToken ct) => await OfferAsync(e.SlotId, ct);

    /// <summary>A slot that is booked (through an offer or not) is no longer on offer to anyone else.</summary>
    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct)
    {
        if (!e.MayBeOnOffer)
        {
            return;
        }
        // Read now and written with the booking's other writes (its batch or its transaction's next save). Filtered again in
        // memory: an offer the command has already answered (accepted) is tracked with its new status.
        var open = await db.Set<WaitlistOffer>().Where(o => o.SlotId == e.SlotId && o.Status == OfferStatus.Oppet).ToListAsync(ct);
        foreach (var offer in open.Where(o => o.Status == OfferStatus.Oppet))
        {
            offer.Status = OfferStatus.Upptaget;
            offer.AnsweredAt = e.BookedAt;
        }
        if (!db.CollectsWrites)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Sends offers for the slot to the next candidates, if it is free, web-bookable and in the future; returns how many.</summary>
    public async Task<int> OfferAsync(SlotId slotId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var slot = await db.Set<Slot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is null || !slot.WebBookable || slot.AcuteReserved || slot.Start <= now
            || await db.Set<Appointment>().AnyAsync(a => a.SlotId == slotId && a.Status == AppointmentStatus.Bokad, ct))
        {
            return 0;
        }
        var offers = await db.Set<WaitlistOffer>().AsNoTracking().Where(o => o.SlotId == slotId).ToListAsync(ct);
        var wanted = OffersPerSlot - offers.Count(o => o.IsOpenAt(now));
        if (wanted <= 0)
        {
            return 0;
        }
        var alreadyOffered = offers.Select(o => o.ResidentId).ToHashSet();
        var entries = await db.Set<WaitlistEntry>().AsNoTracking()
            .Where(w => w.UnitId == slot.UnitId && w.Type == slot.Type && w.Status == WaitlistStatus.Aktiv).ToListAsync(ct);
        var replaced = entries.Where(w => w.ReplacesAppointmentId != null).Select(w => w.ReplacesAppointmentId!.Value).ToList();
        var current = await db.Set<Appointment>().AsNoTracking().Where(a => replaced.Contains(a.Id) && a.Status == AppointmentStatus.Bokad)
            .ToDictionaryAsync(a => a.Id, a => a.Start, ct);
        var day = Stockholm.DateOf(slot.Start);
        var chosen = entries
            .Where(w => !alreadyOffered.Contains(w.ResidentId))
            .Where(w => w.LatestDate is not { } latest || day <= latest)
            // An earlier time than the one they have: a later one is no offer.
            .Where(w => w.ReplacesAppointmentId is not { } r || !current.TryGetValue(r, out var start) || slot.Start < start)
            .OrderByDescending(w => w.Urgency).ThenBy(w => w.CreatedAt.UtcTicks)
            .Take(wanted).ToList();
        var expires = now + OfferValidFor < slot.Start ? now + OfferValidFor : slot.Start;
        foreach (var entry in chosen)
        {
            var offer = new WaitlistOffer { EntryId = entry.Id, ResidentId = entry.ResidentId, SlotId = slot.Id, OfferedAt = now, ExpiresAt = expires };
            db.Add(offer);
            var (subject, body) = BookingMessages.Offer(slot.Start, expires);
            await outbox.EnqueueAsync(new NewMessage(entry.ResidentId, OfferKind, subject, body, now, OfferReference(offer.Id)), ct);
        }
        await db.SaveChangesAsync(ct);
        return chosen.Count;
    }
}

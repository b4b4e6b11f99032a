using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Closes offers whose time has run out and offers their slots to the next candidates, one transaction per slot.
/// An offer past its expiry can never be accepted even before this has run (<see cref="WaitlistOffer.IsOpenAt"/>).
/// </summary>
[NoAccessCheck("Background expiry of waitlist offers; no person asks for them.")]
public sealed class ExpireOffers(NaraDbContext db, OfferFreedSlot offers) : IFeature
{
    /// <summary>Returns how many offers expired.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var slots = await db.Set<WaitlistOffer>().AsNoTracking()
            .Where(o => o.Status == OfferStatus.Oppet && o.ExpiresAt <= now).Select(o => o.SlotId).Distinct().ToListAsync(ct);
        var expired = 0;
        foreach (var slotId in slots)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            expired += await db.Set<WaitlistOffer>().Where(o => o.SlotId == slotId && o.Status == OfferStatus.Oppet && o.ExpiresAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.UtgangetUt), ct);
            await offers.OfferAsync(slotId, ct);
            await transaction.CommitAsync(ct);
        }
        return expired;
    }
}

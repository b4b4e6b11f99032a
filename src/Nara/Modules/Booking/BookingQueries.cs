using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking;

/// <summary>Small queries several booking features share.</summary>
internal static class BookingQueries
{
    /// <summary>The unit's booking rules, or the defaults when the unit has set none.</summary>
    public static async Task<UnitBookingRules> BookingRulesAsync(this NaraDbContext db, UnitId unit, CancellationToken ct) =>
        await db.Set<UnitBookingRules>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unit, ct) ?? UnitBookingRules.Default(unit);

    /// <summary>Ids of slots that have an active booking.</summary>
    public static IQueryable<SlotId> BookedSlotIds(this NaraDbContext db) =>
        db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId);

    /// <summary>
    /// The offer, tracked, and the access basis, if the actor may answer it; otherwise a null offer, and a refused
    /// attempt is audited. Someone else's offer is not theirs to know about: callers answer 404 either way.
    /// </summary>
    public static async Task<(WaitlistOffer? Offer, AccessBasis Basis)> FindOwnOfferAsync(this NaraDbContext db, ResidentAccess access, Actor actor, WaitlistOfferId offerId, CancellationToken ct)
    {
        var offer = await db.Set<WaitlistOffer>().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null)
        {
            return (null, AccessBasis.None);
        }
        var decision = await access.DecideAsync(actor, offer.ResidentId, ct);
        if (!decision.Allowed)
        {
            await access.AuditAsync(actor, offer.ResidentId, JoinWaitlist.AuditResource, AuditAction.Write, AuditOutcome.Denied, AccessBasis.None, null, ct);
            return (null, AccessBasis.None);
        }
        return (offer, decision.Basis);
    }
}

using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Platform.Access;
using Nara.Platform.Api;
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
    /// The offer, tracked, with the grant to answer it; otherwise no offer and the refusal to answer with (a refused attempt
    /// is audited). Someone else's offer is not theirs to know about: 404 either way.
    /// </summary>
    public static async Task<(WaitlistOffer? Offer, AccessGrant? Grant, IResult? Refusal)> FindOwnOfferAsync(this NaraDbContext db, ResidentAccess access, Actor actor, WaitlistOfferId offerId, CancellationToken ct)
    {
        var offer = await db.Set<WaitlistOffer>().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null)
        {
            return (null, null, Problems.NotFound("Erbjudandet"));
        }
        try
        {
            var grant = await access.RequireAsync(actor, offer.ResidentId, AccessRequest.Write(JoinWaitlist.AuditResource) with
            {
                HiddenAs = ("id", "Erbjudandet finns inte."),
                AuditWhenDone = true,
            }, ct);
            return (offer, grant, null);
        }
        catch (ProblemException refused)
        {
            return (null, null, refused.ToResult());
        }
    }

    /// <summary>
    /// Reaching one of a unit's booking records (a booking, a wish on its waitlist): the resident and their guardians by
    /// the PDL rules, staff at the unit on the strength of the unit's own record; anyone else is told it does not exist.
    /// Audited by the use case when its work is done.
    /// </summary>
    public static AccessRequest UnitRecord(string resource, UnitId unit, string notFound) =>
        AccessRequest.Write(resource).AtUnitRecord(unit) with { HiddenAs = ("id", notFound), AuditWhenDone = true };
}

using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>The resident says no to an offer; the slot goes to the next candidate in the same transaction. The wish stays.</summary>
public sealed class DeclineOffer(NaraDbContext db, ResidentAccess access, OfferFreedSlot offers, TimeProvider time) : IFeature
{
    public async Task<IResult> HandleAsync(Actor actor, WaitlistOfferId offerId, CancellationToken ct)
    {
        var (offer, grant, refusal) = await db.FindOwnOfferAsync(access, actor, offerId, ct);
        if (offer is null || grant is null)
        {
            return refusal!;
        }
        var now = time.GetUtcNow();
        if (!offer.IsOpenAt(now))
        {
            return Problems.Conflict("Erbjudandet är inte längre öppet.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        offer.Status = OfferStatus.Avbojt;
        offer.AnsweredAt = now;
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync("Avböjt erbjudande", ct);
        await offers.OfferAsync(offer.SlotId, ct);
        await transaction.CommitAsync(ct);
        return Results.NoContent();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/waitlist/offers/{id:guid}/decline", (Guid id, HttpContext http, DeclineOffer handler, CancellationToken ct) =>
                handler.HandleAsync(Actor.FromPrincipal(http.User)!, new WaitlistOfferId(id), ct))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Tacka nej till ett erbjudande om en tidigare tid. Tiden erbjuds nästa person i kön.");
}

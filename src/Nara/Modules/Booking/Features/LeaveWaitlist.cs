using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// The resident (or a guardian, or staff at the unit) takes a wish off the waitlist. Its open offers are declined and
/// their slots offered to the next in line, in the same transaction.
/// </summary>
public sealed class LeaveWaitlist(NaraDbContext db, ResidentAccess access, OfferFreedSlot offers, TimeProvider time) : IFeature
{
    public async Task<IResult> HandleAsync(Actor actor, WaitlistEntryId entryId, CancellationToken ct)
    {
        var entry = await db.Set<WaitlistEntry>().FirstOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null)
        {
            return Problems.NotFound("Köplatsen");
        }
        AccessGrant grant;
        try
        {
            grant = await access.RequireAsync(actor, entry.ResidentId, BookingQueries.UnitRecord(JoinWaitlist.AuditResource, entry.UnitId, "Köplatsen finns inte."), ct);
        }
        catch (ProblemException refused)
        {
            return refused.ToResult();
        }
        if (entry.Status != WaitlistStatus.Aktiv)
        {
            return Problems.Conflict("Köplatsen är redan avslutad.");
        }
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        entry.Status = WaitlistStatus.Avslutad;
        var open = await db.Set<WaitlistOffer>().Where(o => o.EntryId == entry.Id && o.Status == OfferStatus.Oppet).ToListAsync(ct);
        foreach (var offer in open)
        {
            offer.Status = OfferStatus.Avbojt;
            offer.AnsweredAt = now;
        }
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync("Lämnat kön", ct);
        foreach (var slotId in open.Select(o => o.SlotId).Distinct())
        {
            await offers.OfferAsync(slotId, ct);
        }
        await transaction.CommitAsync(ct);
        return Results.NoContent();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/waitlist/{id:guid}/leave", (Guid id, HttpContext http, LeaveWaitlist handler, CancellationToken ct) =>
                handler.HandleAsync(Actor.FromPrincipal(http.User)!, new WaitlistEntryId(id), ct))
            .RequireAuthorization()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Lämna kön för en tidigare tid. Öppna erbjudanden avböjs och går vidare till nästa i kön.");
}

using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// The resident accepts an offer of a freed slot. The first to accept gets it: the booking is the same
/// <c>INSERT … ON CONFLICT DO NOTHING</c> against the one-active-booking-per-slot index as <see cref="BookSlot"/>, so the
/// database decides between simultaneous acceptances (and a booking made another way). A booking the wish replaces is
/// cancelled in the same transaction, which frees that slot for the next person in the queue.
/// </summary>
public sealed class AcceptOffer(NaraDbContext db, ResidentAccess access, DomainEvents events, TimeProvider time) : IFeature
{
    public sealed record Accepted(Guid AppointmentId, Guid SlotId, DateTimeOffset Start, Guid? CancelledAppointmentId);

    public async Task<IResult> HandleAsync(Actor actor, WaitlistOfferId offerId, CancellationToken ct)
    {
        var (offer, grant, refusal) = await db.FindOwnOfferAsync(access, actor, offerId, ct);
        if (offer is null || grant is null)
        {
            return refusal!;
        }
        var now = time.GetUtcNow();
        if (offer.Status == OfferStatus.Upptaget)
        {
            return Problems.Conflict("Någon annan hann tacka ja till tiden först.");
        }
        if (!offer.IsOpenAt(now))
        {
            return Problems.Conflict("Erbjudandet har gått ut eller är redan besvarat.");
        }
        var slot = await db.Set<Slot>().AsNoTracking().FirstAsync(s => s.Id == offer.SlotId, ct);
        var entry = await db.Set<WaitlistEntry>().FirstAsync(w => w.Id == offer.EntryId, ct);
        var appointment = new Appointment
        {
            SlotId = slot.Id,
            UnitId = slot.UnitId,
            ResidentId = offer.ResidentId,
            Start = slot.Start,
            BookedAt = now,
            BookedBy = actor.Id,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await BookSlot.TryInsertAsync(db, appointment, ct))
        {
            await transaction.RollbackAsync(ct);
            return Problems.Conflict("Någon annan hann tacka ja till tiden först.");
        }
        offer.Status = OfferStatus.Accepterat;
        offer.AnsweredAt = now;
        entry.Status = WaitlistStatus.Tillgodosedd;
        Appointment? replaced = null;
        if (entry.ReplacesAppointmentId is { } old)
        {
            replaced = await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == old && a.ResidentId == offer.ResidentId && a.Status == AppointmentStatus.Bokad, ct);
            if (replaced is not null)
            {
                replaced.Status = AppointmentStatus.Avbokad;
                replaced.CancelledAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(BookSlot.AuditResource, AuditAction.Write, "Erbjudande från väntelistan", ct);
        await events.PublishAsync(new AppointmentBooked(appointment.Id, slot.Id, offer.ResidentId, slot.UnitId, slot.StaffId, slot.Profession,
            slot.Type, slot.Start, slot.End, now, false), ct);
        if (replaced is not null)
        {
            var oldSlot = await db.Set<Slot>().AsNoTracking().FirstAsync(s => s.Id == replaced.SlotId, ct);
            await events.PublishAsync(new AppointmentCancelled(replaced.Id, oldSlot.Id, replaced.ResidentId, replaced.UnitId, oldSlot.Type,
                replaced.Start, now, true, false), ct);
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new Accepted(appointment.Id.Value, slot.Id.Value, slot.Start, replaced?.Id.Value));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/waitlist/offers/{id:guid}/accept", (Guid id, HttpContext http, AcceptOffer handler, CancellationToken ct) =>
                handler.HandleAsync(Actor.FromPrincipal(http.User)!, new WaitlistOfferId(id), ct))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Tacka ja till ett erbjudande om en tidigare tid. Den som först tackar ja får tiden (409 annars); en bokning som önskemålet ersätter avbokas samtidigt.");
}

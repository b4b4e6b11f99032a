using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Cancels a booking. A resident (or a guardian) cancels their own from the web up to 24 hours before the visit; staff
/// at the unit cancel at any time. The slot is free again at once (the unique index covers only active bookings).
/// The change and its audit event commit together.
/// </summary>
public sealed class CancelAppointment(NaraDbContext db, ResidentAccess access, DomainEvents events, TimeProvider time)
{
    /// <summary>How close to the visit a resident may still cancel from the web.</summary>
    public static readonly TimeSpan WebCancellationLimit = TimeSpan.FromHours(24);

    public async Task<IResult> HandleAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var appointment = await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return Problems.NotFound("Bokningen");
        }
        var decision = await access.DecideAsync(actor, appointment.ResidentId, ct);
        var allowed = actor.IsResident ? decision.Allowed : actor.Unit == appointment.UnitId;
        if (!allowed)
        {
            await access.AuditAsync(actor, appointment.ResidentId, BookSlot.AuditResource, AuditAction.Write, AuditOutcome.Denied, AccessBasis.None, null, ct);
            // Someone else's booking is not theirs to know about: the same answer as for an unknown id.
            return Problems.NotFound("Bokningen");
        }
        if (appointment.Status != AppointmentStatus.Bokad)
        {
            return Problems.Conflict("Bokningen är redan avbokad eller genomförd.");
        }
        var now = time.GetUtcNow();
        if (actor.IsResident && appointment.Start - now < WebCancellationLimit)
        {
            return Problems.Invalid("id", "Tider kan avbokas på webben senast 24 timmar före besöket. Ring din vårdcentral för att avboka.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        appointment.Status = AppointmentStatus.Avbokad;
        appointment.CancelledAt = now;
        await db.SaveChangesAsync(ct);
        var basis = actor.IsResident ? decision.Basis : AccessBasis.CareRelationship;
        await access.AuditAsync(actor, appointment.ResidentId, BookSlot.AuditResource, AuditAction.Write, AuditOutcome.Allowed, basis, "Avbokning", ct);
        var slot = await db.Set<Slot>().AsNoTracking().FirstAsync(s => s.Id == appointment.SlotId, ct);
        await events.PublishAsync(new AppointmentCancelled(appointment.Id, slot.Id, appointment.ResidentId, appointment.UnitId, slot.Type,
            appointment.Start, now, actor.IsResident, appointment.Start - now < WebCancellationLimit), ct);
        await transaction.CommitAsync(ct);
        return Results.NoContent();
    }

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/appointments/{id:guid}/cancel", (Guid id, HttpContext http, CancelAppointment handler, CancellationToken ct) =>
                handler.HandleAsync(Actor.FromPrincipal(http.User)!, id, ct))
            .RequireAuthorization()
            .WithTags("Bokning")
            .WithSummary("Avboka. Invånare senast 24 timmar före besöket; personal på enheten när som helst.");
}

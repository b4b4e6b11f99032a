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
/// Cancels a booking. A resident (or a guardian) cancels their own from the web up to the unit's limit before the visit
/// (24 hours unless the unit sets another); staff at the unit cancel at any time, and a cancellation inside the limit is
/// registered as late for follow-up. The slot is free again at once (the unique index covers only active bookings).
/// The change, its audit event and what its event causes (withdrawn reminders, waitlist offers) commit together.
/// </summary>
public sealed class CancelAppointment(NaraDbContext db, ResidentAccess access, DomainEvents events, TimeProvider time) : IFeature
{
    public async Task HandleAsync(Actor actor, AppointmentId id, CancellationToken ct)
    {
        var (appointment, grant) = await FindOwnAsync(db, access, actor, id, ct);
        if (appointment.Status != AppointmentStatus.Bokad)
        {
            throw ProblemException.Conflict("id", "Bokningen är redan avbokad eller genomförd.");
        }
        var rules = await db.BookingRulesAsync(appointment.UnitId, ct);
        var now = time.GetUtcNow();
        var late = appointment.Start - now < TimeSpan.FromHours(rules.WebCancellationHours);
        if (actor.IsResident && late)
        {
            throw ProblemException.Invalid("id",
                $"Tider kan avbokas på webben senast {rules.WebCancellationHours} timmar före besöket. Ring din vårdcentral för att avboka.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await CancelInTransactionAsync(actor, grant, appointment, late, "Avbokning", ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Marks the booking cancelled, audits and publishes, in the caller's transaction.</summary>
    internal async Task CancelInTransactionAsync(Actor actor, AccessGrant grant, Appointment appointment, bool late, string detail, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        appointment.Status = AppointmentStatus.Avbokad;
        appointment.CancelledAt = now;
        appointment.LateCancellation = late;
        appointment.AwaitingConfirmation = false;
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(detail, ct);
        var slot = await db.Set<Slot>().AsNoTracking().FirstAsync(s => s.Id == appointment.SlotId, ct);
        await events.PublishAsync(new AppointmentCancelled(appointment.Id, slot.Id, appointment.ResidentId, appointment.UnitId, slot.Type,
            appointment.Start, now, actor.IsResident, late), ct);
    }

    /// <summary>
    /// The booking, tracked, if the actor may change it: the resident or their guardian, or staff at its unit. Someone
    /// else's booking is not theirs to know about: the same 404 as for an unknown id (and the attempt is audited).
    /// </summary>
    internal static async Task<(Appointment Appointment, AccessGrant Grant)> FindOwnAsync(NaraDbContext db, ResidentAccess access, Actor actor, AppointmentId id, CancellationToken ct)
    {
        var appointment = await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw ProblemException.NotFound("id", "Bokningen finns inte.");
        var grant = await access.RequireAsync(actor, appointment.ResidentId, BookingQueries.UnitRecord(BookSlot.AuditResource, appointment.UnitId, "Bokningen finns inte."), ct);
        return (appointment, grant);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/appointments/{id:guid}/cancel", async (Guid id, HttpContext http, CancelAppointment handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(id), ct);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Avboka. Invånare senast enhetens gräns före besöket (24 timmar om inget annat är satt); personal på enheten när som helst.");
}

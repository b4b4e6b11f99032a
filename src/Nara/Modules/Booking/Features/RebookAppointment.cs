using Nara.Modules.Booking.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Moves a booking to another free time at the same unit, in one transaction: the new time is taken (the database
/// decides a race) and the old one freed, or neither. Residents rebook under the same rules as cancelling (not closer
/// than the unit's limit) and only to times they could book from the web; an invitation that is rebooked counts as answered.
/// </summary>
public sealed class RebookAppointment(NaraDbContext db, ResidentAccess access, BookSlot book, CancelAppointment cancel, TimeProvider time) : IFeature
{
    public sealed record Request(Guid SlotId);

    public async Task<BookSlot.Booked> HandleAsync(Actor actor, AppointmentId id, Request request, CancellationToken ct)
    {
        var (old, oldGrant) = await CancelAppointment.FindOwnAsync(db, access, actor, id, ct);
        if (old.Status != AppointmentStatus.Bokad)
        {
            throw ProblemException.Conflict("id", "Bokningen är redan avbokad eller genomförd och kan inte ombokas.");
        }
        if (new SlotId(request.SlotId) == old.SlotId)
        {
            throw ProblemException.Invalid("slotId", "Välj en annan tid än den du redan har.");
        }
        var rules = await db.BookingRulesAsync(old.UnitId, ct);
        var late = old.Start - time.GetUtcNow() < TimeSpan.FromHours(rules.WebCancellationHours);
        if (actor.IsResident && late)
        {
            throw ProblemException.Invalid("id",
                $"Tider kan ombokas på webben senast {rules.WebCancellationHours} timmar före besöket. Ring din vårdcentral.");
        }
        var found = await book.CheckAsync(actor, new SlotId(request.SlotId), old.ResidentId.Value, ct);
        var slot = found.Slot;
        if (slot.UnitId != old.UnitId)
        {
            throw ProblemException.Invalid("slotId", "Du kan bara boka om till en tid på samma enhet.");
        }
        var appointment = book.NewAppointment(actor, slot, found.Resident, old.Reason, invitation: false, rebookedFrom: old.Id);
        appointment.ConfirmedAt = old.AwaitingConfirmation ? time.GetUtcNow() : null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await book.InsertOrRefuseAsync(appointment, slot, actor, ct);
        await cancel.CancelInTransactionAsync(actor, oldGrant, old, late, "Ombokning", ct);
        await book.AuditAndPublishAsync(actor, found, appointment, "Ombokning", ct, clocksMayHaveChanged: true);
        await transaction.CommitAsync(ct);
        return new BookSlot.Booked(appointment.Id.Value, slot.Id.Value, slot.Start, slot.End, slot.Type, slot.UnitId.Value);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/appointments/{id:guid}/rebook", async (Guid id, Request request, HttpContext http, RebookAppointment handler, CancellationToken ct) =>
            {
                var booked = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(id), request, ct);
                return Results.Created($"/api/booking/appointments/{booked.AppointmentId}", booked);
            })
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Boka om till en annan ledig tid på samma enhet. Den nya tiden tas och den gamla släpps i samma transaktion.");
}

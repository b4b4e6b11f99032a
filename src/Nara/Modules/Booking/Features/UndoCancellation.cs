using Nara.Modules.Booking.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Undoes a cancellation made a moment ago (at most <see cref="UndoWindow"/>): books the same time again for the same
/// person, if it is still free and still ahead. It is a new booking (with its confirmation and its audit event) rather
/// than the old one revived, so the history keeps the cancellation as it happened; who may undo is who may cancel.
/// </summary>
public sealed class UndoCancellation(NaraDbContext db, ResidentAccess access, BookSlot book, TimeProvider time) : IFeature
{
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(15);

    /// <summary>Whether a cancellation at <paramref name="cancelledAt"/> of a time starting at <paramref name="start"/> can still be undone.</summary>
    public static bool CanUndo(AppointmentStatus status, DateTimeOffset? cancelledAt, DateTimeOffset start, DateTimeOffset now) =>
        status == AppointmentStatus.Avbokad && cancelledAt is { } at && now - at <= UndoWindow && start > now;

    public async Task<BookSlot.Booked> HandleAsync(Actor actor, AppointmentId id, CancellationToken ct)
    {
        var (appointment, _) = await CancelAppointment.FindOwnAsync(db, access, actor, id, ct);
        if (!CanUndo(appointment.Status, appointment.CancelledAt, appointment.Start, time.GetUtcNow()))
        {
            throw ProblemException.Conflict("id", "Avbokningen kan inte längre ångras. Boka en ny tid i stället.");
        }
        return await book.HandleAsync(actor, appointment.SlotId, new BookSlot.Request(appointment.ResidentId.Value, appointment.Reason), ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/appointments/{id:guid}/undo-cancel", async (Guid id, HttpContext http, UndoCancellation handler, CancellationToken ct) =>
            {
                var booked = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(id), ct);
                return Results.Created($"/api/booking/appointments/{booked.AppointmentId}", booked);
            })
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Ångra en avbokning inom 15 minuter: samma tid bokas igen för samma person om den fortfarande är ledig (en ny bokning). 409 när det är för sent eller tiden är tagen.");
}

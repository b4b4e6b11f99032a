using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>
/// The resident (or a guardian for a child) checks in to a booked video or chat visit and waits in the waiting room.
/// Allowed from 15 minutes before the start until the booked end (<see cref="CheckInWindow"/>). Checking in again
/// while waiting or in the meeting changes nothing. The check-in and its audit event commit together.
/// </summary>
public sealed class CheckIn(NaraDbContext db, MeetingRooms rooms, MeetingNotifier notifier, TimeProvider time) : IFeature
{
    public async Task<MeetingView> HandleAsync(Actor actor, AppointmentId appointmentId, CancellationToken ct)
    {
        var room = await rooms.OpenDigitalAsync(actor, appointmentId, AuditAction.Write, ct);
        if (room.Role != MeetingRole.Resident)
        {
            throw ProblemException.Forbidden("Det är patienten, eller en vårdnadshavare, som checkar in. Släpp in patienten från väntrummet.");
        }
        var now = time.GetUtcNow();
        if (MeetingRooms.CheckInRefusal(room, now) is { } refusal)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
            throw MeetingRooms.StateOf(room) is MeetingState.Avslutat or MeetingState.Stangt
                ? ProblemException.Conflict("appointmentId", refusal)
                : ProblemException.Invalid("appointmentId", refusal);
        }
        if (room.Meeting is not null)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
            return await rooms.ViewAsync(room, ct);
        }
        var meeting = new Meeting
        {
            AppointmentId = room.Visit.AppointmentId,
            ResidentId = room.Visit.Resident,
            UnitId = room.Visit.Unit,
            Kind = room.Kind,
            CheckedInAt = now,
            CheckedInBy = actor.Id,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(meeting);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A second check-in (another tab, the other guardian) won the race: the resident is checked in either way.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await new GetMeeting(rooms).HandleAsync(actor, appointmentId, ct);
            }
            await MeetingRooms.AuditAsync(room, AuditAction.Write, "Incheckning", ct);
            await transaction.CommitAsync(ct);
        }
        await notifier.WaitingRoomChangedAsync(room.Visit.Unit);
        return await rooms.ViewAsync(room with { Meeting = meeting }, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/virtualcare/meetings/{appointmentId:guid}/check-in", async (Guid appointmentId, HttpContext http, CheckIn handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(appointmentId), ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithVirtualCareProblems()
            .WithSummary("Checka in till ett video- eller chattbesök (från 15 minuter före start till sluttiden). 400 för tidigt eller för ett mottagningsbesök, 404 för någon annans besök.");
}

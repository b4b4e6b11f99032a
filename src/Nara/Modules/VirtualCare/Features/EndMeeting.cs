using Nara.Modules.Booking.Contracts;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>
/// The clinician ends the meeting, which records the contact: the booking becomes Genomförd (and the booking module
/// publishes VisitCompleted), the meeting gets its end and who ended it, and the audit event is written, in one
/// transaction. Any clinician at the unit may end a meeting in progress (the one who let the resident in may have lost
/// their connection).
/// </summary>
public sealed class EndMeeting(NaraDbContext db, MeetingRooms rooms, IBookedVisits visits, MeetingNotifier notifier, TimeProvider time) : IFeature
{
    public async Task<MeetingView> HandleAsync(Actor actor, AppointmentId appointmentId, CancellationToken ct)
    {
        var room = await rooms.OpenDigitalAsync(actor, appointmentId, AuditAction.Write, ct);
        if (room.Role == MeetingRole.Resident)
        {
            throw ProblemException.Forbidden("Det är vårdpersonalen som avslutar mötet. Du kan stänga sidan när du vill.");
        }
        if (MeetingRooms.StateOf(room) != MeetingState.Pagar || room.Meeting is not { } meeting)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
            throw ProblemException.Conflict("appointmentId", MeetingRooms.StateOf(room) == MeetingState.Avslutat ? "Mötet är redan avslutat." : "Mötet har inte börjat: släpp in patienten först.");
        }
        meeting.Status = MeetingStatus.Avslutat;
        meeting.EndedAt = time.GetUtcNow();
        meeting.EndedBy = actor.StaffId;
        meeting.Version = Guid.NewGuid();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            if (!await visits.RecordVisitAsync(appointmentId, actor.StaffId, ct))
            {
                await transaction.RollbackAsync(ct);
                throw ProblemException.Conflict("appointmentId", "Besöket är avbokat eller redan registrerat.");
            }
            await MeetingRooms.AuditAsync(room, AuditAction.Write, "Digitalt vårdmöte avslutat, besöket registrerat", ct);
            await transaction.CommitAsync(ct);
        }
        await notifier.StateChangedAsync(appointmentId, meeting.Status);
        await notifier.WaitingRoomChangedAsync(room.Visit.Unit);
        return await rooms.ViewAsync(room with { Visit = room.Visit with { Status = AppointmentStatus.Genomford } }, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/virtualcare/meetings/{appointmentId:guid}/end", async (Guid appointmentId, HttpContext http, EndMeeting handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(appointmentId), ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithVirtualCareProblems()
            .WithSummary("Avsluta mötet: besöket registreras som genomfört. Bara personal på besökets enhet; 409 om mötet inte pågår.");
}

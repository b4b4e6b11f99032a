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
/// A clinician at the visit's unit lets a waiting resident in: the meeting opens for the two of them. If two
/// clinicians click at once, one wins and the other is told who (the meeting's version is a concurrency token).
/// </summary>
public sealed class AdmitResident(NaraDbContext db, MeetingRooms rooms, MeetingNotifier notifier, TimeProvider time) : IFeature
{
    public async Task<MeetingView> HandleAsync(Actor actor, AppointmentId appointmentId, CancellationToken ct)
    {
        var room = await rooms.OpenDigitalAsync(actor, appointmentId, AuditAction.Write, ct);
        if (room.Role == MeetingRole.Resident)
        {
            throw ProblemException.Forbidden("Det är vårdpersonalen som släpper in patienten.");
        }
        var state = MeetingRooms.StateOf(room);
        if (state != MeetingState.Vantar || room.Meeting is not { } meeting)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
            throw ProblemException.Conflict("appointmentId", state switch
            {
                MeetingState.EjIncheckad => "Patienten har inte checkat in än.",
                MeetingState.Pagar => $"{room.Meeting?.ClinicianName} har redan släppt in patienten.",
                _ => "Mötet är avslutat.",
            });
        }
        meeting.Status = MeetingStatus.Pagar;
        meeting.AdmittedAt = time.GetUtcNow();
        meeting.AdmittedBy = actor.StaffId;
        meeting.ClinicianName = actor.Name;
        meeting.Version = Guid.NewGuid();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(ct);
                throw ProblemException.Conflict("appointmentId", "En kollega har redan släppt in patienten.");
            }
            await MeetingRooms.AuditAsync(room, AuditAction.Write, "Släppt in i digitalt vårdmöte", ct);
            await transaction.CommitAsync(ct);
        }
        await notifier.StateChangedAsync(appointmentId, meeting.Status);
        await notifier.WaitingRoomChangedAsync(room.Visit.Unit);
        return await rooms.ViewAsync(room with { Role = MeetingRole.Clinician }, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/virtualcare/meetings/{appointmentId:guid}/admit", async (Guid appointmentId, HttpContext http, AdmitResident handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(appointmentId), ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithVirtualCareProblems()
            .WithSummary("Släpp in en väntande patient: mötet öppnas för patienten och dig. Bara personal på besökets enhet; 409 om patienten inte väntar.");
}

using Nara.Modules.Booking.Contracts;
using Nara.Modules.VirtualCare.Data;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>
/// A chat message from one of the meeting's two parties while it is in progress, beside the video or as the whole
/// chat visit. Stored with its audit event in one transaction, then pushed to the meeting's browsers.
/// </summary>
public sealed class SendChatMessage(NaraDbContext db, MeetingRooms rooms, MeetingNotifier notifier, TimeProvider time) : IFeature
{
    public sealed record Request(string? Text);

    public async Task<MessageView> HandleAsync(Actor actor, AppointmentId appointmentId, Request request, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw ProblemException.Invalid("text", "Skriv ett meddelande.");
        }
        if (text.Length > SendChatMessageLimits.MaxLength)
        {
            throw ProblemException.Invalid("text", $"Meddelandet får vara högst {SendChatMessageLimits.MaxLength} tecken.");
        }
        var room = await rooms.OpenDigitalAsync(actor, appointmentId, AuditAction.Write, ct);
        if (MeetingRooms.StateOf(room) != MeetingState.Pagar)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
            throw ProblemException.Conflict("appointmentId", "Chatten är öppen bara medan mötet pågår.");
        }
        if (!room.IsParticipant)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
            throw ProblemException.Forbidden($"Mötet är mellan patienten och {room.Meeting!.ClinicianName}.");
        }
        var message = new MeetingMessage
        {
            AppointmentId = appointmentId,
            FromStaff = !actor.IsResident,
            AuthorId = actor.Id,
            AuthorName = actor.Name,
            Text = text,
            At = time.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(message);
            await db.SaveChangesAsync(ct);
            await MeetingRooms.AuditAsync(room, AuditAction.Write, "Chattmeddelande", ct);
            await transaction.CommitAsync(ct);
        }
        var view = MeetingRooms.ToView(message);
        await notifier.ChatAsync(appointmentId, view);
        return view;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/virtualcare/meetings/{appointmentId:guid}/messages",
                async (Guid appointmentId, Request request, HttpContext http, SendChatMessage handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(appointmentId), request, ct)))
            .RequireAuthorization()
            .WithVirtualCareProblems()
            .WithWriteLimit().WithSummary("Skicka ett chattmeddelande i ett pågående möte (patienten eller den som släppt in patienten). Högst 2000 tecken.");
}

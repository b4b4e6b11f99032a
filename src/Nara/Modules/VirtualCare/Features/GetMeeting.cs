using Nara.Modules.Booking.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>A digital visit's meeting as the actor sees it: time, type, where it is, and the chat so far. Audited as a read.</summary>
public sealed class GetMeeting(MeetingRooms rooms) : IFeature
{
    public async Task<MeetingView> HandleAsync(Actor actor, AppointmentId appointmentId, CancellationToken ct)
    {
        var room = await rooms.OpenDigitalAsync(actor, appointmentId, AuditAction.Read, ct);
        await MeetingRooms.AuditAsync(room, AuditAction.Read, null, ct);
        return await rooms.ViewAsync(room, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/virtualcare/meetings/{appointmentId:guid}", async (Guid appointmentId, HttpContext http, GetMeeting handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(appointmentId), ct)))
            .RequireAuthorization()
            .WithVirtualCareProblems()
            .WithSummary("Mötet för ett bokat video- eller chattbesök: tid, typ, läge och chatten. 404 för någon annans besök.");
}

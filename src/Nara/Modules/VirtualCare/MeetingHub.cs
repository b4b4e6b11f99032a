using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.VirtualCare.Features;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;

namespace Nara.Modules.VirtualCare;

/// <summary>
/// Signalling for the browsers' WebRTC peer connection (offer, answer, ICE candidates) and the meeting's live events.
/// Every join is authorised again from the database: only the meeting's two parties (the resident's side, and the
/// clinician who let the resident in) join a meeting, and signals are relayed only between connections that joined.
/// The media itself goes peer to peer, never through the server.
/// </summary>
[Authorize]
public sealed class MeetingHub(MeetingRooms rooms, SendChatMessage chat, MeetingPresence presence) : Hub
{
    private static readonly HashSet<string> SignalKinds = ["ready", "offer", "answer", "candidate"];
    private const int MaxSignalLength = 20_000;

    public sealed record Joined(string Role, string State, string Kind);

    /// <summary>Joins a meeting's group: the resident's side from check-in, the admitting clinician once the meeting is in progress.</summary>
    public async Task<Joined> Join(Guid appointmentId)
    {
        var actor = Actor.FromPrincipal(Context.User) ?? throw new HubException("Logga in först.");
        Room room;
        try
        {
            room = await rooms.OpenDigitalAsync(actor, new AppointmentId(appointmentId), AuditAction.Read, Context.ConnectionAborted);
        }
        catch (ProblemException problem)
        {
            throw new HubException(problem.Message);
        }
        var state = MeetingRooms.StateOf(room);
        var allowed = room.Role == MeetingRole.Resident ? state is MeetingState.Vantar or MeetingState.Pagar
            : room.Role == MeetingRole.Clinician && state == MeetingState.Pagar;
        if (!allowed)
        {
            await MeetingRooms.AuditAsync(room, AuditAction.Read, null, Context.ConnectionAborted);
            throw new HubException("Du kan inte ansluta till det här mötet just nu.");
        }
        await MeetingRooms.AuditAsync(room, AuditAction.Read, "Anslöt till digitalt vårdmöte", Context.ConnectionAborted);
        var group = MeetingNotifier.MeetingGroup(new AppointmentId(appointmentId));
        if (presence.Take(appointmentId, room.Role, Context.ConnectionId) is { } replaced)
        {
            // The same side opened the meeting in another window: that one takes over, so there are never three parties.
            await Groups.RemoveFromGroupAsync(replaced, group, Context.ConnectionAborted);
            await Clients.Client(replaced).SendAsync("replaced", Context.ConnectionAborted);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        JoinedMeetings()[appointmentId] = room.Role;
        return new Joined(room.Role == MeetingRole.Resident ? "resident" : "clinician", state.ToString(), room.Kind.ToString());
    }

    /// <summary>Relays a WebRTC signal to the other party of a meeting this connection has joined.</summary>
    public async Task Signal(Guid appointmentId, string kind, string payload)
    {
        if (!JoinedMeetings().TryGetValue(appointmentId, out var role) || !presence.Holds(appointmentId, role, Context.ConnectionId))
        {
            throw new HubException("Anslut till mötet först.");
        }
        if (!SignalKinds.Contains(kind) || payload is null || payload.Length > MaxSignalLength)
        {
            throw new HubException("Okänd signal.");
        }
        await Clients.OthersInGroup(MeetingNotifier.MeetingGroup(new AppointmentId(appointmentId)))
            .SendAsync("signal", kind, payload, role == MeetingRole.Resident ? "resident" : "clinician", Context.ConnectionAborted);
    }

    /// <summary>Sends a chat message in a meeting this connection has joined (stored and audited as over the REST API).</summary>
    public async Task SendChat(Guid appointmentId, string text)
    {
        if (!JoinedMeetings().TryGetValue(appointmentId, out var role) || !presence.Holds(appointmentId, role, Context.ConnectionId))
        {
            throw new HubException("Anslut till mötet först.");
        }
        try
        {
            await chat.HandleAsync(Actor.FromPrincipal(Context.User)!, new AppointmentId(appointmentId), new SendChatMessage.Request(text), Context.ConnectionAborted);
        }
        catch (ProblemException problem)
        {
            throw new HubException(problem.Message);
        }
    }

    /// <summary>A clinician's waiting room page listens for changes at their unit (the push carries no personal data).</summary>
    public async Task WatchWaitingRoom()
    {
        var actor = Actor.FromPrincipal(Context.User);
        if (actor is not { IsClinician: true, Unit: { } unit })
        {
            throw new HubException("Väntrummet är för vårdpersonal på en enhet.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, MeetingNotifier.UnitGroup(unit), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Release(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Dictionary<Guid, MeetingRole> JoinedMeetings()
    {
        if (Context.Items.TryGetValue("meetings", out var value) && value is Dictionary<Guid, MeetingRole> joined)
        {
            return joined;
        }
        var created = new Dictionary<Guid, MeetingRole>();
        Context.Items["meetings"] = created;
        return created;
    }
}

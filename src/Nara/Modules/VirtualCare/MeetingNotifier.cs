using Microsoft.AspNetCore.SignalR;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Identifiers;

namespace Nara.Modules.VirtualCare;

/// <summary>
/// Tells the browsers of a meeting, and the unit's waiting room, that something changed. Sent after commit. The unit's
/// waiting room is told only that it changed (no personal data on that channel); the page reloads to see what.
/// </summary>
public sealed partial class MeetingNotifier(IHubContext<MeetingHub> hub, ILogger<MeetingNotifier> logger)
{
    public static string MeetingGroup(AppointmentId appointmentId) => $"meeting:{appointmentId.Value:N}";

    public static string UnitGroup(UnitId unit) => $"unit:{unit.Value:N}";

    public Task WaitingRoomChangedAsync(UnitId unit) => SendAsync(UnitGroup(unit), "waitingRoomChanged", []);

    public Task StateChangedAsync(AppointmentId appointmentId, MeetingStatus status) => SendAsync(MeetingGroup(appointmentId), "stateChanged", [status.ToString()]);

    public Task ChatAsync(AppointmentId appointmentId, MessageView message) => SendAsync(MeetingGroup(appointmentId), "chat", [message]);

    private async Task SendAsync(string group, string method, object?[] args)
    {
        try
        {
            await hub.Clients.Group(group).SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
        {
            // The change is committed; a browser that missed the push sees it on its next load.
            LogPushFailed(logger, method, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Method} to a meeting group")]
    private static partial void LogPushFailed(ILogger logger, string method, Exception ex);
}

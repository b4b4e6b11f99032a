using Microsoft.AspNetCore.SignalR;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Messaging;

/// <summary>
/// Pushes a committed message to the pages that have the thread open (over <see cref="MessagesHub"/>), and tells the
/// unit's open inbox pages that something changed (that only: no personal data on the unit's channel).
/// </summary>
public sealed partial class MessagingNotifier(IHubContext<MessagesHub> hub, ILogger<MessagingNotifier> logger)
{
    public static string ThreadGroup(ThreadId thread) => $"thread:{thread.Value:N}";

    public static string UnitGroup(UnitId unit) => $"unit-messages:{unit.Value:N}";

    internal async Task PostedAsync(MessageThread thread, ThreadMessageView message)
    {
        await SendAsync(ThreadGroup(thread.Id), "message", [thread.Id.Value, message]);
        await SendAsync(UnitGroup(thread.UnitId), "threadsChanged", []);
    }

    internal Task ThreadChangedAsync(MessageThread thread) => SendAsync(UnitGroup(thread.UnitId), "threadsChanged", []);

    private async Task SendAsync(string group, string method, object?[] args)
    {
        try
        {
            await hub.Clients.Group(group).SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
        {
            // The message is committed; a page that missed the push shows it on its next load.
            LogPushFailed(logger, method, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Method} to a messaging group")]
    private static partial void LogPushFailed(ILogger logger, string method, Exception ex);
}

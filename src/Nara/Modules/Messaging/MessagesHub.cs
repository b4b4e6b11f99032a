using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging;

/// <summary>
/// Live messages: a page with a thread open watches it and gets each new message as it is committed; a unit's inbox page
/// watches the unit and is told when its threads change. Every watch is authorised from the database under the same
/// rules as reading the thread, and audited.
/// </summary>
[Authorize]
public sealed class MessagesHub(NaraDbContext db, ResidentAccess access, TimeProvider time) : Hub
{
    /// <summary>Starts pushing the thread's new messages to this connection, and marks what the other side wrote as read.</summary>
    public async Task WatchThread(Guid threadId)
    {
        var actor = Actor.FromPrincipal(Context.User) ?? throw new HubException("Logga in först.");
        try
        {
            var (thread, grant) = await Threads.OpenAsync(db, access, actor, new ThreadId(threadId), AuditAction.Read, Context.ConnectionAborted);
            await grant.AuditAsync("Följer tråden live", Context.ConnectionAborted);
            await Groups.AddToGroupAsync(Context.ConnectionId, MessagingNotifier.ThreadGroup(thread.Id), Context.ConnectionAborted);
        }
        catch (ProblemException problem)
        {
            throw new HubException(problem.Message);
        }
    }

    /// <summary>Marks what the other side wrote in the thread as read (the page shows a pushed message).</summary>
    public async Task MarkRead(Guid threadId)
    {
        var actor = Actor.FromPrincipal(Context.User) ?? throw new HubException("Logga in först.");
        try
        {
            var (thread, grant) = await Threads.OpenAsync(db, access, actor, new ThreadId(threadId), AuditAction.Read, Context.ConnectionAborted);
            if (await Threads.MarkReadAsync(db, thread, actor, time.GetUtcNow(), Context.ConnectionAborted) is { } note)
            {
                await grant.AuditAsync(note, Context.ConnectionAborted);
            }
        }
        catch (ProblemException problem)
        {
            throw new HubException(problem.Message);
        }
    }

    /// <summary>Tells this connection when the threads of the actor's unit change (the unit's inbox page).</summary>
    public async Task WatchInbox()
    {
        var actor = Actor.FromPrincipal(Context.User) ?? throw new HubException("Logga in först.");
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw new HubException("Du behöver arbeta på en enhet för att se dess meddelanden.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, MessagingNotifier.UnitGroup(unit), Context.ConnectionAborted);
    }
}

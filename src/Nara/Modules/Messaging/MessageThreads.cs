using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Modules.Messaging.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging;

/// <summary>The messaging contract for other modules (a triage case's conversation).</summary>
[NoAccessCheck("Opens and adds to threads, and reads their messages, for a caller that has checked its access to the person; posting as an actor goes through PostMessage, which checks.")]
internal sealed class MessageThreads(NaraDbContext db, PostMessage post, DomainEvents events) : IMessageThreads
{
    public void Open(ThreadId id, ResidentId resident, UnitId unit, string topic, ThreadOrigin origin, Actor startedBy, DateTimeOffset at) =>
        db.Add(new MessageThread
        {
            Id = id, ResidentId = resident, UnitId = unit, Topic = topic.Length <= Threads.MaxTopic ? topic : topic[..Threads.MaxTopic], OriginKind = origin.Kind, OriginId = origin.Id,
            StartedBy = startedBy.Id, StartedByStaff = !startedBy.IsResident, CreatedAt = at, LastMessageAt = at,
        });

    public async Task AddAsync(ThreadId thread, Actor author, string text, DateTimeOffset at, CancellationToken ct, bool announce = false)
    {
        var tracked = await TrackedAsync(thread, ct);
        var (message, _) = await Threads.AddMessageAsync(db, tracked, author, text, [], at, ct);
        if (announce)
        {
            await events.PublishAsync(new ThreadMessagePosted(tracked.Id, tracked.Origin, tracked.ResidentId, tracked.UnitId, author, message.FromStaff, at, message.Id.Value, text), ct);
        }
    }

    public async Task CloseAsync(ThreadId thread, Actor by, DateTimeOffset at, CancellationToken ct) => (await TrackedAsync(thread, ct)).Close(by.Name, at);

    private async Task<MessageThread> TrackedAsync(ThreadId thread, CancellationToken ct) =>
        await db.Set<MessageThread>().FindAsync([thread], ct) ?? throw new InvalidOperationException("The thread does not exist.");

    public Task<ThreadMessageView> PostAsync(Actor actor, ThreadId thread, string? text, IReadOnlyList<NewAttachment> attachments, CancellationToken ct) =>
        post.HandleAsync(actor, thread, text, attachments, ct);

    public async Task<IReadOnlyDictionary<ThreadId, AwaitingAnswer>> AwaitingAsync(IReadOnlyCollection<ThreadId> threads, CancellationToken ct)
    {
        var ids = threads.ToList();
        return (await db.Set<MessageThread>().AsNoTracking()
                .Where(t => ids.Contains(t.Id) && t.Status == ThreadStatus.Oppen && t.AwaitingSince != null)
                .Select(t => new { t.Id, t.AwaitingSince, t.AnswerDueAt }).ToListAsync(ct))
            .ToDictionary(t => t.Id, t => new AwaitingAnswer(t.AwaitingSince!.Value, t.AnswerDueAt ?? t.AwaitingSince!.Value));
    }

    public Task<IReadOnlyDictionary<ThreadId, IReadOnlyList<ThreadMessageView>>> MessagesAsync(IReadOnlyCollection<ThreadId> threads, CancellationToken ct) =>
        Threads.ViewsAsync(db, threads, ct);
}

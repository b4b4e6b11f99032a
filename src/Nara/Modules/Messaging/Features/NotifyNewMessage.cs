using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// Tells the person that care has written (through the outbox, in the message's own transaction), without health
/// details: not the unit, not the topic, only that there is a message in Nära. For a child's thread the guardian who
/// started it is told. A triage case's conversation is noticed by Triage (its answer is the case's first contact).
/// </summary>
[NoAccessCheck("Reads the thread only to address the notice, inside the transaction of the message that was access-checked.")]
public sealed class NotifyNewMessage(NaraDbContext db, IOutbox outbox) : IDomainEventSubscriber<ThreadMessagePosted>, IFeature
{
    public const string Kind = "Nytt meddelande";

    public async Task HandleAsync(ThreadMessagePosted e, CancellationToken ct)
    {
        if (!e.FromStaff || e.Origin is not null)
        {
            return;
        }
        var thread = db.Set<MessageThread>().Local.FirstOrDefault(t => t.Id == e.Thread)
            ?? await db.Set<MessageThread>().AsNoTracking().FirstAsync(t => t.Id == e.Thread, ct);
        var recipient = !thread.StartedByStaff && thread.StartedBy != e.Resident.Value ? new ResidentId(thread.StartedBy) : e.Resident;
        await outbox.EnqueueAsync(new NewMessage(recipient, Kind, "Du har fått ett meddelande i Nära",
            "Vården har skrivit till dig. Logga in i Nära och se Meddelanden för att läsa och svara.", e.At, $"message-thread:{e.Thread.Value}"), ct);
    }
}

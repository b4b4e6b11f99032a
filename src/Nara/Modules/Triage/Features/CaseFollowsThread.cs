using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// A case's conversation is a thread in Messaging, written to from the case page or the messages page alike; the case
/// follows each message in the message's own transaction. Care's message is the case's answer (its first contact, the
/// case taken by the one answering, the notice to the person and the care guarantee's clock); the person's message marks
/// the case answered by the patient. A closed case takes no more messages.
/// </summary>
[NoAccessCheck("Follows a message that Messaging posted under the thread's access check (the case's unit, or the person), in its transaction.")]
public sealed class CaseFollowsThread(NaraDbContext db, DomainEvents events) : IDomainEventSubscriber<ThreadMessagePosted>, IFeature
{
    public async Task HandleAsync(ThreadMessagePosted e, CancellationToken ct)
    {
        if (e.Origin is not { Kind: TriageCase.OriginKind } origin)
        {
            return;
        }
        var id = new TriageCaseId(origin.Id);
        var c = await db.Set<TriageCase>().FirstAsync(x => x.Id == id, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", e.FromStaff ? "Ärendet är stängt." : "Ärendet är avslutat. Gör en ny bedömning om du behöver hjälp igen.");
        }
        c.ConcurrencyToken++;
        if (!e.FromStaff)
        {
            c.ResidentRepliedAt = e.At;
            return;
        }
        ReplyToCase.Contact(c, e.Author, e.At);
        await events.PublishAsync(new TriageCaseAnswered(c.Id, c.ResidentId, c.UnitId, e.At, e.Author.StaffId, e.Author.Profession, null, null), ct);
    }
}

using Nara.Modules.Messaging.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Time;

namespace Nara.Modules.Messaging;

/// <summary>The worklist's messages: threads at the unit waiting for an answer, held by the actor or by nobody yet.</summary>
internal sealed class MessagesWorkItems(ListUnitThreads threads, TimeProvider time) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        var page = await threads.HandleAsync(actor, ListUnitThreads.Filter.Waiting, 1, 50, ct);
        var endOfToday = Stockholm.ToUtc(Stockholm.Today(time).AddDays(1), TimeOnly.MinValue);
        return page.Items.Where(t => t.AssignedToId is null || t.AssignedToId == actor.Id)
            .Select(t => new WorkItem("Meddelande", t.Topic, t.ResidentId, t.ResidentName, t.AnswerDueAt,
                t.Overdue ? WorkUrgency.Forsenad : t.AnswerDueAt <= endOfToday ? WorkUrgency.Idag : WorkUrgency.Snart, $"/meddelanden/{t.Id}"))
            .ToList();
    }
}

using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Triage;

/// <summary>The worklist's triage cases: the unit's open cases that care has not yet answered.</summary>
internal sealed class TriageWorkItems(ListInbox inbox) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is null)
        {
            return [];
        }
        var page = await inbox.HandleAsync(actor, ListInbox.Filter.Open, 1, 50, ct);
        return page.Items.Where(c => !c.Contacted)
            .Select(c => new WorkItem("Arende", c.ComplaintTitle, c.ResidentId, c.ResidentName, c.CreatedAt,
                c.Urgency switch
                {
                    Urgency.Ring112 or Urgency.AkutNu => WorkUrgency.Akut,
                    Urgency.VardIdag => WorkUrgency.Idag,
                    _ => WorkUrgency.Snart,
                }, $"/inkorg/{c.Id}"))
            .ToList();
    }
}

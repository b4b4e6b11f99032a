using Nara.Modules.Assessments.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Assessments;

/// <summary>The worklist's crisis alerts: every unacknowledged alert at the unit, before everything else; escalated ones say so.</summary>
internal sealed class CrisisWorkItems(ListCrisisAlerts alerts) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is null)
        {
            return [];
        }
        return (await alerts.HandleAsync(actor, ct))
            .Select(a => new WorkItem("Kris", a.EscalatedAt is null ? a.Reason : $"{a.Reason} – eskalerat till verksamhetschef", a.ResidentId, a.ResidentName,
                a.AcknowledgeBy, WorkUrgency.Kris, $"/min-arbetsdag/patient/{a.ResidentId}/formular#h-crisis"))
            .ToList();
    }
}

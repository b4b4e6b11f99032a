using Nara.Modules.Monitoring.Domain;
using Nara.Modules.Monitoring.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Time;

namespace Nara.Modules.Monitoring;

/// <summary>The worklist's measurement alerts: high priority now, the others by their time; escalated ones say so.</summary>
internal sealed class MeasurementWorkItems(ListMeasurementAlerts alerts, TimeProvider time) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is null)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var endOfToday = Stockholm.ToUtc(Stockholm.Today(time).AddDays(1), TimeOnly.MinValue);
        return (await alerts.HandleAsync(actor, ct))
            .Select(a => new WorkItem("Matvarde", a.EscalatedAt is null ? a.Reason : $"{a.Reason} – eskalerat till verksamhetschef", a.ResidentId, a.ResidentName, a.HandleBy,
                a.Priority == AlertPriority.Hog ? WorkUrgency.Akut : a.HandleBy < now ? WorkUrgency.Forsenad : a.HandleBy <= endOfToday ? WorkUrgency.Idag : WorkUrgency.Snart,
                $"/min-arbetsdag/patient/{a.ResidentId}/matvarden?matt={a.Measure}#h-alerts"))
            .ToList();
    }
}

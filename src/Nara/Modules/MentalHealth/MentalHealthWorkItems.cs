using Nara.Modules.MentalHealth.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Time;

namespace Nara.Modules.MentalHealth;

/// <summary>The worklist's stepped-care tasks: first assessments by their clock, and steps where no response proposes stepping up.</summary>
internal sealed class MentalHealthWorkItems(ListSteppedCareTasks tasks, TimeProvider time) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is null || !actor.IsClinician)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var endOfToday = Stockholm.ToUtc(Stockholm.Today(time).AddDays(1), TimeOnly.MinValue);
        return (await tasks.HandleAsync(actor, ct))
            .Select(t => new WorkItem(t.Kind == "FirstAssessment" ? "Bedomning" : "Stegvis", t.Text, t.ResidentId, t.ResidentName, t.DueAt,
                t.DueAt < now ? WorkUrgency.Forsenad : t.DueAt <= endOfToday ? WorkUrgency.Idag : WorkUrgency.Snart,
                $"/min-arbetsdag/patient/{t.ResidentId}/psykisk-halsa#h-stepped"))
            .ToList();
    }
}

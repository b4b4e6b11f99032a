using Nara.Modules.MentalHealth.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Time;

namespace Nara.Modules.MentalHealth;

/// <summary>The worklist's stepped-care tasks (first assessments by their clock, steps where no response proposes stepping up) and self-help conversations waiting for the therapist.</summary>
internal sealed class MentalHealthWorkItems(ListSteppedCareTasks tasks, ListSelfHelpTasks selfHelp, TimeProvider time) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is null || !actor.IsClinician)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var endOfToday = Stockholm.ToUtc(Stockholm.Today(time).AddDays(1), TimeOnly.MinValue);
        WorkUrgency By(DateTimeOffset due) => due < now ? WorkUrgency.Forsenad : due <= endOfToday ? WorkUrgency.Idag : WorkUrgency.Snart;
        return (await tasks.HandleAsync(actor, ct))
            .Select(t => new WorkItem(t.Kind == "FirstAssessment" ? "Bedomning" : "Stegvis", t.Text, t.ResidentId, t.ResidentName, t.DueAt, By(t.DueAt),
                $"/min-arbetsdag/patient/{t.ResidentId}/psykisk-halsa#h-stepped"))
            .Concat((await selfHelp.HandleAsync(actor, ct)).Select(t => new WorkItem("Sjalvhjalp", $"Väntar på svar: {t.Programme} (behandlare {t.Therapist})", t.ResidentId,
                t.ResidentName, t.AnswerBy, By(t.AnswerBy), $"/min-arbetsdag/patient/{t.ResidentId}/psykisk-halsa#h-selfhelp")))
            .ToList();
    }
}

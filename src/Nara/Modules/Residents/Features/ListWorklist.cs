using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Residents.Features;

/// <summary>
/// The worklist of <c>/min-arbetsdag</c> as one list: what each module says needs the member of staff or their unit
/// (unanswered messages, overdue plan activities, pathway steps, referrals to handle, SIP follow-ups and calls to
/// discharge planning, triage cases, today's bookings), ordered by urgency and then by when it is due. Each module's
/// part is read through its own access-checked, audited use case.
/// </summary>
public sealed class ListWorklist(IEnumerable<IWorkItemSource> sources) : IFeature
{
    public const int Max = 100;

    /// <param name="Items">At most <see cref="Max"/>, the most urgent and earliest due first.</param>
    /// <param name="Total">How many there are in all.</param>
    /// <param name="ByKind">How many of each kind.</param>
    public sealed record Worklist(IReadOnlyList<WorkItem> Items, int Total, IReadOnlyDictionary<string, int> ByKind);

    public async Task<Worklist> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is null)
        {
            throw ProblemException.Forbidden("Arbetslistan är för vårdpersonal som arbetar på en enhet.");
        }
        var all = new List<WorkItem>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ListAsync(actor, ct));
        }
        var ordered = Order(all);
        return new Worklist(ordered.Take(Max).ToList(), ordered.Count,
            ordered.GroupBy(i => i.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    /// <summary>Most urgent first; within a level the earliest due first, those without a time last.</summary>
    public static IReadOnlyList<WorkItem> Order(IEnumerable<WorkItem> items) =>
        items.OrderBy(i => i.Urgency).ThenBy(i => i.DueAt is null).ThenBy(i => i.DueAt).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Href, StringComparer.Ordinal).ToList();

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/worklist", async (HttpContext http, ListWorklist handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Min arbetsdag")
            .WithSummary("Din arbetslista i en ordning: meddelanden, planaktiviteter, vårdförlopp, remisser, SIP, utskrivningar, ärenden och dagens bokningar, mest brådskande och tidigast först.");
}
